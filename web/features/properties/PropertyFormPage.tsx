import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { ApiError } from '../../api/client';
import { fieldMessage } from '../../api/errors';
import { useMe } from '../../app/auth';
import { fileNumberFa, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { focusFirstError, useFocusOnServerError } from '../../ui/firstError';
import { LoadError } from '../../ui/LoadError';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { StaleVersionAlert } from '../../ui/StaleVersionAlert';
import { useDistricts } from '../admin/admin.queries';
import { LAND_USES, useProperty, useReloadProperty, useSaveProperty, type PropertyDetail } from './properties.queries';
import { OwnersEditor } from './OwnersEditor';
import { emptyPropertyForm, propertyBody, propertyFormOf, propertyProblems, type OwnerDraft, type PropertyFormValues, type PropertyProblems } from './propertyForm';

const f = t.properties.fields;
const m = t.properties.form;

/** /properties/new */
export function NewPropertyPage() {
  const me = useMe();
  return <PropertyForm initial={{ values: emptyPropertyForm(me.district?.id ?? null), owners: [] }} />;
}

/** /properties/:id/edit: the form on the file as loaded, saved with the version it was loaded at. */
export function EditPropertyPage() {
  const { id = '' } = useParams();
  const property = useProperty(id);
  if (property.isPending) return <LoadingState />;
  if (property.isError) return <PropertyLoadError error={property.error} />;
  if (!property.data.can.edit) {
    return (
      <>
        <PageTitle title={m.editTitle(fileNumberFa(property.data.fileNumber))} />
        <Alert color="orange" role="alert" mb="md">
          {t.properties.access.editLocked}
        </Alert>
        <Anchor component={Link} to={`/properties/${property.data.id}`}>
          {t.properties.print.back}
        </Anchor>
      </>
    );
  }
  // Keyed by version: after "reload" the form starts again from the newer file.
  return <PropertyForm key={property.data.version} property={property.data} initial={propertyFormOf(property.data)} />;
}

export function PropertyLoadError({ error }: { error: unknown }) {
  return <LoadError error={error} notFoundTitle={t.properties.page.notFoundTitle} notFoundBody={t.properties.page.notFoundBody} />;
}

interface PropertyFormProps {
  initial: { values: PropertyFormValues; owners: OwnerDraft[] };
  property?: PropertyDetail;
}

function PropertyForm({ initial, property }: PropertyFormProps) {
  const navigate = useNavigate();
  const districts = useDistricts();
  const [values, setValues] = useState(initial.values);
  const [owners, setOwners] = useState(initial.owners);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [sent, setSent] = useState(false);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');

  const districtNumber = districts.data?.items.find((d) => d.id === values.districtId)?.number;
  const problems = propertyProblems(values, owners, districtNumber);

  const save = useSaveProperty(property);
  const reload = useReloadProperty(property?.id ?? '');

  const set = <K extends keyof PropertyFormValues>(key: K, value: PropertyFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const touch = (key: string) => () => setTouched((s) => new Set(s).add(key));
  /** Our own check once the field was left (or the form sent), else the server's word on it. */
  const errorOf = (key: keyof PropertyProblems, ...serverFields: string[]) =>
    ((sent || touched.has(key)) && problems[key]) || [key, ...serverFields].map((field) => fieldMessage(save.error, field)).find(Boolean);

  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnServerError(formRef, save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSent(true);
    if (Object.keys(problems).length === 0) save.mutate(propertyBody(values, owners), { onSuccess: (saved) => void navigate(`/properties/${saved.id}`) });
    else focusFirstError(e.currentTarget);
  };

  const locate = () => {
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setValues((v) => ({ ...v, lat: coords.latitude.toFixed(6), lng: coords.longitude.toFixed(6) }));
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const numberInput = (key: 'plateMain' | 'plateSub' | 'registrySection' | 'landArea' | 'floors' | 'units' | 'lat' | 'lng', label: string, extra: { decimal?: boolean; error?: string } = {}) => (
    <DigitsInput
      label={label}
      value={values[key]}
      onChange={(value) => set(key, value)}
      onBlur={touch(key)}
      inputMode={extra.decimal ? 'decimal' : 'numeric'}
      error={extra.error ?? errorOf(key)}
    />
  );

  const title = property ? m.editTitle(fileNumberFa(property.fileNumber)) : m.newTitle;
  const duplicate = save.error instanceof ApiError && save.error.body.code === 'DUPLICATE_PROPERTY' ? save.error.body.details : undefined;
  const stale = save.error instanceof ApiError && save.error.body.code === 'STALE_VERSION';

  return (
    <>
      <PageTitle title={title} description={property ? undefined : m.newDescription} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Section id="identifiers-title" title={m.identifiers}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={f.district}
                withAsterisk
                data={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.nameFa }))}
                value={values.districtId}
                onChange={(value) => set('districtId', value)}
                placeholder={m.selectPlaceholder}
                error={errorOf('districtId') ?? (districts.isError ? t.common.networkError : undefined)}
                allowDeselect={false}
              />
              <DigitsInput
                label={f.renovationCode}
                description={f.renovationCodeHint}
                value={values.renovationCode}
                onChange={(value) => set('renovationCode', value)}
                onBlur={touch('renovationCode')}
                error={errorOf('renovationCode')}
              />
              <DigitsInput
                label={f.postalCode}
                description={f.postalCodeHint}
                value={values.postalCode}
                onChange={(value) => set('postalCode', value)}
                onBlur={touch('postalCode')}
                error={errorOf('postalCode')}
              />
            </SimpleGrid>
            <Text fw={500} size="sm" mt="md" mb={4}>
              {f.plate}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              {numberInput('plateMain', f.plateMain, { error: errorOf('plate', 'plate.main') })}
              {numberInput('plateSub', f.plateSub, { error: fieldMessage(save.error, 'plate.sub') })}
              {numberInput('registrySection', f.registrySection, { error: fieldMessage(save.error, 'plate.registrySection') })}
            </SimpleGrid>
            {(sent || touched.has('postalCode')) && problems.identifiers && (
              <Text c="red.8" size="sm" mt="sm" role="alert">
                {problems.identifiers}
              </Text>
            )}
          </Section>

          <Section id="location-title" title={m.location}>
            <Textarea
              label={f.address}
              withAsterisk
              autosize
              minRows={2}
              value={values.address}
              onChange={(e) => set('address', e.currentTarget.value)}
              onBlur={touch('address')}
              error={errorOf('address')}
              mb="sm"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {numberInput('lat', `${f.lat} (${m.optional})`, { decimal: true })}
              {numberInput('lng', `${f.lng} (${m.optional})`, { decimal: true })}
              <Button variant="light" onClick={locate} loading={locating === 'busy'} mt={{ base: 0, sm: 25 }}>
                {m.useMyLocation}
              </Button>
            </SimpleGrid>
            {locating === 'failed' && (
              <Text size="sm" c="orange.9" mt="xs" role="status">
                {m.locationFailed}
              </Text>
            )}
          </Section>

          <Section id="details-title" title={m.details}>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              {numberInput('landArea', f.landArea, { decimal: true })}
              <Select
                label={f.landUse}
                data={[...LAND_USES]}
                value={values.landUse}
                onChange={(value) => set('landUse', value)}
                placeholder={m.selectPlaceholder}
                clearable
                error={fieldMessage(save.error, 'landUse')}
              />
              {numberInput('floors', f.floors)}
              {numberInput('units', f.units)}
            </SimpleGrid>
          </Section>

          <OwnersEditor owners={owners} onChange={setOwners} problem={sent ? problems.owners : undefined} serverError={save.error} />

          {duplicate ? (
            <Alert color="orange" title={m.duplicate} role="alert">
              <Text size="sm" mb="xs">
                {(save.error as ApiError).body.messageFa}
              </Text>
              <Anchor component={Link} to={`/properties/${String(duplicate.propertyId)}`} fw={600}>
                {m.openExisting(fileNumberFa(typeof duplicate.fileNumber === 'string' ? duplicate.fileNumber : ''))}
              </Anchor>
            </Alert>
          ) : stale ? (
            <StaleVersionAlert message={m.stale} reloadLabel={m.reload} onReload={reload} />
          ) : (
            save.isError && <ErrorAlert error={save.error} />
          )}

          <Group>
            <Button type="submit" loading={save.isPending} size="md">
              {property ? m.save : m.create}
            </Button>
            <Button variant="default" component={Link} to={property ? `/properties/${property.id}` : '/search'}>
              {m.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

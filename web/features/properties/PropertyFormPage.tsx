import { useCallback, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/auth';
import { fileNumberFa, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFocusOnServerError } from '../../ui/firstError';
import { LoadError } from '../../ui/LoadError';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { StaleVersionAlert } from '../../ui/StaleVersionAlert';
import { useForm } from '../../ui/useForm';
import { useDistricts } from '../admin/admin.queries';
import { CityMap } from '../maps/CityMap';
import { LAND_USES, useProperty, useReloadProperty, useSaveProperty, type PropertyDetail } from './properties.queries';
import { OwnersEditor } from './OwnersEditor';
import {
  emptyPropertyForm, placeOf, propertyBody, propertyFieldOf, propertyFormOf, propertyProblems, withPlace, type PropertyFormValues, type PropertyProblem,
} from './propertyForm';

const f = t.properties.fields;
const m = t.properties.form;

/** /properties/new */
export function NewPropertyPage() {
  const me = useMe();
  return <PropertyForm initial={emptyPropertyForm(me.district?.id ?? null)} />;
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
  initial: PropertyFormValues;
  property?: PropertyDetail;
}

function PropertyForm({ initial, property }: PropertyFormProps) {
  const navigate = useNavigate();
  const districts = useDistricts();
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const districtNumber = (districtId: string | null) => districts.data?.items.find((d) => d.id === districtId)?.number;
  const form = useForm<PropertyFormValues, PropertyProblem>(initial, (v) => propertyProblems(v, districtNumber(v.districtId)), { fieldOf: propertyFieldOf });
  const values = form.values;

  const save = useSaveProperty(property);
  const reload = useReloadProperty(property?.id ?? '');

  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnServerError(formRef, save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (form.validate(e.currentTarget)) save.mutate(propertyBody(values), { onSuccess: (saved) => void navigate(`/properties/${saved.id}`) });
  };

  const locate = () => {
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        form.update((v) => withPlace(v, coords.latitude, coords.longitude));
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const numberInput = (key: 'plateMain' | 'plateSub' | 'registrySection' | 'landArea' | 'floors' | 'units' | 'lat' | 'lng', label: string, extra: { decimal?: boolean; error?: string } = {}) => (
    <DigitsInput label={label} {...form.digits(key, save.error)} inputMode={extra.decimal ? 'decimal' : 'numeric'} {...(extra.error ? { error: extra.error } : {})} />
  );

  const title = property ? m.editTitle(fileNumberFa(property.fileNumber)) : m.newTitle;
  const duplicate = save.error instanceof ApiError && save.error.body.code === 'DUPLICATE_PROPERTY' ? save.error.body.details : undefined;
  const stale = save.error instanceof ApiError && save.error.body.code === 'STALE_VERSION';
  const noIdentifier = form.error('identifiers', save.error);
  const place = placeOf(values);
  const pick = useCallback((lat: number, lng: number) => form.update((v) => withPlace(v, lat, lng)), [form.update]);

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
                onChange={(value) => form.set('districtId', value)}
                placeholder={m.selectPlaceholder}
                error={form.error('districtId', save.error) ?? (districts.isError ? t.common.networkError : undefined)}
                allowDeselect={false}
              />
              <DigitsInput
                label={f.renovationCode}
                description={f.renovationCodeHint}
                {...form.digits('renovationCode', save.error)}
              />
              <DigitsInput
                label={f.postalCode}
                description={f.postalCodeHint}
                {...form.digits('postalCode', save.error)}
                onBlur={() => {
                  // «One identifier at least» shows once the postal code has been left (or the form sent).
                  form.touch('postalCode');
                  form.touch('identifiers');
                }}
              />
            </SimpleGrid>
            <Text fw={500} size="sm" mt="md" mb={4}>
              {f.plate}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              {numberInput('plateMain', f.plateMain, { error: form.error('plate', save.error) })}
              {numberInput('plateSub', f.plateSub)}
              {numberInput('registrySection', f.registrySection)}
            </SimpleGrid>
            {noIdentifier && (
              <Text c="red.8" size="sm" mt="sm" role="alert">
                {noIdentifier}
              </Text>
            )}
          </Section>

          <Section id="location-title" title={m.location}>
            <Textarea
              label={f.address}
              withAsterisk
              autosize
              minRows={2}
              {...form.text('address', save.error)}
              mb="sm"
            />
            <Text size="sm" c="dimmed" mb={4}>
              {m.mapHint}
            </Text>
            <CityMap label={m.mapLabel} picked={place} onPick={pick} height={300} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="sm">
              {numberInput('lat', `${f.lat} (${m.optional})`, { decimal: true })}
              {numberInput('lng', `${f.lng} (${m.optional})`, { decimal: true })}
            </SimpleGrid>
            <Group gap="sm" mt="sm">
              <Button variant="light" onClick={locate} loading={locating === 'busy'}>
                {m.useMyLocation}
              </Button>
              <Button variant="subtle" color="gray" onClick={() => form.update((v) => ({ ...v, lat: '', lng: '' }))} disabled={values.lat === '' && values.lng === ''}>
                {m.clearLocation}
              </Button>
            </Group>
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
                onChange={(value) => form.set('landUse', value)}
                placeholder={m.selectPlaceholder}
                clearable
                error={form.error('landUse', save.error)}
              />
              {numberInput('floors', f.floors)}
              {numberInput('units', f.units)}
            </SimpleGrid>
          </Section>

          <OwnersEditor owners={values.owners} onChange={(owners) => form.set('owners', owners)} problem={form.error('owners', save.error)} serverError={save.error} />

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

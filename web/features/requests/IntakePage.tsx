import { useRef, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Button, Checkbox, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { fileNumberFa, faDigits, formatMoney, formatNumber, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { EmptyState } from '../../ui/EmptyState';
import { useFocusOnServerError } from '../../ui/firstError';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { useForm } from '../../ui/useForm';
import { useProperty, type PropertyDetail } from '../properties/properties.queries';
import { PropertyLoadError } from '../properties/PropertyFormPage';
import { PersonPicker } from '../properties/PersonPicker';
import { useRegisterCase, useService, useServices, type ServiceDetail } from './requests.queries';
import { PendingUploads } from './DocumentUploads';
import { ServiceFieldInput } from './ServiceFieldInput';
import { emptyIntake, intakeFieldOf, intakeProblems, intakeRequest, OTHER_APPLICANT, serviceValues, type IntakeValues } from './intakeForm';

const i = t.requests.intake;

/** /requests/new?propertyId= — ثبت درخواست: the service, its form, the documents and the applicant. */
export function IntakePage() {
  const [params] = useSearchParams();
  const propertyId = params.get('propertyId');
  const property = useProperty(propertyId);
  if (!propertyId) {
    return (
      <>
        <PageTitle title={i.title} />
        <EmptyState title={i.title} description={i.noProperty}>
          <Button component={Link} to="/search">
            {i.findProperty}
          </Button>
        </EmptyState>
      </>
    );
  }
  if (property.isPending) return <LoadingState />;
  if (property.isError) return <PropertyLoadError error={property.error} />;
  return <IntakeForm property={property.data} />;
}

function IntakeForm({ property }: { property: PropertyDetail }) {
  const navigate = useNavigate();
  const services = useServices();
  const register = useRegisterCase();
  // The check reads the chosen service as loaded below (its own fields and required documents):
  // useForm runs it when a message is first asked for, by then `loaded.detail` is set.
  const loaded: { detail?: ServiceDetail } = {};
  const form = useForm<IntakeValues>(emptyIntake(property.owners[0]?.person.id), (x) => intakeProblems(x, loaded.detail), { fieldOf: intakeFieldOf });
  const v = form.values;
  const service = useService(v.serviceCode);
  const detail = (loaded.detail = service.data);
  const offered = (services.data?.items ?? []).filter((s) => s.active && s.enabledForMyOffice);
  const fields = detail?.formFields ?? [];
  const shown = serviceValues(v, detail);

  // Another service: its own fields and documents, none filled in yet.
  const chooseService = (serviceCode: string | null) => form.update((x) => ({ ...x, serviceCode, form: {}, documents: {} }));

  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnServerError(formRef, register.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Still loading the service chosen: nothing to say, the send waits for it.
    if (!form.validate(e.currentTarget) || !detail) return;
    register.mutate(intakeRequest(property.id, v, detail), {
      onSuccess: ({ created, failedUploads }) => void navigate(`/requests/${created.id}/receipt`, { state: { failedUploads } }),
    });
  };

  return (
    <>
      <PageTitle title={i.title} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <PropertySummary property={property} />

          <Section id="service-title" title={t.requests.fields.service}>
            {services.isError && <ErrorAlert error={services.error} />}
            <Select
              label={i.service}
              placeholder={i.servicePlaceholder}
              searchable
              withAsterisk
              data={offered.map((s) => ({ value: s.code, label: s.nameFa }))}
              value={v.serviceCode}
              onChange={chooseService}
              nothingFoundMessage={i.noServices}
              error={form.error('serviceCode', register.error)}
              maw={560}
            />
            {service.isPending && v.serviceCode && <LoadingState />}
            {service.isError && <ErrorAlert error={service.error} />}
            {detail && <ServiceFacts service={detail} />}
          </Section>

          {detail && (
            <>
              <Section id="form-title" title={i.form}>
                {fields.length === 0 ? (
                  <Text c="dimmed">{i.noFormFields}</Text>
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    {fields.map((field) => (
                      <ServiceFieldInput
                        key={field.name}
                        field={field}
                        value={shown[field.name]}
                        onChange={(value) => form.update((x) => ({ ...x, form: { ...x.form, [field.name]: value } }))}
                        onBlur={() => form.touch(`form.${field.name}`)}
                        error={form.error(`form.${field.name}`, register.error)}
                      />
                    ))}
                  </SimpleGrid>
                )}
              </Section>

              <Section id="documents-title" title={i.documents} hint={i.documentsHint}>
                <DocumentsChecklist
                  service={detail}
                  value={v.documents}
                  onChange={(documents) => form.set('documents', documents)}
                  errorOf={(code) => form.error(`documents.${code}`, register.error)}
                />
              </Section>
            </>
          )}

          <Section id="applicant-title" title={i.applicant} hint={i.applicantHint}>
            <Radio.Group value={v.applicant} onChange={(applicant) => form.set('applicant', applicant)} label={i.applicant} error={form.error('applicant', register.error)}>
              <Stack gap="xs" mt="xs">
                {property.owners.map((o) => (
                  <Radio key={o.person.id} value={o.person.id} label={`${o.person.displayName} — ${faDigits(o.person.nationalCode)}`} />
                ))}
                <Radio value={OTHER_APPLICANT} label={i.otherPerson} />
              </Stack>
            </Radio.Group>
            {v.applicant === OTHER_APPLICANT && (
              <Stack mt="sm" gap="xs">
                {v.otherPerson && (
                  <Text fw={600} data-testid="other-applicant">
                    {i.chosenApplicant(`${v.otherPerson.displayName} — ${faDigits(v.otherPerson.nationalCode)}`)}
                  </Text>
                )}
                <PersonPicker label={i.otherPersonCode} onPicked={(person) => form.set('otherPerson', person)} />
              </Stack>
            )}
          </Section>

          <Section id="payment-title" title={i.payment} hint={i.paymentHint}>
            {/* The box sits level with the reference input beside it, and straight above it once they wrap on a phone. */}
            <Group align="flex-end" gap="lg">
              <Checkbox
                mb={8}
                label={i.paymentPaid}
                checked={v.paid}
                onChange={(e) => form.set('paid', e.currentTarget.checked)}
                error={form.error('paid', register.error)}
                data-testid="payment-paid"
              />
              <DigitsInput
                label={i.paymentReference}
                {...form.digits('reference', register.error)}
                // Checked when the form is sent, not on leaving it: the clerk may yet untick «پرداخت شد».
                onBlur={undefined}
                maxLength={40}
                inputMode="text"
                data-testid="payment-reference"
              />
            </Group>
          </Section>

          <Section id="uploads-title" title={i.uploads} hint={i.uploadsHint}>
            <PendingUploads items={v.uploads} onChange={(uploads) => form.set('uploads', uploads)} />
            <Textarea label={i.note} {...form.text('note', register.error)} autosize minRows={2} mt="md" />
          </Section>

          {register.isError && <ErrorAlert error={register.error} />}
          <Group>
            <Button type="submit" size="md" loading={register.isPending}>
              {i.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

function PropertySummary({ property }: { property: PropertyDetail }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="property-title" bg="gray.0">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4" id="property-title">
            {i.property}{' '}
            <Anchor component={Link} to={`/properties/${property.id}`}>
              <bdi>{fileNumberFa(property.fileNumber)}</bdi>
            </Anchor>
          </Title>
          <Text size="sm">{`${property.district.nameFa} — ${faDigits(property.address)}`}</Text>
          <Text size="sm" c="dimmed">
            {`${i.owners}: ${property.owners.map((o) => `${o.person.displayName} (${formatNumber(o.shareDang)} ${t.properties.page.dang})`).join('، ')}`}
          </Text>
        </div>
        <Button component={Link} to="/search" variant="subtle" size="xs">
          {i.changeProperty}
        </Button>
      </Group>
    </Paper>
  );
}

function ServiceFacts({ service }: { service: ServiceDetail }) {
  return (
    <Stack gap={4} mt="sm">
      <Text size="sm">{service.descriptionFa}</Text>
      <Group gap="lg">
        <Text size="sm" fw={600} data-testid="service-fee">
          {i.fee(formatMoney(service.feeRials))}
        </Text>
        <Text size="sm">{i.answerValidity(formatNumber(service.answerValidityDays))}</Text>
      </Group>
    </Stack>
  );
}

interface DocumentsChecklistProps {
  service: ServiceDetail;
  value: Record<string, boolean>;
  onChange: (value: Record<string, boolean>) => void;
  errorOf?: (code: string) => string | undefined;
}

/**
 * The service's required-documents checklist: ticked as the applicant hands each one over. Documents
 * that apply only in some cases (a power of attorney) stand apart, and «همه ارائه شد» leaves them as they are.
 */
export function DocumentsChecklist({ service, value, onChange, errorOf }: DocumentsChecklistProps) {
  const always = service.requiredDocuments.filter((d) => !d.appliesWhenFa);
  const sometimes = service.requiredDocuments.filter((d) => d.appliesWhenFa);
  const box = (d: (typeof service.requiredDocuments)[number]) => (
    <Checkbox
      key={d.code}
      label={d.required ? `${d.titleFa} ${i.requiredMark}` : d.titleFa}
      description={d.appliesWhenFa}
      checked={value[d.code] === true}
      onChange={(e) => onChange({ ...value, [d.code]: e.currentTarget.checked })}
      error={errorOf?.(d.code)}
      data-document={d.code}
    />
  );
  return (
    <Stack gap="xs">
      {always.map(box)}
      <Group>
        <Button variant="subtle" size="xs" onClick={() => onChange({ ...value, ...Object.fromEntries(always.map((d) => [d.code, true])) })}>
          {i.allPresented}
        </Button>
      </Group>
      {sometimes.length > 0 && (
        <Stack gap="xs" role="group" aria-label={i.conditionalDocuments} data-testid="conditional-documents">
          <Text size="sm" c="dimmed">
            {i.conditionalDocuments}
          </Text>
          {sometimes.map(box)}
        </Stack>
      )}
    </Stack>
  );
}

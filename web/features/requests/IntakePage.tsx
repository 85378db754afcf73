import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Button, Checkbox, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { fieldMessage } from '../../api/errors';
import { fileNumberFa, faDigits, formatMoney, formatNumber, t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { EmptyState } from '../../ui/EmptyState';
import { focusFirstError, useFocusOnServerError } from '../../ui/firstError';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { useProperty, type Person, type PropertyDetail } from '../properties/properties.queries';
import { PropertyLoadError } from '../properties/PropertyFormPage';
import { PersonPicker } from '../properties/PersonPicker';
import { useRegisterCase, useService, useServices, type ServiceDetail } from './requests.queries';
import { PendingUploads, type PendingUpload } from './DocumentUploads';
import { ServiceFieldInput } from './ServiceFieldInput';
import { emptyValues, formPayload, formProblems, type FormValues } from './serviceForm';

const i = t.requests.intake;
const OTHER = 'other';

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
  const [serviceCode, setServiceCode] = useState<string | null>(null);
  const service = useService(serviceCode);
  const [values, setValues] = useState<FormValues>({});
  const [documents, setDocuments] = useState<Record<string, boolean>>({});
  const [applicant, setApplicant] = useState<string>(property.owners[0]?.person.id ?? OTHER);
  const [otherPerson, setOtherPerson] = useState<Person | null>(null);
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const [note, setNote] = useState('');
  const [paid, setPaid] = useState(false);
  const [reference, setReference] = useState('');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [sent, setSent] = useState(false);

  const offered = (services.data?.items ?? []).filter((s) => s.active && s.enabledForMyOffice);
  const detail = service.data;
  const fields = detail?.formFields ?? [];
  const shown = { ...emptyValues(fields), ...values };
  const problems = formProblems(fields, shown);
  const missingDocuments = (detail?.requiredDocuments ?? []).filter((d) => d.required && !documents[d.code]);
  const applicantId = applicant === OTHER ? otherPerson?.id : applicant;
  const referenceMissing = paid && reference.trim() === '';

  const register = useRegisterCase();
  const send = () =>
    register.mutate(
      {
        body: {
          propertyId: property.id,
          applicantPersonId: applicantId!,
          serviceCode: serviceCode!,
          form: formPayload(fields, shown),
          documents,
          ...(note.trim() ? { note: note.trim() } : {}),
          // A reference typed without «پرداخت شد» is sent as is: the server asks which one is meant.
          payment: reference.trim() ? { paid, reference: reference.trim() } : { paid },
        },
        files: uploads.flatMap((u) => (u.kind && u.file ? [{ kind: u.kind, file: u.file }] : [])),
      },
      { onSuccess: ({ created, failedUploads }) => void navigate(`/requests/${created.id}/receipt`, { state: { failedUploads } }) },
    );

  const chooseService = (code: string | null) => {
    setServiceCode(code);
    setValues({});
    setDocuments({});
    setTouched(new Set());
  };
  const fieldError = (name: string) => ((sent || touched.has(name)) && problems[name]) || fieldMessage(register.error, `form.${name}`);

  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnServerError(formRef, register.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSent(true);
    if (!serviceCode || !detail || Object.keys(problems).length > 0 || missingDocuments.length > 0 || !applicantId || referenceMissing) return focusFirstError(e.currentTarget);
    send();
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
              value={serviceCode}
              onChange={chooseService}
              nothingFoundMessage={i.noServices}
              error={(sent && !serviceCode ? t.requests.validation.chooseService : undefined) ?? fieldMessage(register.error, 'serviceCode')}
              maw={560}
            />
            {service.isPending && serviceCode && <LoadingState />}
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
                        onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
                        onBlur={() => setTouched((s) => new Set(s).add(field.name))}
                        error={fieldError(field.name)}
                      />
                    ))}
                  </SimpleGrid>
                )}
              </Section>

              <Section id="documents-title" title={i.documents} hint={i.documentsHint}>
                <DocumentsChecklist
                  service={detail}
                  value={documents}
                  onChange={setDocuments}
                  errorOf={(code) => (sent && !documents[code] && detail.requiredDocuments.find((d) => d.code === code)?.required ? t.requests.validation.documentsMissing : fieldMessage(register.error, `documents.${code}`))}
                />
              </Section>
            </>
          )}

          <Section id="applicant-title" title={i.applicant} hint={i.applicantHint}>
            <Radio.Group value={applicant} onChange={setApplicant} label={i.applicant} error={sent && !applicantId ? t.requests.validation.chooseApplicant : fieldMessage(register.error, 'applicantPersonId')}>
              <Stack gap="xs" mt="xs">
                {property.owners.map((o) => (
                  <Radio key={o.person.id} value={o.person.id} label={`${o.person.displayName} — ${faDigits(o.person.nationalCode)}`} />
                ))}
                <Radio value={OTHER} label={i.otherPerson} />
              </Stack>
            </Radio.Group>
            {applicant === OTHER && (
              <Stack mt="sm" gap="xs">
                {otherPerson && (
                  <Text fw={600} data-testid="other-applicant">
                    {i.chosenApplicant(`${otherPerson.displayName} — ${faDigits(otherPerson.nationalCode)}`)}
                  </Text>
                )}
                <PersonPicker label={i.otherPersonCode} onPicked={setOtherPerson} />
              </Stack>
            )}
          </Section>

          <Section id="payment-title" title={i.payment} hint={i.paymentHint}>
            {/* The box sits level with the reference input beside it, and straight above it once they wrap on a phone. */}
            <Group align="flex-end" gap="lg">
              <Checkbox
                mb={8}
                label={i.paymentPaid}
                checked={paid}
                onChange={(e) => setPaid(e.currentTarget.checked)}
                error={fieldMessage(register.error, 'payment.paid')}
                data-testid="payment-paid"
              />
              <DigitsInput
                label={i.paymentReference}
                value={reference}
                onChange={setReference}
                maxLength={40}
                inputMode="text"
                error={(sent && referenceMissing ? i.paymentReferenceRequired : undefined) ?? fieldMessage(register.error, 'payment.reference')}
                data-testid="payment-reference"
              />
            </Group>
          </Section>

          <Section id="uploads-title" title={i.uploads} hint={i.uploadsHint}>
            <PendingUploads items={uploads} onChange={setUploads} />
            <Textarea label={i.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} mt="md" error={fieldMessage(register.error, 'note')} />
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

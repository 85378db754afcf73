import { useCallback, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { faDigits, t } from '../../i18n';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import type { Form } from '../../ui/useForm';
import { GpsField } from './GpsField';
import classes from './inspections.module.css';
import { PhotosField } from './PhotosField';
import { TimeField } from './TimeField';
import { MEASUREMENTS, newLocalId, type Case, type DraftGps, type ReportDraft, type ReportProblem, type Severity } from './report.model';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Two big choices side by side: a radio group a thumb can hit. */
function Choice<T extends string>({ label, value, options, onChange, error }: {
  label: string;
  value: T | null;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string;
}) {
  return (
    <Radio.Group label={label} value={value ?? ''} onChange={(v) => onChange(v as T)} error={error}>
      <SimpleGrid cols={options.length} spacing="sm" mt="xs">
        {options.map((o) => (
          <Radio.Card key={o.value} value={o.value} p="sm" className={classes.touch}>
            <Group gap="xs" wrap="nowrap">
              <Radio.Indicator />
              <Text>{o.label}</Text>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

interface ReportFormProps {
  kase: Case;
  /** The draft and its checks, held by the page (useForm), which also keeps it on the phone. */
  form: Form<ReportDraft, ReportProblem>;
  /** A queued report: shown as it will be sent, nothing to change. */
  readOnly?: boolean;
  /** The server's refusal of the last try: its field messages go under the fields. */
  serverError?: unknown;
  /** Given the form element, to take the inspector to its first problem. */
  onSubmit?: (form: HTMLFormElement) => void;
  submitting?: boolean;
  /** Above the send button: what went wrong on the last try. */
  footer?: ReactNode;
  /** Under the send button: whether the draft is safe on the phone. */
  status?: ReactNode;
}

/** گزارش بازدید: checklist, measurements, violations, findings, photos, position, time. */
export function ReportForm({ kase, form, readOnly = false, serverError, onSubmit, submitting = false, footer, status }: ReportFormProps) {
  const m = t.inspections.report;
  const draft = form.values;
  const change = form.update;
  const error = (field: Parameters<typeof form.error>[0]) => form.error(field, serverError);
  const setGps = useCallback((gps: DraftGps) => change((d) => ({ ...d, gps })), [change]);
  const yesNo = [
    { value: 'yes' as const, label: m.yes },
    { value: 'no' as const, label: m.no },
  ];
  const severities = [
    { value: 'minor' as const, label: m.minor },
    { value: 'major' as const, label: m.major },
  ];
  const items = kase.service.inspectionChecklist;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit?.(e.currentTarget);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={m.title}>
      <fieldset disabled={readOnly || submitting} className={classes.fieldset}>
        <Stack gap="md">
          <Section title={m.checklistSection}>
            {items.length === 0 ? (
              <Text size="sm">{m.noChecklist}</Text>
            ) : (
              <Stack gap="lg">
                <Text size="sm" c="dimmed">
                  {m.checklistHint}
                </Text>
                {error('checklist') && (
                  <Text size="sm" c="red.8">
                    {error('checklist')}
                  </Text>
                )}
                {items.map((item, n) => {
                  const answer = draft.checklist[n]!;
                  return (
                    <Stack key={item.code} gap="xs" data-testid={`checklist-${item.code}`}>
                      <Choice
                        label={item.labelFa}
                        value={answer.ok === null ? null : answer.ok ? 'yes' : 'no'}
                        options={yesNo}
                        error={error(`checklist.${n}.ok`)}
                        onChange={(v) => change((d) => ({ ...d, checklist: d.checklist.map((a, i) => (i === n ? { ...a, ok: v === 'yes' } : a)) }))}
                      />
                      <TextInput
                        label={m.itemNote}
                        value={answer.note}
                        maxLength={500}
                        error={error(`checklist.${n}.note`)}
                        onChange={(e) => {
                          const note = e.currentTarget.value;
                          change((d) => ({ ...d, checklist: d.checklist.map((a, i) => (i === n ? { ...a, note } : a)) }));
                        }}
                      />
                    </Stack>
                  );
                })}
              </Stack>
            )}
          </Section>

          <Section title={m.measurementsSection}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              {MEASUREMENTS.map((key) => (
                <TextInput
                  key={key}
                  label={m.measurements[key]}
                  inputMode="decimal"
                  value={draft.measurements[key]}
                  error={error(`measurements.${key}`)}
                  onChange={(e) => {
                    // Shown in Persian digits whatever keyboard typed them; parseMeasurement reads both.
                    const value = faDigits(e.currentTarget.value);
                    change((d) => ({ ...d, measurements: { ...d.measurements, [key]: value } }));
                  }}
                />
              ))}
            </SimpleGrid>
          </Section>

          <Section title={m.violationsSection}>
            <Stack gap="md">
              {draft.violations.length === 0 && (
                <Text size="sm" c="dimmed">
                  {m.noViolations}
                </Text>
              )}
              {draft.violations.map((v, n) => (
                <Paper key={v.key} withBorder p="sm" data-testid="violation">
                  <Stack gap="sm">
                    <Textarea
                      label={m.violationDescription(faDigits(n + 1))}
                      autosize
                      minRows={2}
                      maxLength={1000}
                      value={v.descriptionFa}
                      error={error(`violations.${n}.descriptionFa`)}
                      onChange={(e) => {
                        const descriptionFa = e.currentTarget.value;
                        change((d) => ({ ...d, violations: d.violations.map((x, i) => (i === n ? { ...x, descriptionFa } : x)) }));
                      }}
                    />
                    <Choice<Severity>
                      label={m.violationSeverity(faDigits(n + 1))}
                      value={v.severity}
                      options={severities}
                      error={error(`violations.${n}.severity`)}
                      onChange={(severity) => change((d) => ({ ...d, violations: d.violations.map((x, i) => (i === n ? { ...x, severity } : x)) }))}
                    />
                    {!readOnly && (
                      <Button variant="subtle" color="red" className={classes.touch} onClick={() => change((d) => ({ ...d, violations: d.violations.filter((_, i) => i !== n) }))}>
                        {m.removeViolation(faDigits(n + 1))}
                      </Button>
                    )}
                  </Stack>
                </Paper>
              ))}
              {!readOnly && (
                <Button
                  variant="light"
                  className={classes.touch}
                  onClick={() => change((d) => ({ ...d, violations: [...d.violations, { key: newLocalId(), descriptionFa: '', severity: 'minor' }] }))}
                >
                  {m.addViolation}
                </Button>
              )}
            </Stack>
          </Section>

          <Section title={m.findingsSection}>
            <Textarea
              label={m.findings}
              withAsterisk
              autosize
              minRows={4}
              maxLength={4000}
              value={draft.findings}
              error={error('findings')}
              onChange={(e) => {
                const findings = e.currentTarget.value;
                change((d) => ({ ...d, findings }));
              }}
            />
          </Section>

          <Section title={m.photosSection}>
            <PhotosField photos={draft.photos} readOnly={readOnly} onChange={(photos) => change((d) => ({ ...d, photos: photos(d.photos) }))} />
          </Section>

          <Section title={m.gpsSection}>
            <GpsField
              value={draft.gps}
              onChange={setGps}
              readOnly={readOnly}
              error={error('gps')}
              property={kase.property.lat !== null && kase.property.lng !== null ? { lat: kase.property.lat, lng: kase.property.lng } : null}
            />
          </Section>

          <Section title={m.visitedAtSection}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <JalaliDatePicker label={m.visitDate} value={draft.visitDate || null} onChange={(visitDate) => change((d) => ({ ...d, visitDate }))} />
              <TimeField label={m.visitTime} value={draft.visitTime} onChange={(visitTime) => change((d) => ({ ...d, visitTime }))} error={error('visitedAt')} />
            </SimpleGrid>
          </Section>

          {footer}
          {!readOnly && (
            <>
              <Button type="submit" size="lg" fullWidth loading={submitting}>
                {m.submit}
              </Button>
              {status}
            </>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

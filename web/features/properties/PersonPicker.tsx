import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { canonicalMobile, canonicalNationalCode, isLegalNationalId, isMobile, isNationalCode } from '../../../contracts/identifiers';
import { t } from '../../i18n';
import { DigitsInput } from '../../ui/DigitsInput';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useForm, type Problems } from '../../ui/useForm';
import { useCreatePerson, useFindPerson, type Person } from './properties.queries';

const p = t.properties.person;

/** The problem with a typed کد ملی (10 digits) or شناسه ملی (11), canonical (`canonicalNationalCode`), checked with its check digit. */
export function nationalCodeProblem(code: string): string | undefined {
  if (code.length === 10) return isNationalCode(code) ? undefined : p.invalidNationalCode;
  if (code.length === 11) return isLegalNationalId(code) ? undefined : p.invalidLegalId;
  return p.wrongLength;
}

interface PersonPickerProps {
  /** Label of the national-code input, which says what the person is picked for. */
  label: string;
  onPicked: (person: Person) => void;
}

/**
 * Pick a person by national code; one not yet registered is registered here, in place, so the
 * clerk never leaves the form they are filling.
 */
export function PersonPicker({ label, onPicked }: PersonPickerProps) {
  const form = useForm({ nationalCode: '' }, lookupProblems);
  const [missing, setMissing] = useState<string | null>(null);
  const ascii = canonicalNationalCode(form.values.nationalCode);

  const find = useFindPerson((person) => {
    if (!person) return setMissing(ascii);
    onPicked(person);
    form.reset();
  });

  const submit = (e: Pick<FormEvent, 'preventDefault' | 'stopPropagation'>) => {
    e.preventDefault();
    e.stopPropagation();
    setMissing(null);
    if (form.validate()) find.mutate(ascii);
  };

  return (
    <Stack gap="sm">
      {/* Not a <form>: the picker sits inside the property form and forms cannot nest, so Enter is handled here. */}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <DigitsInput
          label={label}
          description={p.nationalCodeHint}
          value={form.values.nationalCode}
          onChange={(value) => {
            form.set('nationalCode', value);
            setMissing(null);
          }}
          // An empty box is no mistake, only nothing to look up: no message, and no look-up either.
          onBlur={() => ascii && form.touch('nationalCode')}
          onKeyDown={(e) => e.key === 'Enter' && submit(e)}
          error={ascii ? form.error('nationalCode', find.error) : undefined}
          style={{ flex: '1 1 16rem' }}
        />
        <Button onClick={submit} loading={find.isPending} variant="light">
          {p.find}
        </Button>
      </Group>
      {find.isError && <ErrorAlert error={find.error} />}
      {missing && (
        <NewPersonForm
          nationalCode={missing}
          onCancel={() => setMissing(null)}
          onCreated={(person) => {
            setMissing(null);
            form.reset();
            onPicked(person);
          }}
        />
      )}
    </Stack>
  );
}

/** The look-up asks for a well-formed code, check digit and all, before it goes to the server. */
function lookupProblems(v: { nationalCode: string }): Problems<{ nationalCode: string }> {
  const problem = nationalCodeProblem(canonicalNationalCode(v.nationalCode));
  return problem ? { nationalCode: problem } : {};
}

interface NewPerson {
  firstName: string;
  lastName: string;
  fatherName: string;
  companyName: string;
  mobile: string;
}

/** A company needs its name, a person first and last name; a mobile, if given, must be one. */
function newPersonProblems(legal: boolean) {
  return (v: NewPerson): Problems<NewPerson> => {
    const required = t.properties.validation.required;
    const mobile = canonicalMobile(v.mobile.trim());
    return {
      ...(legal && v.companyName.trim().length < 2 ? { companyName: required } : {}),
      ...(!legal && !v.firstName.trim() ? { firstName: required } : {}),
      ...(!legal && !v.lastName.trim() ? { lastName: required } : {}),
      ...(mobile && !isMobile(mobile) ? { mobile: p.invalidMobile } : {}),
    };
  };
}

function NewPersonForm({ nationalCode, onCreated, onCancel }: { nationalCode: string; onCreated: (p: Person) => void; onCancel: () => void }) {
  const legal = nationalCode.length === 11;
  const form = useForm<NewPerson>({ firstName: '', lastName: '', fatherName: '', companyName: '', mobile: '' }, newPersonProblems(legal));
  const v = form.values;
  const mobile = canonicalMobile(v.mobile.trim());

  const create = useCreatePerson(onCreated);

  const submit = (e: Pick<FormEvent, 'preventDefault' | 'stopPropagation'>) => {
    e.preventDefault();
    e.stopPropagation();
    if (!form.validate()) return;
    const optional = (s: string) => (s.trim() ? s.trim() : undefined);
    create.mutate(
      legal
        ? { kind: 'legal', nationalCode, companyName: v.companyName.trim(), mobile: optional(mobile) }
        : { kind: 'natural', nationalCode, firstName: v.firstName.trim(), lastName: v.lastName.trim(), fatherName: optional(v.fatherName), mobile: optional(mobile) },
    );
  };
  // Checked once the form is sent; the mobile number also once it is complete (11 digits), rather than at every keystroke.
  const input = (field: Exclude<keyof NewPerson, 'mobile'>, label: string, required = false) => (
    <TextInput label={label} withAsterisk={required} {...form.text(field, create.error)} onBlur={undefined} />
  );
  const typeMobile = (value: string) => {
    form.set('mobile', value);
    if (canonicalMobile(value.trim()).length >= 11) form.touch('mobile');
  };

  return (
    // Enter in these inputs registers the person; it must not send the form around them.
    <Paper
      withBorder
      p="md"
      bg="gray.0"
      component="section"
      aria-labelledby="new-person-title"
      onKeyDown={(e) => e.key === 'Enter' && e.target instanceof HTMLInputElement && submit(e)}
    >
      <Title order={3} size="h5" id="new-person-title" mb={4}>
        {p.newTitle}
      </Title>
      <Text size="sm" mb="sm">
        {p.notFound}
      </Text>
      {create.isError && <ErrorAlert error={create.error} />}
      <Stack gap="sm">
        {legal ? (
          input('companyName', p.companyName, true)
        ) : (
          <Group grow align="flex-start" wrap="wrap">
            {input('firstName', p.firstName, true)}
            {input('lastName', p.lastName, true)}
            {input('fatherName', p.fatherName)}
          </Group>
        )}
        <DigitsInput label={p.mobile} description={p.mobileHint} inputMode="tel" value={v.mobile} onChange={typeMobile} error={form.error('mobile', create.error)} />
        <Group gap="sm">
          <Button onClick={submit} loading={create.isPending}>
            {p.create}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {p.cancel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

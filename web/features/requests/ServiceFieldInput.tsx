import { Checkbox, Select, Textarea, TextInput } from '@mantine/core';
import { DigitsInput } from '../../ui/DigitsInput';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import type { FormField } from './requests.queries';
import type { FieldValue } from './serviceForm';

interface ServiceFieldInputProps {
  field: FormField;
  value: FieldValue | undefined;
  onChange: (value: FieldValue) => void;
  onBlur: () => void;
  error?: string;
}

/**
 * One field of a service's own form, drawn from its definition in the catalog. Numbers and codes
 * show Persian digits and are read as the server reads them.
 */
export function ServiceFieldInput({ field, value, onChange, onBlur, error }: ServiceFieldInputProps) {
  const common = { label: field.labelFa, description: field.helpFa, withAsterisk: field.required, error, onBlur };
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'boolean':
      return <Checkbox label={field.labelFa} description={field.helpFa} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} error={error} />;
    case 'select':
      return (
        <Select
          {...common}
          data={(field.options ?? []).map((o) => ({ value: o.value, label: o.labelFa }))}
          value={text || null}
          onChange={(v) => {
            onChange(v ?? '');
            onBlur();
          }}
          clearable={!field.required}
        />
      );
    case 'date':
      return <JalaliDatePicker label={field.labelFa} value={text || null} onChange={onChange} error={error} />;
    case 'textarea':
      return <Textarea {...common} autosize minRows={2} maxRows={8} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'integer':
    case 'number':
    case 'national_code':
    case 'mobile':
      return (
        <DigitsInput {...common} inputMode={field.type === 'number' ? 'decimal' : field.type === 'mobile' ? 'tel' : 'numeric'} value={text} onChange={onChange} />
      );
    case 'text':
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

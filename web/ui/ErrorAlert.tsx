import { Alert, List, Text } from '@mantine/core';
import { errorMessages } from '../api/errors';
import { t } from '../i18n';

/** A failed call in the server's own Persian words (`error.messageFa`), and each field's problem. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { message, fields } = errorMessages(error);
  return (
    <Alert color="red" title={t.common.errorTitle} role="alert" mb="md">
      <Text size="sm">{message}</Text>
      {fields.length > 0 && (
        <>
          <Text size="sm" mt="xs">
            {t.common.fieldErrorsTitle}
          </Text>
          <List size="sm">
            {fields.map((f) => (
              <List.Item key={f.field}>{f.message}</List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}

import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { t } from '../../i18n';

const s = t.clients;

/** A secret the server shows once (an API key, a webhook secret): the value, a copy button and the warning that it will not be shown again. */
export function ShownOnceModal({ title, intro, warning, done, value, onClose }: { title: string; intro: string; warning: string; done: string; value: string; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={title} closeOnClickOutside={false} size="lg">
      <Stack>
        <Text>{intro}</Text>
        <Alert color="orange" title={warning} role="alert" />
        <Code block dir="ltr" data-testid="shown-once-value" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
        <Group justify="space-between">
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? s.copied : s.copy}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{done}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

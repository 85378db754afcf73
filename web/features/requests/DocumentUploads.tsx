import { useState } from 'react';
import { ActionIcon, Button, FileInput, Group, Select, Stack, Text } from '@mantine/core';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useUploadDocument } from './requests.queries';

const u = t.requests.upload;
/** The kinds the documents API takes (DOCUMENT_KINDS on the server), with their Persian names. */
const KIND_OPTIONS = Object.entries(u.kinds).map(([value, label]) => ({ value, label }));
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp,image/heic';

export interface PendingUpload {
  key: number;
  kind: string | null;
  file: File | null;
}

function KindAndFile({ kind, file, onKind, onFile }: { kind: string | null; file: File | null; onKind: (k: string | null) => void; onFile: (f: File | null) => void }) {
  return (
    <>
      <Select label={u.kind} data={KIND_OPTIONS} value={kind} onChange={onKind} allowDeselect={false} style={{ flex: '1 1 10rem' }} />
      <FileInput label={u.file} placeholder={u.filePlaceholder} accept={ACCEPT} value={file} onChange={onFile} clearable clearButtonProps={{ 'aria-label': u.clear }} style={{ flex: '2 1 14rem' }} />
    </>
  );
}

/** At intake: files chosen now, sent once the case exists (documents belong to a case). */
export function PendingUploads({ items, onChange }: { items: PendingUpload[]; onChange: (items: PendingUpload[]) => void }) {
  const update = (key: number, patch: Partial<PendingUpload>) => onChange(items.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <Stack gap="sm">
      {items.map((item) => (
        <Group key={item.key} align="flex-end" gap="sm" wrap="wrap">
          <KindAndFile kind={item.kind} file={item.file} onKind={(kind) => update(item.key, { kind })} onFile={(file) => update(item.key, { file })} />
          <ActionIcon variant="subtle" color="red.8" size="lg" aria-label={u.remove(item.file?.name ?? u.file)} onClick={() => onChange(items.filter((x) => x.key !== item.key))}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...items, { key: Date.now(), kind: 'deed', file: null }])}>
          {t.requests.intake.addFile}
        </Button>
      </Group>
    </Stack>
  );
}

/** On the case page: one file, sent at once. */
export function UploadDocumentForm({ requestId }: { requestId: string }) {
  const [kind, setKind] = useState<string | null>('other');
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadDocument(requestId);
  return (
    <Stack gap="xs">
      {upload.isError && <ErrorAlert error={upload.error} />}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <KindAndFile kind={kind} file={file} onKind={setKind} onFile={setFile} />
        <Button onClick={() => upload.mutate({ kind: kind!, file: file! }, { onSuccess: () => setFile(null) })} disabled={!kind || !file} loading={upload.isPending}>
          {u.upload}
        </Button>
      </Group>
      {upload.isSuccess && (
        <Text size="sm" c="teal.9" role="status">
          {u.uploaded}
        </Text>
      )}
    </Stack>
  );
}

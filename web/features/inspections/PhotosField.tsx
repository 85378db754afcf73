import { useEffect, useRef, useState } from 'react';
import { Button, FileButton, SimpleGrid, Stack, Text } from '@mantine/core';
import { faDigits, t } from '../../i18n';
import classes from './inspections.module.css';
import { newLocalId, type DraftPhoto } from './report.model';

/** A shown picture of a Blob kept in IndexedDB; its object URL is let go with the preview. */
function Preview({ photo, alt }: { photo: DraftPhoto; alt: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(photo.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo.blob]);
  return url ? <img src={url} alt={alt} className={classes.photo} /> : null;
}

interface PhotosFieldProps {
  photos: DraftPhoto[];
  onChange: (update: (photos: DraftPhoto[]) => DraftPhoto[]) => void;
  readOnly: boolean;
}

/** Photos taken with the phone's back camera (or picked from the gallery), shown as they are added. */
export function PhotosField({ photos, onChange, readOnly }: PhotosFieldProps) {
  const m = t.inspections.report;
  const reset = useRef<() => void>(null);
  const add = (files: File[]) => {
    onChange((current) => [...current, ...files.map((file) => ({ id: newLocalId(), name: file.name, blob: file }))]);
    // The same picture may be chosen again after it was removed.
    reset.current?.();
  };
  return (
    <Stack gap="sm">
      {photos.length === 0 ? (
        <Text size="sm" c="dimmed">
          {m.noPhotos}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" data-testid="photo-previews">
          {photos.map((photo, i) => (
            <Stack key={photo.id} gap={4}>
              <Preview photo={photo} alt={m.photoAlt(faDigits(i + 1))} />
              {!readOnly && (
                <Button variant="subtle" color="red" size="sm" className={classes.touch} onClick={() => onChange((current) => current.filter((p) => p.id !== photo.id))}>
                  {m.removePhoto(faDigits(i + 1))}
                </Button>
              )}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {!readOnly && (
        <FileButton onChange={add} accept="image/*" capture="environment" multiple resetRef={reset}>
          {(props) => (
            <Button {...props} variant="light" className={classes.touch} fullWidth>
              {m.takePhoto}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}

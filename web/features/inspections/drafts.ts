/**
 * The report being typed, kept on the phone (IndexedDB) as the inspector types: a dropped
 * connection, a closed tab or a flat battery loses nothing. Photos are Blobs under keys of their
 * own, written once: the draft is saved at every pause in typing, and rewriting megabytes of
 * photos each time would be slow on a phone.
 */
import { createStore, delMany, get, keys, set, type UseStore } from 'idb-keyval';
import type { DraftPhoto, ReportDraft } from './report.model';

type StoredDraft = Omit<ReportDraft, 'photos'> & { photos: Omit<DraftPhoto, 'blob'>[] };

export type DraftStore = ReturnType<typeof createDraftStore>;

export function createDraftStore(store: UseStore = createStore('miz-inspection-drafts', 'drafts')) {
  const keyOf = (owner: string, requestId: string) => `${owner}/${requestId}`;
  const photoKey = (draftKey: string, photoId: string) => `${draftKey}/photo/${photoId}`;
  const photoKeysOf = async (draftKey: string) => (await keys<string>(store)).filter((k) => k.startsWith(`${draftKey}/photo/`));

  return {
    async load(owner: string, requestId: string): Promise<ReportDraft | undefined> {
      const key = keyOf(owner, requestId);
      const saved = await get<StoredDraft>(key, store);
      if (!saved) return undefined;
      const photos = await Promise.all(saved.photos.map(async (p) => ({ ...p, blob: await get<Blob>(photoKey(key, p.id), store) })));
      return { ...saved, photos: photos.filter((p): p is DraftPhoto => p.blob !== undefined) };
    },

    async save(owner: string, requestId: string, draft: ReportDraft): Promise<void> {
      const key = keyOf(owner, requestId);
      const stored = new Set(await photoKeysOf(key));
      const wanted = new Set(draft.photos.map((p) => photoKey(key, p.id)));
      for (const photo of draft.photos) {
        if (!stored.has(photoKey(key, photo.id))) await set(photoKey(key, photo.id), photo.blob, store);
      }
      await set(key, { ...draft, photos: draft.photos.map(({ id, name }) => ({ id, name })) } satisfies StoredDraft, store);
      await delMany([...stored].filter((k) => !wanted.has(k)), store);
    },

    async remove(owner: string, requestId: string): Promise<void> {
      const key = keyOf(owner, requestId);
      await delMany([key, ...(await photoKeysOf(key))], store);
    },
  };
}

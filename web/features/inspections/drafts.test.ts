import 'fake-indexeddb/auto';
import { createStore, entries } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createDraftStore } from './drafts';
import { emptyDraft, type ReportDraft } from './report.model';

const withPhotos = (...names: string[]): ReportDraft => ({
  ...emptyDraft([], new Date('2026-11-29T06:00:00Z')),
  findings: 'نیمه‌کاره',
  photos: names.map((name) => ({ id: name, name: `${name}.jpg`, blob: new Blob([`bytes of ${name}`]) })),
});

let n = 0;
function freshStore() {
  const store = createStore(`drafts-test-${++n}`, 'drafts');
  return { store, drafts: createDraftStore(store) };
}

describe('the draft kept on the phone', () => {
  it('comes back as it was typed, photos and all, per inspector and case', async () => {
    const { drafts } = freshStore();
    await drafts.save('me', 'case-1', withPhotos('a', 'b'));
    const back = await drafts.load('me', 'case-1');
    expect(back?.findings).toBe('نیمه‌کاره');
    expect(back?.photos.map((p) => p.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(await back!.photos[1]!.blob.text()).toBe('bytes of b');
    expect(await drafts.load('someone-else', 'case-1')).toBeUndefined();
  });

  it('keeps one entry per photo in the form, drops the ones removed, and is gone once removed', async () => {
    const { store, drafts } = freshStore();
    await drafts.save('me', 'case-1', withPhotos('a', 'b'));
    await drafts.save('me', 'case-1', withPhotos('b', 'c'));
    const photoKeys = (await entries<string, unknown>(store)).map(([k]) => k).filter((k) => k.includes('/photo/'));
    expect(photoKeys.sort()).toEqual(['me/case-1/photo/b', 'me/case-1/photo/c']);

    await drafts.remove('me', 'case-1');
    expect(await entries(store)).toEqual([]);
  });
});

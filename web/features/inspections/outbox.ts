/**
 * Reports filed without a connection (صف ارسال). A report the phone could not deliver waits in
 * IndexedDB, photos and all, and is sent when the connection is back: photos first (the server
 * treats the same photo sent twice for a case as one document, so a retry is safe), then the
 * report.
 *
 * Exactly once: the report carries the case version the inspector saw, so the server files it at
 * most once; a second delivery of the same report (an answer lost on the way, two tabs) is refused
 * with 409 and, once the case shows a report, counts as delivered. The network and the store are
 * passed in, so the unit tests run this with a fake fetch and fake-indexeddb.
 */
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import { ApiError, type ApiErrorBody } from '../../api/client';
import { errorMessages } from '../../api/errors';
import { t } from '../../i18n';
import { toReportBody, type Case, type ReportDraft } from './report.model';

export interface OutboxItem {
  /** Staff id of the inspector who filed it: on a shared phone each sends only their own. */
  owner: string;
  requestId: string;
  /** The case version the report was written against. */
  version: number;
  draft: ReportDraft;
  /** Photos the server has accepted already, by draft photo id. */
  photosSent: string[];
  status: 'waiting' | 'failed';
  /** Why it failed, in the server's Persian words. */
  errorFa: string | null;
  queuedAt: string;
}

export type SendResult =
  | { outcome: 'delivered' }
  /** No connection: try again when there is one. */
  | { outcome: 'offline'; photosSent: string[] }
  /** The server refused it; `currentVersion` when only the case's version moved on. */
  | { outcome: 'rejected'; error: ApiError; photosSent: string[]; currentVersion?: number };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface OutboxDeps {
  fetch: Fetch;
  isOnline?: () => boolean;
  store?: UseStore;
}

class Offline extends Error {}

async function call(fetch: Fetch, url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    // fetch rejects (TypeError) only when no answer came at all.
    throw new Offline();
  }
}

async function apiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  return new ApiError(res.status, body?.error?.code ? body.error : { code: `HTTP_${res.status}`, message: res.statusText, messageFa: '' });
}

/** After a 409: was this report filed already (delivered), or did the case change under it? */
async function afterConflict(fetch: Fetch, requestId: string, conflict: ApiError, photosSent: string[]): Promise<SendResult> {
  const res = await call(fetch, `/api/requests/${requestId}`);
  if (!res.ok) return { outcome: 'rejected', error: await apiError(res), photosSent };
  const kase = (await res.json()) as Case;
  if (kase.state !== 'visit_scheduled' && kase.inspection?.report) return { outcome: 'delivered' };
  if (kase.state === 'visit_scheduled') return { outcome: 'rejected', error: conflict, photosSent, currentVersion: kase.version };
  const moved = new ApiError(409, { ...conflict.body, messageFa: t.inspections.outbox.noReportAfterConflict(kase.stateLabelFa) });
  return { outcome: 'rejected', error: moved, photosSent };
}

/**
 * One report to the server: each photo not yet accepted, then the report. `onPhotoSent` lets the
 * outbox remember progress, so a dropped connection does not send the same bytes again.
 */
export async function sendReport(
  fetch: Fetch,
  item: Pick<OutboxItem, 'requestId' | 'version' | 'draft' | 'photosSent'>,
  onPhotoSent: (photosSent: string[]) => Promise<void> = async () => {},
): Promise<SendResult> {
  const sent = [...item.photosSent];
  try {
    for (const photo of item.draft.photos) {
      if (sent.includes(photo.id)) continue;
      const form = new FormData();
      // The server reads `kind` from the fields before the file: it must come first.
      form.append('kind', 'inspection_photo');
      form.append('file', photo.blob, photo.name);
      const res = await call(fetch, `/api/requests/${item.requestId}/documents`, { method: 'POST', body: form });
      if (res.status === 409) return await afterConflict(fetch, item.requestId, await apiError(res), sent);
      if (!res.ok) return { outcome: 'rejected', error: await apiError(res), photosSent: sent };
      sent.push(photo.id);
      await onPhotoSent([...sent]);
    }
    const res = await call(fetch, `/api/requests/${item.requestId}/inspection-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toReportBody(item.draft, item.version)),
    });
    if (res.ok) return { outcome: 'delivered' };
    const error = await apiError(res);
    return res.status === 409 ? await afterConflict(fetch, item.requestId, error, sent) : { outcome: 'rejected', error, photosSent: sent };
  } catch (error) {
    if (error instanceof Offline) return { outcome: 'offline', photosSent: sent };
    throw error;
  }
}

const keyOf = (owner: string, requestId: string) => `${owner}/${requestId}`;
/**
 * Photos of a case the server already holds from a report it refused (or one taken back out of the
 * queue), so the corrected report sends only new photos: kept beside the queue, not in it.
 */
const sentKeyOf = (owner: string, requestId: string) => `photos-sent/${owner}/${requestId}`;
const isQueued = (v: unknown): v is OutboxItem => typeof v === 'object' && v !== null && !Array.isArray(v) && 'owner' in v;

/** Only one flush at a time, across the tabs of this browser too, where the browser can lock. */
async function exclusively(run: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) await locks.request('miz-inspection-outbox', run);
  else await run();
}

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox({ fetch, isOnline = () => navigator.onLine, store = createStore('miz-inspection-outbox', 'reports') }: OutboxDeps) {
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  let queue: Promise<void> = Promise.resolve();

  const list = async (owner: string): Promise<OutboxItem[]> =>
    (await values<unknown>(store)).filter((i): i is OutboxItem => isQueued(i) && i.owner === owner).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  const put = async (item: OutboxItem) => {
    await set(keyOf(item.owner, item.requestId), item, store);
    changed();
  };

  /** Record what a send attempt came to. */
  async function settle(item: OutboxItem, result: SendResult): Promise<void> {
    if (result.outcome === 'delivered') {
      await del(keyOf(item.owner, item.requestId), store);
      await del(sentKeyOf(item.owner, item.requestId), store);
      changed();
    } else if (result.outcome === 'offline') {
      await put({ ...item, photosSent: result.photosSent, status: 'waiting' });
    } else {
      await put({
        ...item,
        photosSent: result.photosSent,
        version: result.currentVersion ?? item.version,
        status: 'failed',
        errorFa: errorMessages(result.error).message,
      });
    }
  }

  async function flushNow(owner: string): Promise<void> {
    for (const item of await list(owner)) {
      if (!isOnline()) return;
      if (item.status !== 'waiting') continue;
      // Re-read: another tab may have sent it while this one waited for the lock.
      const current = await get<OutboxItem>(keyOf(owner, item.requestId), store);
      if (!current || current.status !== 'waiting') continue;
      const result = await sendReport(fetch, current, (photosSent) => put({ ...current, photosSent }));
      await settle(current, result);
      if (result.outcome === 'offline') return;
    }
  }

  /** Send every waiting report of this person; calls made meanwhile run after it, never beside it. */
  function flush(owner: string): Promise<void> {
    const run = queue.then(() => exclusively(() => flushNow(owner)));
    queue = run.catch(() => {});
    return run;
  }

  return {
    list,
    get: (owner: string, requestId: string) => get<OutboxItem>(keyOf(owner, requestId), store),

    flush,

    /**
     * The form's «ارسال گزارش»: straight to the server when there is a connection; into the queue
     * when there is none (or it drops half way). A refusal goes back to the form, not the queue,
     * so the inspector can correct the fields the server named.
     */
    async submit(item: Pick<OutboxItem, 'owner' | 'requestId' | 'version' | 'draft'>, now: Date = new Date()): Promise<SendResult> {
      // A second try after a refusal does not send the photos the server took the first time.
      const sentKey = sentKeyOf(item.owner, item.requestId);
      const known = (await get<string[]>(sentKey, store)) ?? [];
      const photosSent = known.filter((id) => item.draft.photos.some((p) => p.id === id));
      const queued: OutboxItem = { ...item, photosSent, status: 'waiting', errorFa: null, queuedAt: now.toISOString() };
      const result: SendResult = isOnline()
        ? await sendReport(fetch, queued, (sent) => set(sentKey, sent, store))
        : { outcome: 'offline', photosSent };
      if (result.outcome === 'offline') await put({ ...queued, photosSent: result.photosSent });
      if (result.outcome === 'delivered') await del(sentKey, store);
      else await set(sentKey, result.photosSent, store);
      return result;
    },

    /** «ارسال دوباره» on a failed report. */
    async retry(owner: string, requestId: string): Promise<void> {
      const item = await get<OutboxItem>(keyOf(owner, requestId), store);
      if (item) await put({ ...item, status: 'waiting', errorFa: null });
      return flush(owner);
    },

    /** «ویرایش گزارش»: out of the queue, back into the form. */
    async takeBack(owner: string, requestId: string): Promise<OutboxItem | undefined> {
      const item = await get<OutboxItem>(keyOf(owner, requestId), store);
      await del(keyOf(owner, requestId), store);
      if (item) await set(sentKeyOf(owner, requestId), item.photosSent, store);
      changed();
      return item;
    },

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

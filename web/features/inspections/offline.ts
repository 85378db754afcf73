/**
 * The phone's side of the inspector's screens: the draft store and the outbox, made once per page
 * load (IndexedDB opens on first use), and the hooks that show and send what is queued.
 */
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../../app/auth';
import { inspectionKeys, useRefreshInspections } from './inspections.queries';
import { createDraftStore, type DraftStore } from './drafts';
import { createOutbox, type Outbox } from './outbox';

const RETRY_EVERY_MS = 60_000;

let outbox: Outbox | undefined;
let drafts: DraftStore | undefined;

export function getOutbox(): Outbox {
  outbox ??= createOutbox({ fetch: (input, init) => window.fetch(input, init) });
  return outbox;
}

export function getDrafts(): DraftStore {
  drafts ??= createDraftStore();
  return drafts;
}

/** The signed-in inspector's queued reports. Read from the phone, so it runs offline too. */
export function useOutboxItems() {
  const me = useMe();
  return useQuery({
    queryKey: inspectionKeys.outbox(me.id),
    queryFn: () => getOutbox().list(me.id),
    networkMode: 'always',
  });
}

/**
 * Sends queued reports when the app starts, whenever the connection comes back, and every minute
 * (the report still arrives once: see outbox.ts); refreshes the screens when the queue changes (a
 * report delivered leaves the visit list).
 */
export function useOutboxSync(): void {
  const me = useMe();
  const refresh = useRefreshInspections();
  const enabled = me.role === 'inspector';
  useEffect(() => {
    if (!enabled) return;
    const box = getOutbox();
    const unsubscribe = box.subscribe(() => void refresh());
    const flush = () => void box.flush(me.id);
    flush();
    window.addEventListener('online', flush);
    // The phone may think it is online while the server is out of reach: try again now and then.
    const timer = setInterval(flush, RETRY_EVERY_MS);
    return () => {
      unsubscribe();
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, [enabled, me.id, refresh]);
}

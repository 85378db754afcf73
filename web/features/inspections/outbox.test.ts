import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOutbox, type Outbox } from './outbox';
import { emptyDraft, type ReportDraft } from './report.model';

const CASE = 'case-1';
const ME = 'inspector-a';
const CHECKLIST = [{ code: 'land_use_matches', labelFa: 'کاربری', labelEn: 'Use' }];

/** A report ready to send, with two photos. */
function draft(): ReportDraft {
  const d = emptyDraft(CHECKLIST, new Date('2026-11-29T06:00:00Z'));
  return {
    ...d,
    checklist: [{ code: 'land_use_matches', ok: true, note: '' }],
    findings: 'ملک مطابق پرونده است',
    gps: { lat: 32.66, lng: 51.66, accuracyM: 12, source: 'device' },
    photos: [
      { id: 'p1', name: 'a.png', blob: new Blob(['photo one']) },
      { id: 'p2', name: 'b.png', blob: new Blob(['photo two']) },
    ],
  };
}

/**
 * The server as far as the outbox sees it: photos stored once per content, the report filed once
 * per case version (a stale version is 409), the case readable. `drop` loses the connection.
 */
function fakeServer() {
  const server = {
    state: 'visit_scheduled',
    stateLabelFa: 'زمان بازدید تعیین شد',
    version: 3,
    reports: [] as unknown[],
    photos: new Map<string, string>(),
    calls: [] as string[],
    online: true,
    /** Lose the connection before the call with this number (1-based) reaches the server. */
    dropBefore: null as number | null,
    /** The server handles the call with this number, but its answer is lost on the way back. */
    loseAnswerOf: null as number | null,
    /** The next report is refused with this status and body. */
    refuseNext: null as { status: number; error: object } | null,
    fetch: async (url: string, init?: RequestInit): Promise<Response> => {
      const n = server.calls.length + 1;
      if (!server.online || server.dropBefore === n) throw new TypeError('Failed to fetch');
      const method = init?.method ?? 'GET';
      server.calls.push(`${method} ${url}`);
      const answer = await handle(url, method, init);
      if (server.loseAnswerOf === n) throw new TypeError('Failed to fetch');
      return answer;
    },
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  async function handle(url: string, method: string, init?: RequestInit): Promise<Response> {
    if (method === 'POST' && url.endsWith('/documents')) {
      const form = init!.body as FormData;
      expect(form.get('kind')).toBe('inspection_photo');
      const content = await (form.get('file') as Blob).text();
      if (!server.photos.has(content)) server.photos.set(content, `doc-${server.photos.size + 1}`);
      return json(201, { id: server.photos.get(content) });
    }
    if (method === 'POST' && url.endsWith('/inspection-report')) {
      if (server.refuseNext) {
        const { status, error } = server.refuseNext;
        server.refuseNext = null;
        return json(status, { error });
      }
      const body = JSON.parse(init!.body as string) as { version: number };
      if (body.version !== server.version) return json(409, { error: { code: 'STALE_VERSION', message: 'stale', messageFa: 'پرونده تغییر کرده است' } });
      server.reports.push(body);
      server.state = 'district_review';
      server.version += 1;
      return json(200, { id: CASE, state: server.state, version: server.version });
    }
    if (method === 'GET' && url === `/api/requests/${CASE}`) {
      return json(200, { id: CASE, state: server.state, stateLabelFa: server.stateLabelFa, version: server.version, inspection: { report: server.reports.at(-1) ?? null } });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'no', messageFa: 'پیدا نشد' } });
  }
  return server;
}

let server: ReturnType<typeof fakeServer>;
let outbox: Outbox;
let stores = 0;

beforeEach(() => {
  server = fakeServer();
  // A database of its own per test: nothing queued leaks from one test to the next.
  outbox = createOutbox({ fetch: server.fetch, isOnline: () => server.online, store: createStore(`outbox-test-${++stores}`, 'reports') });
});

const item = (version = 3) => ({ owner: ME, requestId: CASE, version, draft: draft() });

describe('filing a report with a connection', () => {
  it('sends the photos first, then the report, and queues nothing', async () => {
    const result = await outbox.submit(item());
    expect(result.outcome).toBe('delivered');
    expect(server.calls).toEqual([
      `POST /api/requests/${CASE}/documents`,
      `POST /api/requests/${CASE}/documents`,
      `POST /api/requests/${CASE}/inspection-report`,
    ]);
    expect(server.reports).toHaveLength(1);
    expect(server.reports[0]).toMatchObject({ version: 3, findings: 'ملک مطابق پرونده است', gps: { lat: 32.66, lng: 51.66, accuracyM: 12 } });
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('hands a refusal back to the form instead of queueing it', async () => {
    server.refuseNext = { status: 400, error: { code: 'VALIDATION_FAILED', message: 'bad', messageFa: 'نادرست', fields: [{ field: 'findings', code: 'x', message: 'x', messageFa: 'کوتاه است' }] } };
    const result = await outbox.submit(item());
    expect(result.outcome).toBe('rejected');
    if (result.outcome === 'rejected') expect(result.error.body.fields?.[0]?.field).toBe('findings');
    expect(await outbox.list(ME)).toEqual([]);
  });
});

describe('a report sent again after the server refused it', () => {
  it('does not upload the photos the server already took; only a photo added since', async () => {
    server.refuseNext = { status: 400, error: { code: 'VALIDATION_FAILED', message: 'bad', messageFa: 'نادرست', fields: [{ field: 'findings', code: 'x', message: 'x', messageFa: 'کوتاه است' }] } };
    expect((await outbox.submit(item())).outcome).toBe('rejected');
    const photoCalls = () => server.calls.filter((c) => c.endsWith('/documents')).length;
    expect(photoCalls()).toBe(2);
    const corrected = { ...item(), draft: { ...draft(), findings: 'ملک مطابق پرونده است و تخلفی ندارد', photos: [...draft().photos, { id: 'p3', name: 'c.png', blob: new Blob(['photo three']) }] } };
    expect((await outbox.submit(corrected)).outcome).toBe('delivered');
    expect(photoCalls()).toBe(3);
    expect(server.calls.at(-2)).toBe(`POST /api/requests/${CASE}/documents`);
    expect(server.reports).toHaveLength(1);
  });

  it('after a report taken back out of the queue, the corrected one sends no photo twice', async () => {
    server.dropBefore = 2; // the first photo arrives, then the connection drops
    expect((await outbox.submit(item())).outcome).toBe('offline');
    server.dropBefore = null;
    const taken = await outbox.takeBack(ME, CASE);
    expect(taken?.photosSent).toEqual(['p1']);
    expect(await outbox.list(ME)).toEqual([]);
    expect((await outbox.submit(item())).outcome).toBe('delivered');
    expect(server.calls.filter((c) => c.endsWith('/documents'))).toHaveLength(2);
  });
});

describe('filing a report without a connection', () => {
  it('queues it, photos and all, without calling the server; sends it when the connection returns', async () => {
    server.online = false;
    expect((await outbox.submit(item())).outcome).toBe('offline');
    const [queued] = await outbox.list(ME);
    expect(queued).toMatchObject({ requestId: CASE, status: 'waiting', photosSent: [], errorFa: null });
    expect(await queued!.draft.photos[1]!.blob.text()).toBe('photo two');
    expect(server.calls).toEqual([]);

    await outbox.flush(ME); // still offline: nothing happens
    expect(server.calls).toEqual([]);

    server.online = true;
    await outbox.flush(ME);
    expect(server.reports).toHaveLength(1);
    expect(server.photos.size).toBe(2);
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('queues a report whose connection dropped half way, and later sends only what had not arrived', async () => {
    server.dropBefore = 2; // the first photo arrives, then the connection goes
    expect((await outbox.submit(item())).outcome).toBe('offline');
    expect((await outbox.list(ME))[0]!.photosSent).toEqual(['p1']);

    server.dropBefore = null;
    await outbox.flush(ME);
    expect(server.calls.filter((c) => c.endsWith('/documents'))).toHaveLength(2);
    expect(server.reports).toHaveLength(1);
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('counts a report as delivered when it arrived but the answer was lost (409, the case has the report)', async () => {
    server.loseAnswerOf = 3; // the report is filed; the phone hears nothing
    expect((await outbox.submit(item())).outcome).toBe('offline');
    expect(server.reports).toHaveLength(1);

    server.loseAnswerOf = null;
    await outbox.flush(ME);
    expect(server.calls.at(-2)).toBe(`POST /api/requests/${CASE}/inspection-report`);
    expect(server.calls.at(-1)).toBe(`GET /api/requests/${CASE}`);
    expect(server.reports).toHaveLength(1);
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('sends a report once when flushes overlap (start-up and the online event together)', async () => {
    server.online = false;
    await outbox.submit(item());
    server.online = true;
    await Promise.all([outbox.flush(ME), outbox.flush(ME), outbox.flush(ME)]);
    expect(server.calls.filter((c) => c.endsWith('/inspection-report'))).toHaveLength(1);
    expect(server.reports).toHaveLength(1);
  });

  it("sends only the signed-in inspector's reports from a shared phone", async () => {
    server.online = false;
    await outbox.submit({ ...item(), owner: 'inspector-b' });
    server.online = true;
    await outbox.flush(ME);
    expect(server.calls).toEqual([]);
    expect(await outbox.list('inspector-b')).toHaveLength(1);
  });
});

describe('a queued report the server refuses', () => {
  it('stays queued, marked failed with the Persian message, until the inspector retries', async () => {
    server.online = false;
    await outbox.submit(item());
    server.online = true;
    server.refuseNext = { status: 403, error: { code: 'FORBIDDEN', message: 'no', messageFa: 'شما اجازه این کار را ندارید' } };
    await outbox.flush(ME);
    expect(await outbox.list(ME)).toMatchObject([{ status: 'failed', errorFa: 'شما اجازه این کار را ندارید', photosSent: ['p1', 'p2'] }]);

    await outbox.flush(ME); // a failed report is not sent again by itself
    expect(server.calls.filter((c) => c.endsWith('/inspection-report'))).toHaveLength(1);

    await outbox.retry(ME, CASE);
    expect(server.reports).toHaveLength(1);
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('after a 409 with the case rescheduled meanwhile (no report yet), retries with the current version', async () => {
    server.online = false;
    await outbox.submit(item());
    server.version = 4; // the visit was moved while the phone was offline
    server.online = true;
    await outbox.flush(ME);
    expect(await outbox.list(ME)).toMatchObject([{ status: 'failed', errorFa: 'پرونده تغییر کرده است', version: 4 }]);

    await outbox.retry(ME, CASE);
    expect(server.reports).toMatchObject([{ version: 4 }]);
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('after a 409 with the case gone elsewhere without a report, says so and keeps it', async () => {
    server.online = false;
    await outbox.submit(item());
    server.state = 'cancelled';
    server.stateLabelFa = 'لغو شده';
    server.version = 4;
    server.online = true;
    await outbox.flush(ME);
    const [failed] = await outbox.list(ME);
    expect(failed!.status).toBe('failed');
    expect(failed!.errorFa).toContain('لغو شده');
    expect(server.reports).toEqual([]);
  });

  it('goes back to the form on «ویرایش گزارش»', async () => {
    server.online = false;
    await outbox.submit(item());
    const taken = await outbox.takeBack(ME, CASE);
    expect(taken?.draft.findings).toBe('ملک مطابق پرونده است');
    expect(await outbox.list(ME)).toEqual([]);
  });

  it('tells its subscribers whenever the queue changes', async () => {
    let changes = 0;
    const unsubscribe = outbox.subscribe(() => changes++);
    server.online = false;
    await outbox.submit(item());
    expect(changes).toBe(1);
    unsubscribe();
    server.online = true;
    await outbox.flush(ME);
    expect(changes).toBe(1);
  });
});

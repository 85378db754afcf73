/**
 * The real server (its bundle, as `npm start` runs it) prints through a process of its own
 * (decision 0055): a month's report comes back as a PDF, printed by dist/server/pdf-child.mjs under
 * the server's process, which goes when the server stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { childPids } from '../test/processes.js';
import { freePort, serverDatabase, startServer, type ServerDatabase, type ServerProcess } from '../test/server-process.js';

let sdb: ServerDatabase;
let server: ServerProcess;

beforeAll(async () => {
  sdb = await serverDatabase();
  server = await startServer({
    ...sdb.env, PORT: String(await freePort()), SEED_DEMO: 'true', DEMO_HISTORY_MONTHS: '0', LOG_LEVEL: 'warn',
    NOTIFY_POLL_MS: '0', LETTER_POLL_MS: '0', ESCALATION_POLL_MS: '0', SMS_PROVIDER: 'log', OTP_SECRET: 'x'.repeat(32),
  });
}, 120_000);
afterAll(async () => {
  server?.signal('SIGKILL');
  await sdb?.drop();
});

/** The server's printer processes, by their module's name. */
const printers = (pid: number) => childPids(pid, 'pdf-child.mjs');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the server prints through its printer process', () => {
  it('starts the printer on the first print, answers the PDF, and stops it with the server', async () => {
    expect(printers(server.pid)).toEqual([]);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

    const report = await fetch(`${server.url}/api/dashboards/report.pdf?month=1405-09`, { headers: { cookie } });
    expect(report.status, await report.clone().text()).toBe(200);
    expect(report.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await report.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const [printer, ...more] = printers(server.pid);
    expect(printer).toBeGreaterThan(0);
    expect(more).toEqual([]);

    server.signal('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect.poll(() => alive(printer!), { timeout: 10_000 }).toBe(false);
  }, 120_000);
});

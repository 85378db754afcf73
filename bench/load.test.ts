import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlice, type LoadSpec } from './load.js';

/**
 * A server that opens its connections slowly, as a busy one does: the first call on the k-th
 * connection it accepts is answered after k × 250 ms, every later call at once. A slice must count
 * from the last connection's first answer, so those waits are reported apart and not in the
 * latencies or the rate. The step is well above what a counted call takes on a loaded CI machine
 * (74 ms was seen with 60-ms steps), so a held call cannot pass for a counted one.
 */
const FIRST_CALL_STEP_MS = 250;
let server: http.Server;
let url: string;

beforeAll(async () => {
  let opened = 0;
  const firstCallDelay = new WeakMap<object, number>();
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const delay = firstCallDelay.get(req.socket) ?? 0;
      firstCallDelay.set(req.socket, 0);
      setTimeout(() => res.end('{}'), delay);
    });
  });
  server.on('connection', (socket) => firstCallDelay.set(socket, opened++ * FIRST_CALL_STEP_MS));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a load slice', () => {
  it('counts from the last connection’s first answer and reports the opening apart', async () => {
    const connections = 8;
    const spec: LoadSpec = { connections, next: () => ({ method: 'GET', path: '/' }) };
    const slice = await runSlice(url, spec, 1);

    const slowest = (connections - 1) * FIRST_CALL_STEP_MS; // 1,750 ms
    expect(slice.slowestFirstAnswerMs).toBeGreaterThanOrEqual(slowest - 5);
    expect(slice.rampSeconds).toBeGreaterThanOrEqual((slowest - 5) / 1000);
    expect(slice.rampSeconds).toBeLessThan(4);
    // None of the held first calls is among the counted ones: every counted call was answered at once.
    expect(slice.latencies.length).toBeGreaterThan(100);
    expect(Math.max(...slice.latencies)).toBeLessThan(FIRST_CALL_STEP_MS);
    expect(slice.ok).toBe(slice.latencies.length);
    // The rate's window is the counted second, not the opening before it.
    expect(slice.seconds).toBeGreaterThan(0.8);
    expect(slice.seconds).toBeLessThan(2.5);
    expect(slice.errors).toBe(0);
  });
});

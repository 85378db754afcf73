/** Retry schedule shared by the outbox and webhook workers: 30 s, 1 min, 2 min... capped at 6 h. */
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

export function backoffMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
}

/** How long a worker holds a claimed row before another may take it. */
export const LEASE_MS = 60_000;

/**
 * Run the passes every `pollMs` until stopped; a failed pass is logged and the next one runs.
 * The returned stop starts no new pass and resolves once the pass under way (if any) has finished,
 * so a shutdown never cuts a claimed row off half-way.
 */
export function startPolling(pollMs: number, passes: (() => Promise<unknown>)[], log: { error(o: object, msg: string): void }): () => Promise<void> {
  let running: Promise<void> | null = null;
  const runPasses = async () => {
    for (const pass of passes) {
      try {
        await pass();
      } catch (err) {
        log.error({ err }, 'background pass failed');
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = runPasses().finally(() => {
      running = null;
    });
  }, pollMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

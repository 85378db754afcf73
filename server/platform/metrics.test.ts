/** The background passes' hooks (backgroundPassHooks): every pass timed into its job's series, a slow one also logged. */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { backgroundPassHooks } from './metrics.js';

describe('backgroundPassHooks', () => {
  it("counts each pass in its job's series and logs a pass of 250 ms or more, and only that one", async () => {
    const registry = new Registry();
    const warned: object[] = [];
    const errors: string[] = [];
    const hooks = backgroundPassHooks(registry, { warn: (o) => warned.push(o), error: (_o, msg) => errors.push(msg) });
    hooks.timed!('outbox', 0.01);
    hooks.timed!('outbox', 0.02);
    hooks.timed!('auditSealer', 0.3);
    hooks.error({ job: 'outbox' }, 'background pass failed');
    const text = await registry.metrics();
    expect(text).toMatch(/^mk_background_pass_seconds_count\{job="outbox"\} 2$/m);
    expect(text).toMatch(/^mk_background_pass_seconds_count\{job="auditSealer"\} 1$/m);
    expect(text).toMatch(/^mk_background_pass_seconds_bucket\{le="0.25",job="auditSealer"\} 0$/m);
    expect(warned).toEqual([{ job: 'auditSealer', ms: 300 }]);
    expect(errors).toEqual(['background pass failed']);
  });
});

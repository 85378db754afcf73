/**
 * The run's figures as rows of issue 14's table: each scenario's req/s as a share of the bare
 * route measured right before it, p50 / p99, errors, and whether the issue's targets are met.
 */
import type { LoadResult } from './load.js';
import type { Scenario } from './scenarios.js';

export interface Row {
  key: string;
  label: string;
  result: LoadResult;
  /** The bare run beside it (none for a bare row). */
  bare: LoadResult | null;
  share: number | null;
  target: Scenario['target'];
  /** Every target met (null for a bare row). */
  met: boolean | null;
  failed: boolean;
}

export function scenarioRow(s: Scenario, result: LoadResult, bare: LoadResult): Row {
  const share = bare.rps > 0 ? result.rps / bare.rps : 0;
  const failed = result.errors > 0 || result.non2xx > 0;
  const met = s.target ? share >= s.target.share && result.p99 < s.target.p99 && !failed : null;
  return { key: s.key, label: s.label, result, bare, share, target: s.target, met, failed };
}

/** A bare route's row: its runs over the whole bench, the median by req/s. */
export function bareRow(key: string, label: string, runs: LoadResult[]): Row {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  const result = sorted[Math.floor(sorted.length / 2)]!;
  const failed = runs.some((r) => r.errors > 0 || r.non2xx > 0);
  return { key, label, result, bare: null, share: 1, target: null, met: null, failed };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => (n >= 0.1 ? `${Math.round(n * 100)}%` : `${(n * 100).toFixed(1)}%`);

export function markdownTable(rows: Row[], meta: { database: string; data: string; workers: number; cases: number; connections: number; seconds: number; rounds: number }): string {
  const loads = rows.flatMap((r) => r.result.loadAverage);
  const lines = [
    `${meta.database}, ${int(meta.cases)} cases (${meta.data}), ${meta.workers} server process${meta.workers === 1 ? '' : 'es'}, ${meta.connections} connections (unless the row says), ${meta.seconds} s a scenario and as long for its bare route, in ${meta.rounds} alternating slices; ` +
      `the machine's load average ${Math.min(...loads)}-${Math.max(...loads)} during the runs`,
    '',
    '| path | req/s | p50 / p99 ms | share | errors, non-2xx | target (share, p99) | |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const x = r.result;
    const share = r.bare ? `${pct(r.share!)} (of ${int(r.bare.rps)})` : '100%';
    const target = r.target ? `≥ ${pct(r.target.share)}, < ${r.target.p99} ms` : '';
    const verdict = r.failed ? '**errors**' : r.met === null ? '' : r.met ? 'met' : 'missed';
    lines.push(`| ${r.label} | ${int(x.rps)} | ${int(x.p50)} / ${int(x.p99)} | ${share} | ${x.errors}, ${x.non2xx} | ${target} | ${verdict} |`);
  }
  return lines.join('\n') + '\n' + rampNote(rows);
}

/**
 * The slices that took half a second or more to have every connection answered once (load.ts): the
 * figures above count the calls sent after that, and this says what was left out.
 */
function rampNote(rows: Row[]): string {
  const slow = rows.filter((r) => r.result.rampSeconds === null || r.result.rampSeconds >= 0.5);
  if (!slow.length) return '';
  const each = slow.map((r) =>
    r.result.rampSeconds === null
      ? `${r.label}: a connection never answered within the limit, so every call counts`
      : `${r.label} ${r.result.rampSeconds.toFixed(1)} s (slowest first answer ${int(r.result.slowestFirstAnswerMs)} ms)`,
  );
  return `\nOpening the connections (each slice opens its own, and a busy server accepts one per turn of its event loop; the figures count the calls sent after every connection's first answer): ${each.join('; ')}.\n`;
}

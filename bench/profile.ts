/**
 * Where a scenario's server time goes (BENCH_PROFILE): V8's CPU profile of the server over the
 * scenario's load (POST /api/bench/profile/start and /stop, server/platform/bench-routes.ts), read
 * as the share of samples spent in each package (or file of our own) and in each function,
 * counting a function's own time only (not what it calls).
 */

/** The parts of a `.cpuprofile` read here (the Chrome DevTools protocol's Profiler.Profile). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

export interface ProfileSummary {
  samples: number;
  /** [package or file, share of samples], largest first. */
  byPackage: [string, number][];
  /** [function (package or file:line), share of samples], largest first. */
  byFunction: [string, number][];
}

const OURS = /^file:\/\/.*?\/(server|contracts|dist)\//;

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName || '(native)'; // (garbage collector), (idle), (program), a native call
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node';
  return url.replace(OURS, '$1/');
}

function top(counts: Map<string, number>, total: number, n: number): [string, number][] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, c]) => [k, c / total]);
}

export function summariseProfile(profile: CpuProfile, n = 12): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = nodes.get(id)!.callFrame;
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
    const fn = frame.url ? `${frame.functionName || '(anonymous)'} (${pkg}${pkg.includes('/') ? `:${frame.lineNumber + 1}` : ''})` : pkg;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  return { samples: profile.samples.length, byPackage: top(byPackage, total, n), byFunction: top(byFunction, total, n) };
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The summaries as Markdown: one line of packages and one of functions a scenario. */
export function profileMarkdown(rows: { label: string; summary: ProfileSummary }[]): string {
  const lines = ['', '### Where the server spent its CPU, a scenario at a time (own time; V8 sampling profile)', ''];
  for (const { label, summary } of rows) {
    lines.push(`- **${label}** (${summary.samples.toLocaleString('en-US')} samples)`);
    lines.push(`  - by package: ${summary.byPackage.map(([k, s]) => `${k} ${pct(s)}`).join(', ')}`);
    lines.push(`  - by function: ${summary.byFunction.map(([k, s]) => `\`${k}\` ${pct(s)}`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

import { execFileSync } from 'node:child_process';

/** The processes started by `parent` whose command line matches `pattern` (pgrep), none when none match. */
export function childPids(parent: number, pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(parent), '-f', pattern], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when none matches
  }
}

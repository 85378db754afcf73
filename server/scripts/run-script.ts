/**
 * How every script of this folder ends: with the code its `main` returns, or, when it throws, with
 * 1 and one line saying what was not done and why (`failed`: "backup FAILED", "files NOT CHECKED"…).
 */
export function runScript(main: () => Promise<number>, failed: string): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${failed}: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

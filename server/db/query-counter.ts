/**
 * Counts what a piece of work costs the database: statements sent and transactions begun. Hooked
 * in as Kysely's `log` (createDb's `log` option), which sees every statement a connection runs,
 * BEGIN included, on SQLite and PostgreSQL alike. For tests and measurements, not production.
 */
import type { LogEvent } from 'kysely';

export interface QueryCounter {
  /** Statements other than BEGIN, COMMIT and ROLLBACK (failed ones included). */
  queries: number;
  /** BEGINs: transactions opened. */
  transactions: number;
  /** The statements counted in `queries`, in order (to see what a number is made of). */
  statements: string[];
  log: (event: LogEvent) => void;
  reset: () => void;
}

export function queryCounter(): QueryCounter {
  const counter: QueryCounter = {
    queries: 0,
    transactions: 0,
    statements: [],
    log(event) {
      const text = event.query.sql.trim();
      const verb = text.split(/\s/, 1)[0]!.toLowerCase();
      if (verb === 'begin' || verb === 'start') counter.transactions++;
      else if (verb !== 'commit' && verb !== 'rollback') {
        counter.queries++;
        counter.statements.push(text);
      }
    },
    reset() {
      counter.queries = 0;
      counter.transactions = 0;
      counter.statements = [];
    },
  };
  return counter;
}

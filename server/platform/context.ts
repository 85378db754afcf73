import type { Db } from '../db/database.js';
import type { Clock } from './clock.js';
import type { Config } from '../config.js';
import type { BlobStore } from './storage.js';

/** What services need from the outside world; routes pass `app.ctx`, tests build their own. */
export interface Ctx {
  db: Db;
  clock: Clock;
  config: Config;
  /** Where document bytes live (content-addressed). */
  files: BlobStore;
}

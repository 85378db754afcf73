import type { Db } from '../db/database.js';
import type { Clock } from './clock.js';
import type { Config } from '../config.js';
import type { BlobStore } from './storage.js';
import type { PdfPrinter } from './pdf.js';
import type { SmsProvider } from './sms.js';
import type { TravelTimes } from './routing/index.js';
import type { ReadReplica } from './read-replica.js';

/** What services need from the outside world; routes pass `app.ctx`, tests build their own. */
export interface Ctx {
  /** The primary: every write, and every read not sent to the replica. */
  db: Db;
  /** The streaming replica (DATABASE_READ_URL) the routes that call `fromReplica` may read from; null without one. */
  replica: ReadReplica | null;
  clock: Clock;
  config: Config;
  /** Where document bytes live (content-addressed). */
  files: BlobStore;
  /** Prints answer letters (one warm headless Chromium). */
  pdf: PdfPrinter;
  /** Direct SMS, for what must not wait in (or be stored by) the outbox: one-time codes. */
  sms: SmsProvider;
  /** Travel times between points, for the visit planner: haversine, or a routing server's table. */
  travel: TravelTimes;
  /** Where this server listens, once it does (platform/baseUrl.ts): letters' addresses when PUBLIC_BASE_URL is unset. */
  servedAt: { url: string | null };
}

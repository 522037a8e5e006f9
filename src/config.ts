/** Reads the environment once (after `.env`; real env wins), validates it, and returns a frozen Config. */
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { weakTokenReason } from './core/tokens.js';
import { LANGUAGES } from './core/types.js';

/** Gathering reminders by default: a day before and an hour before (issue #6). */
export const DEFAULT_REMINDER_OFFSETS = 'day=24h,hour=1h';
/** The accepted form of named reminder offsets; domain/gatherings/reminderOffsets.ts parses it. */
export const REMINDER_OFFSETS_PATTERN = /^\s*[a-z][a-z0-9_]*=\d+[mhd]\s*(,\s*[a-z][a-z0-9_]*=\d+[mhd]\s*)*$/;

/** The database file inside DATA_DIR. */
export const DB_FILE_NAME = 'helpline.sqlite';
/** The default backups folder inside DATA_DIR. */
export const BACKUP_DIR_NAME = 'backups';

const commaList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((s) => s === 'true' || s === '1' || s === 'yes');

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Jakarta');

const optionalUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default('');

const schema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  HTTP_PORT: port.default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /**
   * Behind a reverse proxy, which hops to trust for the client address (express "trust proxy"):
   * 'false', 'loopback', or a number of hops. Rate limits count per client address.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(false|loopback|uniquelocal|\d{1,2})$/, "'false', 'loopback', 'uniquelocal' or a number of proxy hops")
    .default('false'),
  PUBLIC_BASE_URL: optionalUrl,
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('id'),
  HOME_TIMEZONE: timezone.default('Asia/Jakarta'),
  REGION_NAME: z.string().min(1).default('Banyuwangi'),
  /** Named reminder offsets before each gathering, e.g. "day=24h,hour=1h". */
  GATHERING_REMINDERS: z.string().regex(REMINDER_OFFSETS_PATTERN, 'named offsets such as day=24h,hour=1h').default(DEFAULT_REMINDER_OFFSETS),
  CASE_PREFIX: z.string().regex(/^[A-Z]{2,6}$/, '2 to 6 capital letters').default('BWI'),
  TELEGRAM_BOT_TOKEN: z.string().default(''),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]*$/, 'only A-Z, a-z, 0-9, _ and -').max(256).default(''),
  WHATSAPP_WEB: bool,
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  WHATSAPP_CLOUD_TOKEN: z.string().default(''),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: z.string().default(''),
  WHATSAPP_CLOUD_APP_SECRET: z.string().default(''),
  WHATSAPP_CLOUD_VERIFY_TOKEN: z.string().default(''),
  WHATSAPP_CLOUD_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v21.0'),
  /** WhatsApp Business Account id: lets `npm run doctor` check the message templates. */
  WHATSAPP_CLOUD_WABA_ID: z.string().regex(/^\d*$/, 'digits only (WhatsApp Manager → Account tools → WhatsApp Business Account ID)').default(''),
  /** Approved WhatsApp templates used outside the 24-hour window (empty: not used). */
  WHATSAPP_TEMPLATE_CASE_UPDATE: z.string().regex(/^[a-z0-9_]*$/, 'a template name: lower-case letters, digits and _').default('case_update'),
  WHATSAPP_TEMPLATE_ANNOUNCEMENT: z.string().regex(/^[a-z0-9_]*$/, 'a template name: lower-case letters, digits and _').default(''),
  /** Sent instead of either template to contacts in discreet mode: its text must not say "report" or name the helpline. */
  WHATSAPP_TEMPLATE_NEUTRAL: z.string().regex(/^[a-z0-9_]*$/, 'a template name: lower-case letters, digits and _').default('new_message'),
  /** Template language per contact language, e.g. "id:id,en:en,jv:id" (Javanese falls back to Indonesian). */
  WHATSAPP_TEMPLATE_LANGUAGES: z
    .string()
    .regex(/^(id|en|jv):[A-Za-z_]{2,8}(,(id|en|jv):[A-Za-z_]{2,8})*$/, 'pairs such as id:id,en:en,jv:id')
    .default('id:id,en:en,jv:id'),
  OFFICER_TELEGRAM_IDS: commaList,
  OFFICER_WHATSAPP_NUMBERS: commaList,
  ADMIN_API_TOKEN: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 'auto': readable lines and a start-up banner on a terminal, JSON lines otherwise (systemd, files). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** Operational switch: 'off' runs intake only and leaves replies queued in the outbox. */
  OUTBOX_DISPATCH: z.enum(['on', 'off']).default('on'),
  OUTBOX_TELEGRAM_PER_SECOND: positiveInt.default(30),
  OUTBOX_CLOUD_PER_SECOND: positiveInt.default(80),
  OUTBOX_WHATSAPP_WEB_PER_MINUTE: positiveInt.default(20),
  /** A new case without officer action is re-announced after this many minutes (urgent / other). */
  CASE_ESCALATE_URGENT_MINUTES: positiveInt.default(120),
  CASE_ESCALATE_MINUTES: positiveInt.default(1440),
  /** New cases nobody holds go in turn to the dashboard accounts on duty (round_robin), or wait for an officer (off). */
  AUTO_ASSIGN: z.enum(['off', 'round_robin']).default('off'),
  /** Dashboard rings and chat alerts reach officers marked away (or outside the case's team) only after this many seconds still unopened (at once when nobody is on duty). */
  ALERT_AWAY_DELAY_SECONDS: positiveInt.default(300),
  /**
   * Service levels (issue 15): the first officer reply and the resolution are due this long after a
   * case is created, urgent / other. Defaults: an urgent case (danger, violence, trafficking) gets a
   * first answer within an hour, before CASE_ESCALATE_URGENT_MINUTES re-announces it; other cases
   * within a day (CASE_ESCALATE_MINUTES), since workers often write on their rest day. Resolution:
   * 3 days for urgent cases (rescue, shelter or repatriation is arranged or referred), 14 days for
   * others (wage claims and documents need the agency's and employer's answers). Operators' starting
   * points, not a regulation: tune them to what the desk can keep.
   */
  SLA_FIRST_RESPONSE_URGENT_MINUTES: positiveInt.default(60),
  SLA_FIRST_RESPONSE_MINUTES: positiveInt.default(1440),
  SLA_RESOLUTION_URGENT_HOURS: positiveInt.default(72),
  SLA_RESOLUTION_HOURS: positiveInt.default(336),
  /** Workers' agency reviews are shown as counts only from this many approved reviews on (no single worker identifiable). */
  AGENCY_REVIEWS_MIN: positiveInt.default(5),
  /** Per-contact flood limit: more than RATE_LIMIT_MESSAGES in RATE_LIMIT_WINDOW_SECONDS gets one slow-down notice, the rest are dropped. */
  RATE_LIMIT_MESSAGES: positiveInt.default(20),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(10),
  /** New web-chat visitors (pages opened without a chat cookie) one client address may start an hour. */
  WEBCHAT_NEW_VISITORS_PER_HOUR: positiveInt.default(30),
  /** Web-chat messages one client address may post a minute, all its visitors together (urgent ones always pass). */
  WEBCHAT_POSTS_PER_ADDRESS_PER_MINUTE: positiveInt.default(120),
  /** How long a turn waits for a database lock held by another process before the message is refused for now. */
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  /** Where the web chat's quick-exit button (and Esc) sends the page: a neutral site such as a weather page. */
  WEBCHAT_EXIT_URL: z.url({ protocol: /^https?$/ }).default('https://weather.com/'),
  /** Officers (not admins) may broadcast to at most this many people, and never to everyone. */
  BROADCAST_OFFICER_MAX_RECIPIENTS: positiveInt.default(100),
  /** A register import that removes more than this share of the agencies needs an explicit "replace the whole register". */
  AGENCY_IMPORT_MAX_REMOVED_SHARE: z.coerce.number().min(0).max(1).default(0.2),
  /** Daily backups kept in BACKUP_DIR. */
  BACKUP_KEEP_DAYS: positiveInt.default(14),
  /** A continuous backup (database and evidence files) every this many minutes: a divisor of 60, or whole hours dividing 24. */
  BACKUP_INTERVAL_MINUTES: positiveInt
    .refine((m) => (m < 60 ? 60 % m === 0 : m % 60 === 0 && 24 % (m / 60) === 0), 'minutes dividing an hour (5, 10, 15, 30) or whole hours dividing a day (60, 120, 180, 240, 360, 720, 1440)')
    .default(15),
  /** Where backups are written; empty means DATA_DIR/backups. Best on another disk. */
  BACKUP_DIR: z.string().default(''),
});

export type Config = Readonly<
  Omit<z.infer<typeof schema>, 'DATA_DIR' | 'BACKUP_DIR'> & {
    /** Absolute. */
    DATA_DIR: string;
    /** Absolute: BACKUP_DIR, or DATA_DIR/backups when unset. */
    BACKUP_DIR: string;
    DB_PATH: string;
  }
>;

type Env = Record<string, string | undefined>;

/** Validates an environment map; throws ConfigError with one line per bad variable. */
export function parseConfig(env: Env): Config {
  // Empty strings mean "not set" so defaults apply, as operators expect from a blank `.env` line.
  const cleaned: Env = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') cleaned[key] = v.trim();
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'config');
      return `${name}=${JSON.stringify(env[name] ?? '')} is invalid: expected ${i.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const c = result.data;
  if (c.PUBLIC_BASE_URL && c.TELEGRAM_BOT_TOKEN && !c.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET is required when PUBLIC_BASE_URL and TELEGRAM_BOT_TOKEN are set');
  }
  const weak = c.ADMIN_API_TOKEN ? weakTokenReason(c.ADMIN_API_TOKEN) : null;
  if (weak) {
    throw new ConfigError(`ADMIN_API_TOKEN is too weak to guard the officer API: ${weak}. Generate one with: openssl rand -base64 32 (or leave it empty to keep the API off)`);
  }
  const cloud = [c.WHATSAPP_CLOUD_TOKEN, c.WHATSAPP_CLOUD_PHONE_NUMBER_ID, c.WHATSAPP_CLOUD_APP_SECRET, c.WHATSAPP_CLOUD_VERIFY_TOKEN];
  if (cloud.some(Boolean) && !cloud.every(Boolean)) {
    throw new ConfigError(
      'WHATSAPP_CLOUD_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET and WHATSAPP_CLOUD_VERIFY_TOKEN must be set together',
    );
  }
  const dataDir = path.resolve(c.DATA_DIR);
  const backupDir = c.BACKUP_DIR ? path.resolve(c.BACKUP_DIR) : path.join(dataDir, BACKUP_DIR_NAME);
  return Object.freeze({ ...c, DATA_DIR: dataDir, BACKUP_DIR: backupDir, DB_PATH: path.join(dataDir, DB_FILE_NAME) });
}

/** Where a setting came from: the real environment, the `.env` file, or the built-in default. */
export type SettingSource = 'environment' | '.env' | 'default';
let lastSources: Record<string, SettingSource> = {};

/** Loads `.env` from the working directory (without overriding the real environment) and validates. */
export function loadConfig(env: Env = process.env): Config {
  const fromEnv = new Set(Object.keys(schema.shape).filter((k) => env[k]?.trim()));
  const dotenv = loadDotenv({ quiet: true }).parsed ?? {};
  lastSources = {};
  for (const k of Object.keys(schema.shape)) {
    lastSources[k] = fromEnv.has(k) ? 'environment' : dotenv[k]?.trim() ? '.env' : 'default';
  }
  return parseConfig(env);
}

/** Where the last loadConfig() took a setting from, e.g. "DATA_DIR from .env" (scripts print it). */
export function settingSource(name: string): SettingSource {
  return lastSources[name] ?? 'default';
}

/** For entry points: loads the config, or prints the one-line reason and exits 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

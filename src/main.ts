/** `npm start`: the bot process with every channel the configuration enables. */
import fs from 'node:fs';
import { App, SHUTDOWN_TIMEOUT_MS } from './app.js';
import { loadConfigOrExit } from './config.js';
import type { ChannelHealth, ChannelName } from './core/types.js';
import { createLogger } from './logger.js';
import { channelsFromConfig } from './channels/fromConfig.js';
import { collectBannerInfo, renderBanner } from './ops/banner.js';
import { PROCESS_UMASK } from './store/filePermissions.js';

/** How long the banner waits for channels to finish connecting before it shows their state. */
const BANNER_CHANNEL_WAIT_MS = 3000;

/** Channel states once none is still connecting (or after BANNER_CHANNEL_WAIT_MS). */
async function settledChannels(app: App): Promise<Partial<Record<ChannelName, ChannelHealth>>> {
  const deadline = Date.now() + BANNER_CHANNEL_WAIT_MS;
  while (Object.values(app.channelHealth()).some((h) => h?.state === 'connecting') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return app.channelHealth();
}

async function main(): Promise<void> {
  // Production mode unless told otherwise (express and its dependencies then never show stacks).
  process.env.NODE_ENV ??= 'production';
  // Everything the bot creates (database, WAL, evidence, secrets, backups) is readable by its user only.
  process.umask(PROCESS_UMASK);
  const config = loadConfigOrExit();
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  const log = createLogger(config.LOG_LEVEL, undefined, { pretty });
  const createdDatabase = !fs.existsSync(config.DB_PATH);
  const channels = await channelsFromConfig(config, log);
  const app = new App({ config, log, channels });
  await app.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: intake stopped, finishing work in progress');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    await app.stop();
    log.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const channelStates = await settledChannels(app);
  if (stopping) return;
  const info = await collectBannerInfo({ config, db: app.db, port: app.port, createdDatabase, channels: channelStates });
  if (stopping) return;
  // A person at a terminal gets the banner as text; journald and log collectors get one JSON line
  // with the same facts as fields (and the health address in its message, for scripts that wait for it).
  if (pretty) process.stdout.write(`\n${renderBanner(info)}\n`);
  else log.info(info, `helpline running: health at ${info.urls.health}`);
}

main().catch((err) => {
  process.stderr.write(`Fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

/** `npm start`: the bot process with every channel the configuration enables. */
import { App } from './app.js';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';
import { channelsFromConfig } from './channels/fromConfig.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  const channels = await channelsFromConfig(config, log);
  const app = new App({ config, log, channels });
  await app.start();
  log.info(
    { port: app.port, dataDir: config.DATA_DIR, channels: [...app.channels.keys()] },
    `helpline running: health at http://localhost:${app.port}/api/health, web chat at http://localhost:${app.port}/chat, dashboard at http://localhost:${app.port}/dashboard`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: intake stopped, finishing work in progress');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await app.stop();
    log.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

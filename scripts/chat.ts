/** `npm run chat`: talk to the bot in the terminal (the console channel), on the same database. */
import { App } from '../src/app.js';
import { ConsoleChannel } from '../src/channels/console.js';
import { loadConfigOrExit } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const config = loadConfigOrExit();
// Logs go to stderr so the conversation on stdout stays readable.
const log = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as never);
const chatId = process.env.CHAT_ID || 'local';
const consoleChannel = new ConsoleChannel(process.stdin, process.stdout, chatId);
const app = new App({ config, log, channels: [consoleChannel], http: false, scheduler: false });
await app.start();
if (process.stdin.isTTY) process.stdout.write('Type a message (Ctrl-D to quit). Try "menu" or "sos".\n');

const finish = async () => {
  await app.drain(5000);
  await app.stop();
  process.exit(0);
};
void consoleChannel.ended.then(finish);
process.on('SIGINT', () => void finish());
process.on('SIGTERM', () => void finish());

/**
 * `npm run chat`: talk to the bot in the terminal (the console channel), on the server's database
 * (DATA_DIR from `.env` or the environment). Its path is printed on stderr; the conversation keeps
 * stdout. Like the server, it creates a database when there is none, and says so.
 */
import { App } from '../src/app.js';
import { ConsoleChannel } from '../src/channels/console.js';
import { loadConfigOrExit } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { databaseExists, databaseLine } from '../src/ops/scriptDatabase.js';

const config = loadConfigOrExit();
process.stderr.write(`${databaseLine(config)}\n`);
if (!databaseExists(config)) process.stderr.write('No database there yet: creating a new one (the server uses the same DATA_DIR).\n');
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

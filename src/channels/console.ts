/** A terminal channel: one local chat over stdin/stdout, for trying the bot without an account. */
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Channel, ChannelHealth, Intake, Outbound, SendResult } from '../core/types.js';

export const CONSOLE_CHAT_ID = 'local';

export class ConsoleChannel implements Channel {
  readonly name = 'console' as const;
  private rl?: readline.Interface;
  private seq = 0;
  private state: ChannelHealth = { state: 'off' };
  /** Resolves when input ends (Ctrl-D or a closed pipe) and every line was handed to the router. */
  readonly ended: Promise<void>;
  private endedResolve!: () => void;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly chatId: string = CONSOLE_CHAT_ID,
  ) {
    this.ended = new Promise((r) => (this.endedResolve = r));
  }

  async start(intake: Intake): Promise<void> {
    this.rl = readline.createInterface({ input: this.input, terminal: false });
    this.state = { state: 'up' };
    // Lines are handed over one at a time, in order, each after the previous turn committed.
    let chain = Promise.resolve();
    const runId = Date.now().toString(36);
    this.rl.on('line', (line) => {
      const platformId = `${runId}-${++this.seq}`;
      chain = chain.then(() =>
        intake({ channel: 'console', chatId: this.chatId, platformId, text: line, receivedAt: Date.now() }).then(() => undefined),
      );
    });
    this.rl.on('close', () => {
      void chain.then(() => this.endedResolve());
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
    this.state = { state: 'off' };
  }

  async send(_chatId: string, msg: Outbound): Promise<SendResult> {
    const attachment = msg.media ? `\n[${msg.media.mime}: ${msg.media.fileName ?? msg.media.path}]` : '';
    this.output.write(`\n${msg.text}${attachment}\n`);
    return {};
  }

  health(): ChannelHealth {
    return this.state;
  }
}

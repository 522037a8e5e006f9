/** A recording channel that holds its sends while closed (a message stays queued meanwhile). */
import { RecordingChannel } from './harness.js';

export class HeldChannel extends RecordingChannel {
  private gate: Promise<void> | null = null;
  private release: () => void = () => undefined;

  /** Sends from now on wait until `open()`. */
  close(): void {
    if (this.gate) return;
    this.gate = new Promise((ok) => (this.release = ok));
  }

  /** Lets waiting and later sends through. */
  open(): void {
    this.gate = null;
    this.release();
  }

  override async send(...args: Parameters<RecordingChannel['send']>): ReturnType<RecordingChannel['send']> {
    if (this.gate) await this.gate;
    return super.send(...args);
  }
}

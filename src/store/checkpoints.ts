/**
 * WAL checkpoints in the background. By default SQLite checkpoints inside whichever commit pushes
 * the WAL past 1,000 pages, so that one turn pays for copying ~1,000 pages (the p99 spikes in
 * BENCHMARKS.md). While the App runs, a timer checkpoints passively between turns instead; the
 * automatic checkpoint stays as a backstop at a larger size in case the timer is starved.
 */
import type { DB } from './db.js';

/** Milliseconds between background checkpoints (real time: WAL growth is about real writes). */
export const WAL_CHECKPOINT_INTERVAL_MS = 250;
/** WAL pages after which a commit still checkpoints by itself (~40 MB): only if the timer is late. */
export const WAL_AUTOCHECKPOINT_BACKSTOP_PAGES = 10_000;
/** SQLite's default, restored when the timer stops. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/** Starts passive checkpoints every `intervalMs`; returns the function that stops them. */
export function startWalCheckpoints(db: DB, intervalMs = WAL_CHECKPOINT_INTERVAL_MS): () => void {
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_BACKSTOP_PAGES}`);
  const timer = setInterval(() => {
    try {
      // PASSIVE never waits for readers or writers: it copies what it can and returns.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Locked by another process or closing: the next tick (or the backstop) catches up.
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
}

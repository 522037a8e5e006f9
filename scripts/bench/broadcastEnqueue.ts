/**
 * Benchmark: enqueue one broadcast to N subscribed contacts (default 100,000) in one pass.
 * Run: `npx tsx scripts/bench/broadcastEnqueue.ts [N]`. Target (issue 7): under 3 s for 100,000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LANGUAGES } from '../../src/core/types.js';
import { createBroadcast } from '../../src/domain/broadcasts/store.js';
import { Translator } from '../../src/i18n.js';
import { Notifier } from '../../src/outbox/notifier.js';
import { OutboxStore } from '../../src/outbox/store.js';
import { ContactStore } from '../../src/store/contacts.js';
import { openDatabase } from '../../src/store/db.js';

export interface EnqueueBenchResult {
  recipients: number;
  skipped: number;
  enqueueMs: number;
  seedMs: number;
  rssMb: number;
}

/** Seeds `n` contacts in a fresh database and times createBroadcast (the same path the API and /broadcast use). */
export function benchBroadcastEnqueue(n = 100_000): EnqueueBenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-broadcast-'));
  const db = openDatabase(path.join(dir, 'helpline.sqlite'));
  try {
    const now = Date.UTC(2026, 10, 27, 3, 0, 0);
    const t0 = performance.now();
    const insert = db.prepare(
      'INSERT INTO contacts (channel, chat_id, language, subscribed, audience, country, last_inbound_at, created_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const channel = i % 10 === 0 ? 'whatsapp-cloud' : 'telegram';
        insert.run(channel, String(1_000_000 + i), LANGUAGES[i % 3], i % 2 ? 'worker' : 'family', 'HK', now - (i % 48) * 3600_000, now);
      }
    })();
    const seedMs = performance.now() - t0;
    const translator = Translator.create({ region: 'Banyuwangi' });
    // No dispatcher here: the notifier writes the rows and has nothing to wake.
    const notifier = new Notifier({ db, outbox: new OutboxStore(db), contacts: new ContactStore(db), translator, defaultLang: 'id', clock: { now: () => now }, wake: () => {} });
    const text = 'Silaturahmi online keluarga PMI Banyuwangi hari Minggu jam 19.00 WIB. Tautan dikirim satu jam sebelumnya.';
    const t1 = performance.now();
    const { broadcast } = notifier.transaction(
      (out) =>
        createBroadcast(
          { db, translator, defaultLang: 'id', dataDir: dir },
          out,
          { audience: { kind: 'everyone' }, texts: { id: text, en: 'Online family gathering on Sunday at 7 pm WIB.', jv: null }, urgent: false, scheduledAt: null, createdBy: 'bench' },
          now,
        ),
      now,
    );
    const enqueueMs = performance.now() - t1;
    const skipped = db.prepare("SELECT COUNT(*) FROM outbox WHERE broadcast_id = ? AND state = 'skipped'").pluck().get(broadcast.id) as number;
    return { recipients: broadcast.recipients ?? 0, skipped, enqueueMs: Math.round(enqueueMs), seedMs: Math.round(seedMs), rssMb: Math.round(process.memoryUsage().rss / 1e6) };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 100_000);
  const r = benchBroadcastEnqueue(n);
  console.log(JSON.stringify(r));
  if (n >= 100_000 && r.enqueueMs > 3000) {
    console.error(`enqueue took ${r.enqueueMs} ms for ${n} recipients (target: under 3000 ms)`);
    process.exitCode = 1;
  }
}

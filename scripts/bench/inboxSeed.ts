/**
 * A large helpline database for the inbox benchmark: cases with threads of reporter messages,
 * officer replies and notes (Indonesian-like words), labels and officer accounts, written in one
 * transaction with prepared statements. The search index (`case_text`, one document per case) is
 * built once at the end, as migration 027 builds it, with its triggers set aside while the rows go
 * in (they rewrite a case's document on every message, which is right for one message at a time).
 */
import type { DB } from '../../src/store/db.js';
import { seededRandom } from '../../src/core/prng.js';
import { CATEGORIES, OPEN_STATUSES as OPEN } from '../../src/domain/cases/categories.js';

/** Words the generated messages are made of; the rare ones are searched for. */
const WORDS =
  'saya majikan gaji belum dibayar paspor ditahan agen kantor tolong bantu pulang kerja rumah sakit makan tidur telepon keluarga anak ibu bapak uang bulan minggu hari kontrak visa izin polisi kedutaan konsulat takut marah dipukul lapar capek sehat sakit obat dokter libur jam lembur potongan biaya utang pinjaman sponsor penampungan asrama kamar tiket pesawat bandara'.split(
    ' ',
  );
/** Words that appear in about one message in 5,000 (a realistic "find that case" search). */
export const RARE_WORDS = ['kalimantan', 'sukabumi', 'brebes', 'indramayu'];
const COUNTRIES = ['MY', 'SA', 'HK', 'TW', 'SG', 'AE', 'KR', 'JP', 'QA', 'KW', 'OTHER'];
const NAMES = ['Siti', 'Dewi', 'Rina', 'Ani', 'Sri', 'Wati', 'Yuni', 'Nur', 'Lestari', 'Ayu'];
const DAY = 24 * 3600_000;

export interface SeedResult {
  cases: number;
  messages: number;
  labels: number[];
  officers: number[];
  ms: number;
}

/** Writes `cases` cases and `messages` thread messages spread over them, over the last year. */
export function seedInbox(db: DB, cases: number, messages: number, officers: number, now: number): SeedResult {
  const started = performance.now();
  // Seeded, so every run writes the same database.
  const r = seededRandom(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const sentence = () => {
    const n = 5 + Math.floor(r() * 12);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(r() < 0.0002 ? pick(RARE_WORDS) : pick(WORDS));
    return out.join(' ');
  };
  const officerIds: number[] = [];
  const labelIds: number[] = [];
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'case_text_%'").all() as { name: string; sql: string }[];
  db.transaction(() => {
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const hash = db.prepare('SELECT password_hash FROM officers LIMIT 1').pluck().get() as string | undefined;
    const addOfficer = db.prepare("INSERT INTO officers (username, password_hash, role, created_at, updated_at) VALUES (?, ?, 'officer', ?, ?)");
    for (let i = 0; i < officers; i++) officerIds.push(Number(addOfficer.run(`bench${String(i).padStart(3, '0')}`, hash ?? 'x', now, now).lastInsertRowid));
    const addLabel = db.prepare('INSERT INTO labels (name, created_at) VALUES (?, ?)');
    for (const name of ['needs lawyer', 'media', 'repatriation', 'trafficking suspected', 'follow up', 'embassy', 'family contact', 'insurance', 'salary claim', 'sick']) {
      labelIds.push(Number(addLabel.run(name, now).lastInsertRowid));
    }
    const addCase = db.prepare(
      `INSERT INTO cases (ref, kind, anonymous, on_behalf, category, country, worker_name, description, status, urgent, assignee_officer_id, created_at, updated_at)
       VALUES (?, 'complaint', 0, 'self', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addEvent = db.prepare('INSERT INTO case_events (case_id, at, actor, kind, text) VALUES (?, ?, ?, ?, ?)');
    const addCaseLabel = db.prepare('INSERT OR IGNORE INTO case_labels (case_id, label_id, added_at) VALUES (?, ?, ?)');
    const caseIds: number[] = [];
    const createdAt: number[] = [];
    for (let i = 0; i < cases; i++) {
      const at = now - Math.floor(r() * 365 * DAY);
      // About a third open, the rest resolved or closed (a year of work).
      const status = r() < 0.33 ? pick(OPEN) : pick(['resolved', 'closed'] as const);
      const assignee = r() < 0.7 && officerIds.length ? pick(officerIds) : null;
      const id = Number(
        addCase.run(`BNC-${String(i).padStart(6, '0')}`, pick(CATEGORIES), pick(COUNTRIES), pick(NAMES), sentence(), status, r() < 0.03 ? 1 : 0, assignee, at, at).lastInsertRowid,
      );
      caseIds.push(id);
      createdAt.push(at);
      addEvent.run(id, at, 'reporter', 'created', null);
      if (r() < 0.1) addCaseLabel.run(id, pick(labelIds), at);
      if (r() < 0.03) addCaseLabel.run(id, pick(labelIds), at);
    }
    for (let m = 0; m < messages; m++) {
      const k = Math.floor(r() * cases);
      const x = r();
      const kind = x < 0.6 ? 'message_in' : x < 0.95 ? 'message_out' : 'note';
      addEvent.run(caseIds[k], createdAt[k] + Math.floor(r() * 30 * DAY), kind === 'message_in' ? 'reporter' : `dashboard:${pick(officerIds)}`, kind, sentence());
    }
    db.prepare('DELETE FROM case_text WHERE rowid IN (SELECT value FROM json_each(?))').run(JSON.stringify(caseIds));
    db.prepare('INSERT INTO case_text (rowid, text) SELECT id, text FROM case_text_source WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(caseIds));
    for (const t of triggers) db.exec(t.sql);
  })();
  return { cases, messages, labels: labelIds, officers: officerIds, ms: performance.now() - started };
}

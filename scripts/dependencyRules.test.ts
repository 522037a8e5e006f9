/**
 * The import rules of .dependency-cruiser.cjs (run by `npm run check:deps` in `npm test`), tried
 * on small fixture trees: a clean tree passes, and each kind of violation fails the check.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const run = promisify(execFile);
const dirs: string[] = [];

/** Writes `files` (path → source) into a fresh project and runs the check there. */
async function check(files: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deprules-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fixture', type: 'module', dependencies: { grammy: '*' } }));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  try {
    // CI forces colour on; the assertions read plain text whatever the terminal.
    const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
    const { stdout, stderr } = await run(process.execPath, [DEPCRUISE, '--config', CONFIG, 'src'], { cwd: dir, env });
    return { ok: true, output: stripVTControlCharacters(stdout + stderr) };
  } catch (e) {
    const err = e as { stdout: string; stderr: string };
    return { ok: false, output: stripVTControlCharacters(err.stdout + err.stderr) };
  }
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Non-test source files under `dir`. */
const code = (dir: string) => sources(dir).filter((f) => !f.endsWith('.test.ts'));
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('where code lives', () => {
  it('no SQL in features or channels: queries belong to stores and domain modules', () => {
    const sql = /\.prepare\s*(<[^>]*>)?\s*\(|\bdb\.exec\s*\(|\b(SELECT|INSERT INTO|DELETE FROM)\b|\bUPDATE \w+ SET\b/;
    expect([...code('src/features'), ...code('src/channels')].filter((f) => sql.test(read(f)))).toEqual([]);
  });

  it('only the outbox writes outbox rows (the notifier is the one way to send)', () => {
    // The SQLite floor benchmark times raw statements on a scratch database on purpose.
    const writers = [...code('src'), ...code('scripts')].filter((f) => !f.startsWith('src/outbox/') && f !== 'scripts/bench/floor.ts');
    expect(writers.filter((f) => /\b(INSERT( OR \w+)? INTO|UPDATE|DELETE FROM) outbox\b/.test(read(f)))).toEqual([]);
  });

  it('each exported type, interface and class name is defined once', () => {
    const seen = new Map<string, string[]>();
    for (const f of [...code('src'), ...code('scripts')]) {
      for (const m of read(f).matchAll(/^export (?:declare )?(?:type|interface|class|enum|abstract class) ([A-Za-z_$][\w$]*)/gm)) {
        seen.set(m[1], [...(seen.get(m[1]) ?? []), f]);
      }
    }
    expect([...seen].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});

/** A tree that follows every rule: each layer imports only downwards. */
const CLEAN = {
  'src/core/types.ts': 'export type Lang = "id" | "en";\n',
  'src/config.ts': 'import type { Lang } from "./core/types.js";\nexport const lang: Lang = "id";\n',
  'src/store/contacts.ts': 'import { lang } from "../config.js";\nexport const contact = { lang };\n',
  'src/outbox/notifier.ts': 'import { contact } from "../store/contacts.js";\nexport const notify = () => contact;\n',
  'src/conversation/router.ts': 'import { notify } from "../outbox/notifier.js";\nexport const route = notify;\n',
  'src/domain/cases/cases.ts': 'import { route } from "../../conversation/router.js";\nexport const openCase = route;\n',
  'src/features/feature.ts': 'export interface Feature { name: string }\n',
  'src/features/kit/html.ts': 'export const html = (s: string) => s;\n',
  'src/features/cases/cases.ts':
    'import type { Feature } from "../feature.js";\nimport { html } from "../kit/html.js";\nimport { openCase } from "../../domain/cases/cases.js";\nexport const cases: Feature = { name: html("cases") };\nexport { openCase };\n',
  'src/features/index.ts': 'import { cases } from "./cases/cases.js";\nexport const features = [cases];\n',
  'src/channels/telegram.ts': 'import { Bot } from "grammy";\nimport { features } from "../features/index.js";\nexport const make = () => [Bot, features];\n',
  'src/app.ts': 'import { make } from "./channels/telegram.js";\nexport const app = make;\n',
  // Tests may reach any layer.
  'src/core/types.test.ts': 'import { app } from "../app.js";\nexport const t = app;\n',
};

/** Source files of the project, as paths relative to ROOT. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !f.includes('node_modules'));
}

describe('dependency rules', { timeout: 60_000 }, () => {
  it('see every type import: no inline import("…") types, which the swc parser misses in type aliases', () => {
    // `const m = await import('./x.js')` is a call and is seen; `type T = import('./x.js').T` is not.
    const inline = /(typeof\s+import\(|(?<![\w.])import\(\s*['"][^'"]+['"]\s*\)\s*\.)/;
    const self = path.relative(ROOT, import.meta.filename);
    const offenders = [...sources('src'), ...sources('scripts')].filter((f) => f !== self && inline.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders, 'use `import type { X } from …` instead of inline import("…").X').toEqual([]);
  });

  it('pass a tree where every import points down', async () => {
    const { ok, output } = await check(CLEAN);
    expect(output).toContain('no dependency violations found');
    expect(ok).toBe(true);
  });

  it('fail on an upward import, also a type-only one', async () => {
    const { ok, output } = await check({
      ...CLEAN,
      'src/store/contacts.ts': 'import { lang } from "../config.js";\nimport type { route } from "../conversation/router.js";\nexport const contact = { lang };\nexport type R = typeof route;\n',
      'src/core/types.ts': 'import type { Feature } from "../features/feature.js";\nexport type Lang = "id" | "en";\nexport type F = Feature;\n',
    });
    expect(ok).toBe(false);
    expect(output).toMatch(/no-upward-from-store: src\/store\/contacts\.ts → src\/conversation\/router\.ts/);
    expect(output).toMatch(/no-upward-from-core: src\/core\/types\.ts → src\/features\/feature\.ts/);
  });

  it('fail on an import cycle, even inside one layer and through type-only imports', async () => {
    const { ok, output } = await check({
      ...CLEAN,
      'src/store/audit.ts': 'import type { contact } from "./contacts.js";\nexport type Audit = typeof contact;\n',
      'src/store/contacts.ts': 'import { lang } from "../config.js";\nimport type { Audit } from "./audit.js";\nexport const contact = { lang };\nexport type A = Audit;\n',
    });
    expect(ok).toBe(false);
    expect(output).toMatch(/no-circular: src\/store\/(audit|contacts)\.ts/);
  });

  it('fail when one feature imports another, or a platform library is used outside channels', async () => {
    const { ok, output } = await check({
      ...CLEAN,
      'src/features/gatherings/gatherings.ts': 'import { cases } from "../cases/cases.js";\nexport const g = cases;\n',
      'src/domain/cases/bot.ts': 'import { Bot } from "grammy";\nexport const b = Bot;\n',
    });
    expect(ok).toBe(false);
    expect(output).toMatch(/no-cross-feature: src\/features\/gatherings\/gatherings\.ts → src\/features\/cases\/cases\.ts/);
    expect(output).toMatch(/platform-libraries-in-channels: src\/domain\/cases\/bot\.ts/);
  });

  it('fail on a source file outside every layer', async () => {
    const { ok, output } = await check({ ...CLEAN, 'src/misc/util.ts': 'import { lang } from "../config.js";\nexport const u = lang;\n' });
    expect(ok).toBe(false);
    expect(output).toMatch(/every-file-in-a-layer: src\/misc\/util\.ts/);
  });
});

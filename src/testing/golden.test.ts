/**
 * Replays every golden transcript in src/testing/golden/ through the real App and compares it
 * with the file. To accept changed behaviour, regenerate and review the diff:
 *   GOLDEN_WRITE=1 npx vitest run src/testing/golden.test.ts     (or: npm run golden:write)
 * A new transcript starts as a file holding only script lines (`> text`, `@person`, `! step`).
 * See src/testing/golden.ts for the format and docs/TESTING.md for the workflow.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../core/types.js';
import { parseScript, readGolden, replayGolden } from './golden.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const WRITE = process.env.GOLDEN_WRITE === '1';

/** Every conversation the helpline offers; each has a transcript in every language. */
const FLOWS = [
  'main', // first contact, main menu, global words
  'language', // choosing and changing language mid-flow
  'emergency', // sos / darurat / danger words
  'complaint', // report a problem
  'casestatus', // check my report (own chat, reference + PIN)
  'agency', // check a recruitment agency; report a recruiter; /agencies
  'gatherings', // /gathering by chat, RSVP, calendar file, reminders, /gatherings and moving one
  'assistance', // programs, a request for help (officers alerted), the FAQ search
  'sessions', // programme sessions: see, sign up, full and waitlist, cancel, reminder
  'applications', // education help and economic support: eligibility, the application, status updates
  'announcements', // subscribe / stop; an officer's broadcast reaching a subscriber; /broadcasts, /cancelbroadcast
  'safety', // safe migration information
  'mydata', // my data / delete my data
  'officer', // /cases /case /reply /status /assign
  'satisfaction', // after a case is closed: the question (when the conversation is free), a score and a comment
] as const;

const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort() : [];

describe('golden transcripts', () => {
  it('every flow has a transcript in every language, and no transcript is stray', () => {
    const expected = FLOWS.flatMap((f) => LANGUAGES.map((l) => `${f}.${l}.txt`)).sort();
    expect(files).toEqual(expected);
  });

  it('reads only the script: the generated header, replies and rows are dropped, comments and steps kept', () => {
    const generated = ['# Golden transcript: main (en). Replayed by ...', '# and review the diff.', '', '# a comment', '@officer', '! start', '> /cases', '< Open cases (0)', '  > not typed', '<@user hello', '', '## rows', '> not typed either'].join('\n');
    expect(parseScript(generated)).toEqual([
      { kind: 'comment', text: '# a comment' },
      { kind: 'actor', name: 'officer' },
      { kind: 'step', name: 'start', args: [] },
      { kind: 'say', text: '/cases' },
    ]);
    // A new file without a header keeps its first comment; `\n` stands for a line break.
    expect(parseScript('# why\n> a\\nb\n')).toEqual([{ kind: 'comment', text: '# why' }, { kind: 'say', text: 'a\nb' }]);
  });

  for (const file of files) {
    const [flow, lang] = file.split('.') as [string, Lang];
    it(file, async () => {
      const full = path.join(DIR, file);
      const before = readGolden(full)!;
      const script = parseScript(before);
      expect(script.some((l) => l.kind === 'say'), `${file} has no "> " lines`).toBe(true);
      const after = await replayGolden(flow, lang, script);
      // What the runner writes must read back as the same script (no reply may pass for input).
      expect(parseScript(after)).toEqual(script);
      if (WRITE) {
        if (after !== before) fs.writeFileSync(full, after);
        return;
      }
      expect(after, `${file} differs: if the change is intended, run GOLDEN_WRITE=1 npx vitest run src/testing/golden.test.ts and review the diff`).toBe(before);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { turn, resume, MAX_STEPS_PER_TURN, FlowLoopError } from './engine.js';
import type { ContactView, FlowRegistry, Reply, Step, Text, TurnInput } from './flow.js';
import { readSession, freshSession, type SessionState } from './session.js';

const contact: ContactView = { lang: 'en', role: 'user', subscribed: null, country: null, audience: null };

/** Labels as a translator would render them (English). */
const LABELS: Record<string, string> = { a: 'Fill the form', b: 'Loop forever', c: 'Countries', x: 'English', y: 'Bahasa Indonesia', hk: 'Hong Kong', my: 'Malaysia', mo: 'Macau' };
const render = (t: Text): string => ('key' in t ? (LABELS[t.key] ?? t.key) : 'raw' in t ? t.raw : '');

function registry(): FlowRegistry {
  return {
    flows: {
      main: {
        id: 'main',
        start: 'menu',
        steps: {
          menu: {
            menu: 'menu.title',
            back: false,
            options: [
              { label: 'a', next: { flow: 'form' } },
              { label: 'b', next: { flow: 'loop' } },
              { label: 'c', next: { flow: 'country' } },
            ],
          },
        },
      },
      language: {
        id: 'language',
        start: 'choose',
        steps: {
          choose: {
            menu: 'lang',
            back: false,
            options: [
              { label: 'y', next: { flow: 'main' }, set: { lang: 'id' } },
              { label: 'x', next: { flow: 'main' }, set: { lang: 'en' } },
            ],
          },
        },
      },
      emergency: { id: 'emergency', start: 's', steps: { s: { say: { key: 'sos', vars: { trigger: '$trigger', text: '$text' } }, next: 'e' }, e: { end: true } } },
      form: {
        id: 'form',
        start: 'name',
        steps: {
          name: { ask: 'askName', check: 'nonEmpty', save: 'name', next: 'city' },
          city: { ask: 'askCity', check: 'nonEmpty', save: 'city', next: 'save', optional: true },
          save: { call: 'store', args: { who: '$name', city: '$city' }, on: { ok: 'done' }, next: 'failed' },
          done: { say: { key: 'saved', vars: { ref: '$ref' } }, next: 'end' },
          failed: { say: 'failed', next: 'end' },
          end: { end: true },
        },
      },
      country: {
        id: 'country',
        start: 'pick',
        steps: { pick: { menu: 'askCountry', optionsFrom: 'countries', save: 'country', next: 'done' }, done: { say: { key: 'country', vars: { c: '$country' } }, next: 'end' }, end: { end: true } },
      },
      officer: { id: 'officer', start: 'send', steps: { send: { call: 'sendOff', args: { text: '$text' }, next: 'end' }, end: { end: true } } },
      story: { id: 'story', start: 'show', steps: { show: { say: { key: 'story', vars: { text: '$text' } }, next: 'end' }, end: { end: true } } },
      mine: { id: 'mine', start: 'show', steps: { show: { say: 'mine', next: 'end' }, end: { end: true } } },
      loop: { id: 'loop', start: 'a', steps: { a: { say: 'x', next: 'b' }, b: { say: 'y', next: 'a' } } },
    },
    checks: {
      nonEmpty: ({ text }) => (text.length ? { ok: true, value: text } : { ok: false, error: 'needText' }),
    },
    sources: {
      countries: () => [
        { label: { key: 'hk' }, value: 'HK' },
        { label: { raw: 'Malaysia' }, value: 'MY' },
        { label: { key: 'mo' }, value: 'MO' },
      ],
    },
    commands: { cases: { target: { flow: 'form', step: 'save' }, officerOnly: true } },
    actionNames: new Set(['store', 'sendOff']),
    entries: { main: 'main', language: 'language', emergency: 'emergency', sendToOfficer: 'officer', offerStory: 'story' },
    words: { mine: { forms: ['my stuff'], flow: 'mine' } },
    synonyms: { HK: ['hk', 'hongkong'], 'y': ['indonesia'] },
    // A stand-in detector: the real list is tested in src/domain/cases/dangerWords.test.ts.
    danger: (text) => (/\bbeaten\b/i.test(text) && !/\bnot beaten\b/i.test(text) ? { lang: 'en', phrase: 'beaten' } : /\bdipukul\b/i.test(text) ? { lang: 'id', phrase: 'dipukul' } : null),
  };
}

interface Ran {
  json: string;
  state: SessionState;
  keys: string[];
  replies: Reply[];
  effects: ReturnType<typeof turn>['effects'];
  calls: { action: string; args: unknown }[];
}

/** Runs one turn like the router does, passing state through JSON as the database would. */
function run(reg: FlowRegistry, stored: string, text: string, c: ContactView = contact, action?: (args: unknown) => object): Ran {
  const input: TurnInput = { text, kind: 'message', contact: c, now: 0, render };
  let out = turn(reg, readSession(stored), input);
  const effects = [...out.effects];
  const calls: Ran['calls'] = [];
  while (out.call) {
    calls.push(out.call);
    const res = action ? action(out.call.args) : { outcome: 'ok', set: { ref: 'R-1' } };
    out = resume(reg, out.state, input, res);
    effects.push(...out.effects);
  }
  const replies = effects.filter((e) => e.type === 'reply').map((e) => (e as { reply: Reply }).reply);
  const json = JSON.stringify(out.state);
  return { json, state: JSON.parse(json) as SessionState, keys: replies.map(keyOf), replies, effects, calls };
}

function keyOf(r: Reply): string {
  return 'key' in r.text ? r.text.key : 'raw' in r.text ? r.text.raw : 'lines';
}

/** The numbered lines of a menu reply, as "key. label". */
function lines(r: Reply): string[] {
  return (r.choices ?? []).map((c) => `${c.key}. ${render(c.label)}`);
}

describe('engine', () => {
  it('walks a form, calls the action once with the answers, and returns to the menu', () => {
    const reg = registry();
    let s = run(reg, '', 'hi');
    expect(s.keys).toEqual(['menu.title']);
    s = run(reg, s.json, '1');
    expect(s.keys).toEqual(['askName']);
    s = run(reg, s.json, 'Siti');
    expect(s.keys).toEqual(['askCity']);
    const calls: unknown[] = [];
    s = run(reg, s.json, 'Taipei', contact, (args) => (calls.push(args), { outcome: 'ok', set: { ref: 'BWI-1' } }));
    expect(calls).toEqual([{ who: 'Siti', city: 'Taipei' }]);
    expect(s.keys).toEqual(['saved', 'menu.title']);
    expect(s.state.flow).toBe('main');
  });

  it('a failed check explains and asks again without moving', () => {
    const reg = registry();
    let s = run(reg, '', 'hi');
    s = run(reg, s.json, '1');
    s = run(reg, s.json, '   ');
    expect(s.keys).toEqual(['common.empty', 'askName']);
    expect(s.state.step).toBe('name');
  });

  it('0 goes back one step, and at the first step back to the menu', () => {
    const reg = registry();
    let s = run(reg, '', 'hi');
    s = run(reg, s.json, '1');
    s = run(reg, s.json, 'Siti');
    s = run(reg, s.json, '0');
    expect(s.keys).toEqual(['askName']);
    s = run(reg, s.json, '0');
    expect(s.keys).toEqual(['menu.title']);
  });

  it('optional questions accept a skip word and store null; a required question takes it as an answer', () => {
    const reg = registry();
    let s = run(reg, '', 'hi');
    s = run(reg, s.json, '1');
    s = run(reg, s.json, 'lewati');
    expect(s.keys).toEqual(['askCity']);
    const calls: unknown[] = [];
    s = run(reg, s.json, 'lewati', contact, (args) => (calls.push(args), { outcome: 'ok' }));
    // Without skip handling the check would accept "lewati" as the city.
    expect(calls).toEqual([{ who: 'lewati', city: null }]);
  });

  it('a definition that loops is stopped with a clear error; a long flow that ends is not', () => {
    const reg = registry();
    const s = run(reg, '', 'hi');
    expect(() => run(reg, s.json, '2')).toThrow(FlowLoopError);
    // A chain of says just under the limit (plus the end and the menu) runs to the end.
    const n = MAX_STEPS_PER_TURN - 3;
    const steps: Record<string, Step> = { end: { end: true } };
    for (let i = 0; i < n; i++) steps[`s${i}`] = { say: 'x', next: i + 1 < n ? `s${i + 1}` : 'end' };
    reg.flows.long = { id: 'long', start: 's0', steps };
    reg.commands.long = { target: { flow: 'long' }, officerOnly: false };
    expect(run(reg, s.json, '/long').keys).toHaveLength(n + 1);
    steps[`s${n - 1}`] = { say: 'x', next: 's_extra' };
    steps.s_extra = { say: 'x', next: 's_more' };
    steps.s_more = { say: 'x', next: 'end' };
    expect(() => run(reg, s.json, '/long')).toThrow(FlowLoopError);
  });

  it('officer-only commands are refused and audited for others, and run for officers', () => {
    const reg = registry();
    const refused = run(reg, '', '/cases');
    expect(refused.keys).toEqual(['common.notAllowed']);
    expect(refused.effects).toContainEqual({ type: 'audit', action: 'officer_command_refused', detail: 'cases' });
    const ok = run(reg, '', '/cases@HelplineBot now', { ...contact, role: 'officer' }, (args) => ({ outcome: 'ok', set: { ref: JSON.stringify(args) } }));
    expect(ok.keys[0]).toBe('saved');
  });

  it('over-long input is refused and nothing else happens', () => {
    const reg = registry();
    const s0 = run(reg, '', 'hi');
    const s = run(reg, s0.json, 'x'.repeat(4001));
    expect(s.keys).toEqual(['common.tooLong']);
    expect(s.json).toBe(s0.json);
  });

  it('a feature word opens the flow the feature declared', () => {
    const reg = registry();
    const s = run(reg, run(reg, '', 'hi').json, 'My Stuff');
    expect(s.keys).toEqual(['mine', 'menu.title']);
  });
});

describe('stored sessions', () => {
  it('a version-1 state migrates: the person stays where they were', () => {
    const v1 = '{"v":1,"flow":"form","step":"city","data":{"name":"Siti"},"trail":["name"]}';
    const read = readSession(v1);
    expect(read).toMatchObject({ v: 2, flow: 'form', step: 'city', data: { name: 'Siti' }, trail: ['name'], paused: null, kept: null });
    expect(read.lost).toBeUndefined();
    const calls: unknown[] = [];
    const s = run(registry(), v1, 'Taipei', contact, (args) => (calls.push(args), { outcome: 'ok' }));
    expect(calls).toEqual([{ who: 'Siti', city: 'Taipei' }]);
  });

  it('an unknown version or broken JSON restarts, tells the person and audits it', () => {
    expect(readSession('{"v":99,"flow":"x"}')).toEqual({ ...freshSession(), lost: 'unknown version 99' });
    expect(readSession('not json')).toEqual({ ...freshSession(), lost: 'unreadable' });
    const s = run(registry(), '{"v":99,"flow":"x"}', 'hello');
    expect(s.keys).toEqual(['common.restarted', 'menu.title']);
    expect(s.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'session_restarted', detail: 'unknown version 99' }));
    expect(s.json).not.toContain('lost');
  });

  it('a stored step that no longer exists restarts, tells the person and audits it', () => {
    const s = run(registry(), '{"v":2,"flow":"gone","step":"nowhere","data":{},"trail":[]}', 'hello');
    expect(s.keys).toEqual(['common.restarted', 'menu.title']);
    expect(s.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'session_restarted', detail: 'unknown step gone/nowhere' }));
  });
});

describe('menus understand words', () => {
  const atCountries = () => run(registry(), run(registry(), '', 'hi').json, '3').json;

  it('a label, a synonym or a unique prefix selects like the number; case, accents and spaces do not matter', () => {
    const reg = registry();
    for (const typed of ['Hong Kong', 'hongkong', 'HK', 'hóng  kong!', 'hong k', '1']) {
      expect(run(reg, atCountries(), typed).replies[0].text).toEqual({ key: 'country', vars: { c: 'HK' } });
    }
    expect(run(reg, atCountries(), 'malay').replies[0].text).toEqual({ key: 'country', vars: { c: 'MY' } });
    expect(run(reg, atCountries(), 'MACAU').replies[0].text).toEqual({ key: 'country', vars: { c: 'MO' } });
  });

  it('an ambiguous prefix or a too-short one selects nothing', () => {
    const reg = registry();
    expect(run(reg, atCountries(), 'ma').keys[0]).toBe('common.notUnderstood');
    expect(run(reg, atCountries(), 'mxx').keys[0]).toBe('common.notUnderstood');
    // "ma" + "la" starts Malaysia only; "m" + "a" starts both Malaysia and Macau.
    expect(run(reg, atCountries(), 'mal').replies[0].text).toEqual({ key: 'country', vars: { c: 'MY' } });
  });

  it('the main menu takes a label too', () => {
    const reg = registry();
    expect(run(reg, run(reg, '', 'hi').json, 'fill the form').keys).toEqual(['askName']);
  });
});

describe('nothing typed is lost', () => {
  it('free text at a menu comes back as the menu with "send this message to an officer", which sends it', () => {
    const reg = registry();
    const s0 = run(reg, '', 'hi');
    const s = run(reg, s0.json, 'my employer has not paid me');
    expect(s.keys).toEqual(['common.notUnderstood', 'menu.title']);
    expect(lines(s.replies[1])).toEqual(['1. Fill the form', '2. Loop forever', '3. Countries', '4. common.sendToOfficer']);
    const sent = run(reg, s.json, '4', contact, () => ({ replies: [{ text: { key: 'sent' } }] }));
    expect(sent.calls).toEqual([{ action: 'sendOff', args: { text: 'my employer has not paid me' } }]);
    expect(sent.keys).toEqual(['sent', 'menu.title']);
  });

  it('sending to an officer from inside a flow comes back to the same menu afterwards', () => {
    const reg = registry();
    let s = run(reg, run(reg, '', 'hi').json, '3');
    s = run(reg, s.json, 'somewhere far away');
    expect(lines(s.replies[1])).toContain('4. common.sendToOfficer');
    s = run(reg, s.json, '4', contact, () => ({ replies: [{ text: { key: 'sent' } }] }));
    expect(s.keys).toEqual(['sent', 'common.resumed', 'askCountry']);
    expect(s.state.flow).toBe('country');
  });

  it('the offer lasts one turn: another answer forgets the text', () => {
    const reg = registry();
    let s = run(reg, run(reg, '', 'hi').json, 'some words here');
    s = run(reg, s.json, '1');
    expect(s.keys).toEqual(['askName']);
    expect(s.state.kept).toBeNull();
  });

  it('a wrong number gets a hint and the menu, without the offer', () => {
    const reg = registry();
    const s = run(reg, run(reg, '', 'hi').json, '9');
    expect(s.keys).toEqual(['common.hintMain', 'menu.title']);
    expect(lines(s.replies[1])).toHaveLength(3);
  });

  it('a first message that tells a story is kept and offered after the language choice', () => {
    const reg = registry();
    const none = { ...contact, lang: null };
    const story = 'assalamualaikum, saya mau lapor gaji belum dibayar 3 bulan';
    let s = run(reg, '', story, none);
    expect(s.keys).toEqual(['common.storyKept', 'lang']);
    s = run(reg, s.json, '1', none);
    expect(s.effects).toContainEqual({ type: 'contact', patch: { language: 'id' } });
    expect(s.replies[1].text).toEqual({ key: 'story', vars: { text: story } });
  });

  it('a greeting is not a story', () => {
    const reg = registry();
    const none = { ...contact, lang: null };
    const s = run(reg, run(reg, '', 'halo selamat pagi', none).json, 'English', none);
    expect(s.keys).toEqual(['common.languageSet', 'menu.title']);
  });
});

describe('changing language keeps your place', () => {
  it('"language" in the middle of a form asks the same question again after the choice, answers kept', () => {
    const reg = registry();
    let s = run(reg, '', 'hi');
    s = run(reg, s.json, '1');
    s = run(reg, s.json, 'Siti');
    expect(s.keys).toEqual(['askCity']);
    s = run(reg, s.json, 'language');
    expect(s.keys).toEqual(['lang']);
    s = run(reg, s.json, 'indonesia');
    expect(s.effects).toContainEqual({ type: 'contact', patch: { language: 'id' } });
    expect(s.keys).toEqual(['common.languageSet', 'askCity']);
    const calls: unknown[] = [];
    run(reg, s.json, 'Taipei', { ...contact, lang: 'id' }, (args) => (calls.push(args), { outcome: 'ok' }));
    expect(calls).toEqual([{ who: 'Siti', city: 'Taipei' }]);
  });

  it('0 at the language menu goes back to the question too', () => {
    const reg = registry();
    let s = run(reg, run(reg, '', 'hi').json, '1');
    s = run(reg, s.json, 'bahasa');
    s = run(reg, s.json, '0');
    expect(s.keys).toEqual(['askName']);
  });
});

describe('danger anywhere', () => {
  it('at the main menu: the emergency flow starts with the words', () => {
    const reg = registry();
    const s = run(reg, run(reg, '', 'hi').json, 'I was beaten by my boss');
    expect(s.replies[0].text).toEqual({ key: 'sos', vars: { trigger: 'danger', text: 'I was beaten by my boss' } });
  });

  it('in a question: emergency first, then the same question, answers kept', () => {
    const reg = registry();
    let s = run(reg, run(reg, '', 'hi').json, '1');
    s = run(reg, s.json, 'Siti');
    s = run(reg, s.json, 'I am beaten every day');
    expect(s.keys).toEqual(['sos', 'common.resumed', 'askCity']);
    expect(s.state.data).toEqual({ name: 'Siti' });
  });

  it('before a language is chosen: the language of the words, no language menu', () => {
    const reg = registry();
    const s = run(reg, '', 'tolong saya dipukul majikan', { ...contact, lang: null });
    expect(s.effects[0]).toEqual({ type: 'contact', patch: { language: 'id' } });
    expect(s.keys[0]).toBe('sos');
    expect(s.keys).not.toContain('lang');
  });

  it('a message too long to keep still counts: its start goes to the emergency flow', () => {
    const reg = registry();
    const long = `I was beaten ${'x'.repeat(4000)}`;
    const s = run(reg, run(reg, '', 'hi').json, long);
    expect(s.replies[0].text).toEqual({ key: 'sos', vars: { trigger: 'danger', text: long.slice(0, 4000) } });
  });

  it('sos gives the emergency flow the sos trigger; negations and officers do not trigger', () => {
    const reg = registry();
    const menu = run(reg, '', 'hi').json;
    expect(run(reg, menu, 'SOS').replies[0].text).toEqual({ key: 'sos', vars: { trigger: 'sos', text: '' } });
    expect(run(reg, menu, 'I was not beaten').keys).toEqual(['common.notUnderstood', 'menu.title']);
    expect(run(reg, menu, 'the worker was beaten', { ...contact, role: 'officer' }).keys[0]).not.toBe('sos');
  });
});

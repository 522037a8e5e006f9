import { describe, expect, it } from 'vitest';
import { turn, resume, MAX_STEPS_PER_TURN, FlowLoopError } from './engine.js';
import type { ContactView, FlowRegistry, Reply, TurnInput } from './flow.js';
import { readSession, freshSession, type SessionState } from './session.js';

const contact: ContactView = { lang: 'en', role: 'user', subscribed: null, country: null, audience: null };

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
            ],
          },
        },
      },
      language: { id: 'language', start: 'choose', steps: { choose: { menu: 'lang', back: false, options: [{ label: 'x', next: { flow: 'main' } }] } } },
      emergency: { id: 'emergency', start: 's', steps: { s: { say: 'sos', next: 'e' }, e: { end: true } } },
      form: {
        id: 'form',
        start: 'name',
        steps: {
          name: { ask: 'askName', check: 'nonEmpty', save: 'name', next: 'city' },
          city: { ask: 'askCity', check: 'nonEmpty', save: 'city', next: 'save', optional: true },
          save: { call: 'store', args: { who: '$name' }, on: { ok: 'done' }, next: 'failed' },
          done: { say: { key: 'saved', vars: { ref: '$ref' } }, next: 'end' },
          failed: { say: 'failed', next: 'end' },
          end: { end: true },
        },
      },
      loop: { id: 'loop', start: 'a', steps: { a: { say: 'x', next: 'b' }, b: { say: 'y', next: 'a' } } },
    },
    checks: {
      nonEmpty: ({ text }) => (text.length ? { ok: true, value: text } : { ok: false, error: 'needText' }),
    },
    sources: {},
    commands: { cases: { target: { flow: 'form', step: 'save' }, officerOnly: true } },
    actionNames: new Set(['store']),
  };
}

/** Runs one turn like the router does, passing state through JSON as the database would. */
function run(reg: FlowRegistry, stored: string, text: string, c: ContactView = contact, action?: (args: unknown) => object) {
  const input: TurnInput = { text, kind: 'message', contact: c, now: 0 };
  let out = turn(reg, readSession(stored), input);
  const effects = [...out.effects];
  while (out.call) {
    const res = action ? action(out.call.args) : { outcome: 'ok', set: { ref: 'R-1' } };
    out = resume(reg, out.state, input, res);
    effects.push(...out.effects);
  }
  const keys = effects.filter((e) => e.type === 'reply').map((e) => keyOf((e as { reply: Reply }).reply));
  return { json: JSON.stringify(out.state), state: out.state as SessionState, keys, effects, call: out.call };
}

function keyOf(r: Reply): string {
  return 'key' in r.text ? r.text.key : 'raw' in r.text ? r.text.raw : 'lines';
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
    expect(calls).toEqual([{ who: 'Siti' }]);
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

  it('optional questions accept a skip word and store null', () => {
    const reg = registry();
    let s = run(reg, '', 'hi');
    s = run(reg, s.json, '1');
    s = run(reg, s.json, 'Siti');
    s = run(reg, s.json, 'lewati', contact, () => ({ outcome: 'nope' }));
    expect(s.keys).toEqual(['failed', 'menu.title']);
  });

  it('a definition that loops is stopped with a clear error', () => {
    const reg = registry();
    const s = run(reg, '', 'hi');
    expect(() => run(reg, s.json, '2')).toThrow(FlowLoopError);
    expect(MAX_STEPS_PER_TURN).toBeGreaterThan(10);
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

  it('a stored state from an unknown version or broken JSON starts afresh', () => {
    expect(readSession('{"v":99,"flow":"x"}')).toEqual(freshSession());
    expect(readSession('not json')).toEqual(freshSession());
    const reg = registry();
    const s = run(reg, '{"v":1,"flow":"gone","step":"nowhere","data":{},"trail":[]}', 'hello');
    expect(s.keys).toEqual(['menu.title']);
  });
});

import { describe, expect, it } from 'vitest';
import { FlowDefinitionError } from '../core/errors.js';
import { FEATURES } from '../features/index.js';
import { Translator } from '../i18n.js';
import { buildRegistry, validateRegistry, type FlowParts } from './registry.js';

const tr = Translator.create();

describe('flow registry', () => {
  it('the shipped flows are valid: every step, action, check and translation key exists', () => {
    expect(() => validateRegistry(buildRegistry(FEATURES).registry, tr)).not.toThrow();
  });

  it('reports every broken reference at start-up, with where it is', () => {
    const bad: FlowParts = {
      name: 'bad',
      flows: [
        {
          id: 'bad',
          start: 'a',
          steps: {
            a: { say: 'no.such.key', next: 'missing' },
            b: { ask: 'common.skip', check: 'noCheck', save: 'x', next: { flow: 'nowhere' } },
            c: { call: 'noAction', next: 'a' },
          },
        },
      ],
    };
    let err: Error | undefined;
    try {
      validateRegistry(buildRegistry([...FEATURES, bad]).registry, tr);
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(FlowDefinitionError);
    expect(err!.message).toContain('bad/a: key "no.such.key" missing in id');
    expect(err!.message).toContain('bad/a: step "missing" does not exist in flow bad');
    expect(err!.message).toContain('bad/b: check "noCheck" is not registered');
    expect(err!.message).toContain('bad/b: flow "nowhere" does not exist');
    expect(err!.message).toContain('bad/c: action "noAction" is not registered');
  });

  it('checks the entry points, feature words and the language menu features register', () => {
    const withoutEmergency = FEATURES.map((f) => (f.name === 'emergency' ? { ...f, entries: {} } : f));
    expect(() => validateRegistry(buildRegistry(withoutEmergency).registry, tr)).toThrow(/no feature registers the "emergency" entry point/);
    const noLang = FEATURES.map((f) =>
      f.name === 'main' ? { ...f, flows: f.flows!.map((fl) => (fl.id === 'language' ? { ...fl, steps: { choose: { menu: 'common.chooseLanguage', options: [{ label: 'common.langName.id', next: { flow: 'main' } }] } } } : fl)) } : f,
    );
    expect(() => validateRegistry(buildRegistry(noLang).registry, tr)).toThrow(/language flow language: option "common.langName.id" must set lang/);
    const clash: FlowParts = { name: 'clash', words: { again: { forms: ['menu', 'my data'], flow: 'gone' } } };
    let err: Error | undefined;
    try {
      validateRegistry(buildRegistry([...FEATURES, clash]).registry, tr);
    } catch (e) {
      err = e as Error;
    }
    expect(err!.message).toContain('word "menu" of again is already the engine\'s word "menu"');
    expect(err!.message).toContain('word "my data" of again is defined twice');
    expect(err!.message).toContain('global word again: flow "gone" does not exist');
    expect(() => buildRegistry([...FEATURES, { name: 'second', entries: { main: 'main' } }])).toThrow(/entry point "main" is defined twice/);
  });

  it('refuses a name defined by two features', () => {
    expect(() => buildRegistry([...FEATURES, { name: 'again', flows: [FEATURES[0].flows![0]] }])).toThrow(/flow "main" is defined twice/);
  });
});

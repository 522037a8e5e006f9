import { describe, expect, it } from 'vitest';
import { buildOutgoingMessages, LIST_ROW_TITLE_MAX, shorten, splitText, TEXT_MAX } from './buildOutgoingMessages.js';

const menu = (labels: string[], prompt = 'Choose:') => {
  const choices = labels.map((label, i) => ({ key: String(i + 1), label }));
  return { text: `${prompt}\n\n${choices.map((c) => `${c.key}. ${c.label}`).join('\n')}`, choices };
};

describe('buildOutgoingMessages', () => {
  it('sends a menu of up to 10 choices as an interactive list without repeating the numbered lines', () => {
    const [m] = buildOutgoingMessages(menu(['Yes', 'No']), 'See choices');
    expect(m).toEqual({
      type: 'interactive',
      interactive: { type: 'list', body: { text: 'Choose:' }, action: { button: 'See choices', sections: [{ rows: [{ id: '1', title: '1. Yes' }, { id: '2', title: '2. No' }] }] } },
    });
  });

  it('shortens a long label in the title and keeps it whole as the description', () => {
    const [m] = buildOutgoingMessages(menu(['Safe migration info and emergency contacts']), 'Pick');
    const row = m.type === 'interactive' ? m.interactive.action.sections[0].rows[0] : undefined;
    expect(row?.title.length).toBeLessThanOrEqual(LIST_ROW_TITLE_MAX);
    expect(row).toEqual({ id: '1', title: '1. Safe migration info…', description: 'Safe migration info and emergency contacts' });
  });

  it('falls back to the numbered text when the menu does not fit a list', () => {
    const eleven = menu(Array.from({ length: 11 }, (_, i) => `Option ${i}`));
    expect(buildOutgoingMessages(eleven, 'Pick')[0]).toEqual({ type: 'text', text: { body: eleven.text, preview_url: false } });
    const longLabel = menu(['x'.repeat(73)]);
    expect(buildOutgoingMessages(longLabel, 'Pick')[0].type).toBe('text');
    const longBody = menu(['a', 'b'], 'y'.repeat(1025));
    expect(buildOutgoingMessages(longBody, 'Pick')[0].type).toBe('text');
    expect(buildOutgoingMessages(menu(['a']), 'A button label that is too long')[0].type).toBe('text');
    expect(buildOutgoingMessages(menu(['a']), '')[0].type).toBe('text');
  });

  it('splits text longer than 4096 characters at line breaks', () => {
    const text = Array.from({ length: 300 }, (_, i) => `line ${i} ${'z'.repeat(20)}`).join('\n');
    const parts = buildOutgoingMessages({ text }, 'Pick');
    expect(parts.length).toBe(Math.ceil(text.length / TEXT_MAX));
    for (const p of parts) expect(p.type === 'text' && p.text.body.length).toBeLessThanOrEqual(TEXT_MAX);
    expect(parts.map((p) => (p.type === 'text' ? p.text.body : '')).join('\n')).toBe(text);
  });
});

describe('text helpers', () => {
  it('shortens at a word boundary and splits without losing words', () => {
    expect(shorten('Check a recruitment agency (P3MI)', 24)).toBe('Check a recruitment…');
    expect(splitText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });
});

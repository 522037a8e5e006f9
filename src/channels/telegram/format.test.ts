import { describe, expect, it } from 'vitest';
import { keyboardFor, MAX_MESSAGE_CHARS, splitText, withBold } from './format.js';

describe('Telegram formatting', () => {
  it('turns *word* into a bold entity with UTF-16 offsets', () => {
    expect(withBold('Ketik *sos* 🙏 atau *menu*')).toEqual({
      text: 'Ketik sos 🙏 atau menu',
      entities: [
        { type: 'bold', offset: 6, length: 3 },
        { type: 'bold', offset: 18, length: 4 },
      ],
    });
    expect(withBold('2 * 3 = 6')).toEqual({ text: '2 * 3 = 6', entities: [] });
  });

  it('splits long texts at line breaks into parts Telegram accepts', () => {
    const line = 'x'.repeat(1000);
    const parts = splitText(Array(9).fill(line).join('\n'));
    expect(parts.every((p) => p.length <= MAX_MESSAGE_CHARS)).toBe(true);
    expect(parts.join('\n')).toBe(Array(9).fill(line).join('\n'));
    expect(splitText('short')).toEqual(['short']);
  });

  it('makes one button per choice, the key as callback data', () => {
    expect(keyboardFor([{ key: '1', label: 'Lapor masalah' }, { key: '0', label: 'Kembali' }])).toEqual({
      inline_keyboard: [[{ text: '1. Lapor masalah', callback_data: '1' }], [{ text: '0. Kembali', callback_data: '0' }]],
    });
    expect(keyboardFor(undefined)).toBeUndefined();
  });
});

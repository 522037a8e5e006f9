import { describe, expect, it } from 'vitest';
import { chatText, plainChatText } from './chatText.js';

describe('chat text as HTML', () => {
  it('bolds *words*, links http(s) addresses without the sentence full stop, and escapes the rest', () => {
    expect(chatText('Join *Sunday* at https://meet.example.org/x?a=1&b=2. Bring <ID>').value).toBe(
      'Join <strong>Sunday</strong> at <a href="https://meet.example.org/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">https://meet.example.org/x?a=1&amp;b=2</a>. Bring &lt;ID&gt;',
    );
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example.org', 'www.example.org']) {
      expect(chatText(text).value).not.toContain('<a ');
    }
  });

  it('plain text drops the asterisks', () => {
    expect(plainChatText('Type *stop* to end')).toBe('Type stop to end');
  });
});

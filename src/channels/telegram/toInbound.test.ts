import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { addressedCommand, toInbound } from './toInbound.js';

const BOT = 'helpline_bot';
const NOW = 1_790_000_000_000;
const from = { id: 42, is_bot: false, first_name: 'Sri', language_code: 'id' };
const privateChat = { id: 42, type: 'private' as const, first_name: 'Sri' };
const group = { id: -100777, type: 'supergroup' as const, title: 'PMI HK' };

function msg(extra: Record<string, unknown>, chat: object = privateChat): Update {
  return { update_id: 9, message: { message_id: 5, date: 1, chat, from, ...extra } } as unknown as Update;
}

function map(u: Update) {
  return toInbound(u, BOT, NOW);
}

describe('toInbound', () => {
  it('maps a private text message (platformId = update_id, language hint)', () => {
    expect(map(msg({ text: 'halo' }))).toEqual({
      inbound: { channel: 'telegram', chatId: '42', platformId: '9', text: 'halo', receivedAt: NOW, languageHint: 'id' },
    });
  });

  it('maps a button press to a tap whose text is the choice key', () => {
    const u = {
      update_id: 10,
      callback_query: { id: 'q1', from, chat_instance: 'c', data: '3', message: { message_id: 7, date: 1, chat: privateChat, text: 'menu' } },
    } as unknown as Update;
    expect(map(u)).toEqual({
      inbound: { channel: 'telegram', chatId: '42', platformId: '10', text: '3', kind: 'tap', receivedAt: NOW, languageHint: 'id' },
    });
  });

  it('marks an edited message as an edit', () => {
    const u = { update_id: 11, edited_message: { message_id: 5, date: 1, edit_date: 2, chat: privateChat, from, text: '2' } } as unknown as Update;
    expect(map(u)).toMatchObject({ inbound: { kind: 'edit', text: '2' } });
  });

  it('describes a photo by its largest size, with the caption as text', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 'a', width: 90, height: 90, file_size: 900 },
      { file_id: 'big', file_unique_id: 'b', width: 1280, height: 960, file_size: 90_000 },
    ];
    expect(map(msg({ photo, caption: 'kontrak saya' }))).toMatchObject({
      inbound: { text: 'kontrak saya', media: { kind: 'image', mime: 'image/jpeg', ref: 'big', size: 90_000 } },
    });
  });

  it('describes voice notes, documents and locations', () => {
    expect(map(msg({ voice: { file_id: 'v', file_unique_id: 'v', duration: 3, mime_type: 'audio/ogg', file_size: 5000 } }))).toMatchObject({
      inbound: { text: '', media: { kind: 'voice', mime: 'audio/ogg', ref: 'v', size: 5000 } },
    });
    expect(map(msg({ document: { file_id: 'd', file_unique_id: 'd', file_name: 'gaji.pdf', mime_type: 'application/pdf' } }))).toMatchObject({
      inbound: { media: { kind: 'document', mime: 'application/pdf', ref: 'd', fileName: 'gaji.pdf' } },
    });
    expect(map(msg({ location: { latitude: 22.3, longitude: 114.2 } }))).toMatchObject({
      inbound: { media: { kind: 'location', latitude: 22.3, longitude: 114.2 } },
    });
  });

  it('passes a sticker as sticker media (the engine answers it with a hint)', () => {
    expect(map(msg({ sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }))).toMatchObject({
      inbound: { text: '', media: { kind: 'sticker', ref: 's' } },
    });
  });

  it('ignores service messages and channel posts', () => {
    expect(map(msg({ new_chat_members: [from] }, group))).toEqual({ ignored: 'group message not addressed to the bot' });
    expect(map(msg({ pinned_message: { message_id: 1, date: 1, chat: privateChat } }))).toEqual({ ignored: 'service message' });
    const post = { update_id: 12, channel_post: { message_id: 1, date: 1, chat: { id: -1001, type: 'channel', title: 'news' }, text: 'hi' } } as unknown as Update;
    expect(map(post)).toEqual({ ignored: 'channel post' });
  });

  it('in groups passes only commands addressed to this bot, marked as group', () => {
    expect(map(msg({ text: 'tolong saya' }, group))).toEqual({ ignored: 'group message not addressed to the bot' });
    expect(map(msg({ text: '/start@other_bot' }, group))).toEqual({ ignored: 'group message not addressed to the bot' });
    expect(map(msg({ text: '/start@Helpline_Bot' }, group))).toMatchObject({ inbound: { chatId: '-100777', text: '/start', group: true } });
    expect(map(msg({ text: '/cases' }, group))).toMatchObject({ inbound: { text: '/cases', group: true } });
    const edit = { update_id: 13, edited_message: { message_id: 5, date: 1, chat: group, from, text: '/start' } } as unknown as Update;
    expect(map(edit)).toEqual({ ignored: 'edit in a group' });
  });
});

describe('addressedCommand', () => {
  it('strips our @username and keeps arguments', () => {
    expect(addressedCommand('/reply@helpline_bot BWI-2611-0001 sudah kami hubungi', BOT)).toBe('/reply BWI-2611-0001 sudah kami hubungi');
    expect(addressedCommand('/status BWI-2611-0001 resolved', BOT)).toBe('/status BWI-2611-0001 resolved');
    expect(addressedCommand('hello /start', BOT)).toBeNull();
  });
});

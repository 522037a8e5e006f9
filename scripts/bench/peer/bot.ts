/**
 * The peer: the complaint flow written the way a careful grammY developer would, with
 * `@grammyjs/conversations` v2 (a conversation function with `conversation.form.select/text`,
 * `conversation.external` for the database write, which allocates a reference and stores an
 * keyed-hash PIN as the helpline does) and sessions plus conversation state in SQLite
 * through a proper storage adapter. Not part of the product; it exists to be compared with.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { Bot, type Context, Keyboard, type SessionFlavor, session } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { type Conversation, type ConversationFlavor, conversations, createConversation } from '@grammyjs/conversations';
import { type PeerDB, sqliteStorage } from './sqliteStorage.js';
import { type PeerLang, TEXTS, numbered } from './texts.js';

interface SessionData {
  lang?: PeerLang;
  /** Answer to the one-time announcements question. */
  subscribed?: boolean;
}
type PeerContext = ConversationFlavor<Context & SessionFlavor<SessionData>>;
type PeerConversation = Conversation<PeerContext, Context>;

/** Words that leave any conversation and show the menu (as the helpline's global words do). */
const CANCEL_WORDS = /^\s*(batal|cancel|menu|\/start)\s*$/i;
const LANGUAGES: PeerLang[] = ['id', 'en'];

export const PEER_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: 'Peer',
  username: 'peer_bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** Reply keyboards with buttons "1".."n", built once. */
const KEYBOARDS = Array.from({ length: 13 }, (_, n) => {
  const kb = new Keyboard();
  for (let i = 1; i <= n; i++) kb.text(String(i));
  return kb.resized().oneTime();
});

/** Answers that skip an optional question, and that end the evidence step. */
const SKIP = /^\s*-\s*$/;
const EVIDENCE_DONE = /^\s*(-|done|selesai)\s*$/i;
const MAX_EVIDENCE = 10;
/** Same PIN hashing as the helpline (6 digits, HMAC-SHA256 under a key kept outside the database), so both do the same work. */
const PIN_DIGITS = 6;
const PIN_KEY = randomBytes(32);

function menu(lang: PeerLang): [string, { reply_markup: Keyboard }] {
  const t = TEXTS[lang];
  return [numbered(t.menu, t.menuOptions), { reply_markup: KEYBOARDS[t.menuOptions.length] }];
}

function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `hmac$${salt.toString('hex')}$${createHmac('sha256', PIN_KEY).update(salt).update(pin).digest('hex')}`;
}

export interface PeerOptions {
  token: string;
  db: PeerDB;
  /** Bot API root (end to end) or a canned fetch (in-process). */
  apiRoot?: string;
  fetch?: typeof fetch;
  /** Given in-process so `handleUpdate` works without `init()`. */
  botInfo?: UserFromGetMe;
}

/** Builds the peer bot on its own SQLite database. */
export function createPeerBot(opts: PeerOptions): Bot<PeerContext> {
  const { db } = opts;
  const nextSeq = db.prepare<[string], number>('INSERT INTO case_ref_counters (month, last) VALUES (?, 1) ON CONFLICT (month) DO UPDATE SET last = last + 1 RETURNING last').pluck();
  const insertCase = db.prepare(
    `INSERT INTO cases (ref, chat_id, anonymous, on_behalf, category, country, city, worker_name, agency, home, description, evidence, contact_by, language, pin_hash, created_at)
     VALUES (@ref, @chat, @anonymous, @who, @category, @country, @city, @name, @agency, @home, @description, @evidence, @contact, @lang, @pinHash, @at)`,
  );
  const storeCase = db.transaction((row: Record<string, string | number | null>) => {
    const at = Date.now();
    const month = new Date(at).toISOString().slice(2, 7).replace('-', '');
    const ref = `BWI-${month}-${String(nextSeq.get(month)).padStart(4, '0')}`;
    const pin = String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
    insertCase.run({ ...row, ref, pinHash: hashPin(pin), at });
    return { ref, pin };
  });

  async function complaint(conversation: PeerConversation, ctx: Context, lang: PeerLang): Promise<void> {
    const t = TEXTS[lang];
    const choose = async (prompt: string, options: string[]): Promise<number> => {
      await ctx.reply(numbered(prompt, options), { reply_markup: KEYBOARDS[options.length] });
      const keys = options.map((_, i) => String(i + 1));
      const picked = await conversation.form.select(keys, { otherwise: (c) => c.reply(t.pickNumber) });
      return Number(picked) - 1;
    };
    const ask = async (prompt: string): Promise<string> => {
      await ctx.reply(prompt);
      return conversation.form.text({ otherwise: (c) => c.reply(t.textPlease) });
    };
    const askOptional = async (prompt: string): Promise<string | null> => {
      await ctx.reply(`${prompt}\n\n${t.skip}`);
      const text = await conversation.form.text({ otherwise: (c) => c.reply(t.textPlease) });
      return SKIP.test(text) ? null : text;
    };

    const consent = await choose(t.consent, t.consentOptions);
    if (consent === 2) {
      await ctx.reply(t.noConsent);
      await ctx.reply(...menu(lang));
      return;
    }
    const anonymous = consent === 1;
    const who = await choose(t.who, t.whoOptions);
    const category = await choose(t.category, t.categories);
    const country = await choose(t.country, t.countries);
    const countryName = country === t.countries.length - 1 ? await ask(t.countryOther) : t.countries[country];
    const city = await askOptional(t.city);
    const name = who === 1 ? await ask(t.workerName) : anonymous ? null : await askOptional(t.ownName);
    const agency = await askOptional(t.agency);
    const description = await ask(t.description);
    await ctx.reply(`${t.evidence}\n\n${t.skip}`);
    const evidence: string[] = [];
    while (evidence.length < MAX_EVIDENCE) {
      const m = await conversation.waitFor(['message:text', 'message:photo', 'message:document', 'message:voice']);
      if (m.msg.text !== undefined) {
        if (EVIDENCE_DONE.test(m.msg.text)) break;
        await m.reply(t.evidence);
        continue;
      }
      evidence.push(m.msg.photo?.at(-1)?.file_id ?? m.msg.document?.file_id ?? m.msg.voice?.file_id ?? '');
      await m.reply(t.evidenceReceived(evidence.length));
    }
    const home = await askOptional(t.home);
    const contact = anonymous ? 'anonymous' : t.contactOptions[await choose(t.contactBy, t.contactOptions)];
    const v = { who: t.whoOptions[who], category: t.categories[category], country: countryName, city: city ?? '-', name: name ?? '-', agency: agency ?? '-', home: home ?? '-', files: String(evidence.length), contact, description };
    await ctx.reply(t.summary(v));
    if ((await choose(t.confirm, t.confirmOptions)) !== 0) {
      await ctx.reply(t.cancelled);
      await ctx.reply(...menu(lang));
      return;
    }
    const chat = anonymous ? null : String(ctx.chatId);
    const { ref, pin } = await conversation.external(() =>
      storeCase({ chat, anonymous: anonymous ? 1 : 0, who: who === 1 ? 'family' : 'self', category, country: countryName, city, name, agency, home, description, evidence: JSON.stringify(evidence), contact, lang }),
    );
    await ctx.reply(t.saved(ref, pin));
    await ctx.reply(t.next);
    await ctx.reply(t.emergency);
    await ctx.reply(...menu(lang));
  }

  const bot = new Bot<PeerContext>(opts.token, {
    botInfo: opts.botInfo,
    client: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) },
  });
  bot.use(session({ initial: (): SessionData => ({}), storage: sqliteStorage<SessionData>(db, 's:') }));
  bot.use(conversations({ storage: { type: 'key', version: 1, adapter: sqliteStorage(db, 'c:') } }));
  bot.hears(CANCEL_WORDS, async (ctx) => {
    await ctx.conversation.exitAll();
    const lang = ctx.session.lang;
    if (lang) await ctx.reply(...menu(lang));
    else await ctx.reply(numbered(TEXTS.en.chooseLanguage, ['Bahasa Indonesia', 'English']), { reply_markup: KEYBOARDS[2] });
  });
  bot.use(createConversation(complaint, 'complaint'));
  bot.on('message:text', async (ctx) => {
    const lang = ctx.session.lang;
    const answer = ctx.msg.text.trim();
    if (!lang) {
      const picked = LANGUAGES[Number(answer) - 1];
      if (!picked) {
        await ctx.reply(numbered(TEXTS.en.chooseLanguage, ['Bahasa Indonesia', 'English']), { reply_markup: KEYBOARDS[2] });
        return;
      }
      ctx.session.lang = picked;
      await ctx.reply(TEXTS[picked].languageSet);
      // A new user is asked once whether they want announcements.
      await ctx.reply(numbered(TEXTS[picked].announcements, TEXTS[picked].yesNoThanks), { reply_markup: KEYBOARDS[2] });
      return;
    }
    const t = TEXTS[lang];
    if (ctx.session.subscribed === undefined) {
      if (answer !== '1' && answer !== '2') {
        await ctx.reply(numbered(t.announcements, t.yesNoThanks), { reply_markup: KEYBOARDS[2] });
        return;
      }
      ctx.session.subscribed = answer === '1';
      await ctx.reply(ctx.session.subscribed ? t.subscribed : t.notSubscribed);
      await ctx.reply(...menu(lang));
      return;
    }
    if (answer === '1') {
      await ctx.conversation.enter('complaint', lang);
      return;
    }
    await ctx.reply(...menu(lang));
  });
  return bot;
}

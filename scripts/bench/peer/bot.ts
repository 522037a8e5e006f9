/**
 * The peer: the complaint flow written the way a careful grammY developer would, with
 * `@grammyjs/conversations` v2 (a conversation function with `conversation.form.select/text`,
 * `conversation.external` for the database write) and sessions plus conversation state in SQLite
 * through a proper storage adapter. Not part of the product; it exists to be compared with.
 */
import { Bot, type Context, Keyboard, type SessionFlavor, session } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { type Conversation, type ConversationFlavor, conversations, createConversation } from '@grammyjs/conversations';
import { type PeerDB, sqliteStorage } from './sqliteStorage.js';
import { type PeerLang, TEXTS, numbered } from './texts.js';

interface SessionData {
  lang?: PeerLang;
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
const KEYBOARDS = Array.from({ length: 9 }, (_, n) => {
  const kb = new Keyboard();
  for (let i = 1; i <= n; i++) kb.text(String(i));
  return kb.resized().oneTime();
});

function menu(lang: PeerLang): [string, { reply_markup: Keyboard }] {
  const t = TEXTS[lang];
  return [numbered(t.menu, t.menuOptions), { reply_markup: KEYBOARDS[t.menuOptions.length] }];
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
  const insertComplaint = db.prepare(
    `INSERT INTO complaints (chat_id, who, category, country, city, worker_name, agency, description, contact_by, created_at)
     VALUES (@chat, @who, @category, @country, @city, @worker, @agency, @description, @contact, @at)`,
  );

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
    if ((await choose(t.consent, t.yesNo)) !== 0) {
      await ctx.reply(t.noConsent);
      return;
    }
    const v: Record<string, string> = {};
    v.who = t.whoOptions[await choose(t.who, t.whoOptions)];
    v.category = t.categories[await choose(t.category, t.categories)];
    v.country = t.countries[await choose(t.country, t.countries)];
    v.city = await ask(t.city);
    v.worker = await ask(t.workerName);
    v.agency = await ask(t.agency);
    v.description = await ask(t.description);
    v.contact = t.contactOptions[await choose(t.contactBy, t.contactOptions)];
    if ((await choose(t.summary(v), t.confirmOptions)) !== 0) {
      await ctx.reply(t.cancelled, menu(lang)[1]);
      return;
    }
    const chat = String(ctx.chatId);
    const ref = await conversation.external(() => {
      const id = Number(insertComplaint.run({ ...v, chat, at: Date.now() }).lastInsertRowid);
      return `BWI-${String(id).padStart(4, '0')}`;
    });
    await ctx.reply(t.saved(ref));
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
    if (!lang) {
      const picked = LANGUAGES[Number(ctx.msg.text.trim()) - 1];
      if (!picked) {
        await ctx.reply(numbered(TEXTS.en.chooseLanguage, ['Bahasa Indonesia', 'English']), { reply_markup: KEYBOARDS[2] });
        return;
      }
      ctx.session.lang = picked;
      await ctx.reply(TEXTS[picked].languageSet);
      await ctx.reply(...menu(picked));
      return;
    }
    if (ctx.msg.text.trim() === '1') {
      await ctx.conversation.enter('complaint', lang);
      return;
    }
    await ctx.reply(...menu(lang));
  });
  return bot;
}

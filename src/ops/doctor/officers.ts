/** Officer chats: can Telegram deliver alerts to each one (getChat)? WhatsApp numbers are counted only. */
import { probeTelegramOfficers, telegramOfficerChats } from '../officerChats.js';
import { callBotApi } from '../platformApi.js';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';
import type { BotInfo } from './telegram.js';

const NAME = 'Officer chats';

/** One result per unreachable chat (with its fix), or one ok line. */
export async function checkOfficerChats(ctx: DoctorContext): Promise<DoctorResult[]> {
  const { config } = ctx;
  const whatsapp = config.OFFICER_WHATSAPP_NUMBERS.length;
  const out: DoctorResult[] = [];
  const ids = telegramOfficerChats(config, ctx.db ?? undefined);
  if (ids.length && !config.TELEGRAM_BOT_TOKEN) {
    out.push(fail(NAME, `${ids.length} Telegram officer chat(s) are configured but Telegram is off`, 'Set TELEGRAM_BOT_TOKEN, or remove the ids from OFFICER_TELEGRAM_IDS.'));
  } else if (ids.length) {
    const me = await callBotApi<BotInfo>(config.TELEGRAM_API_ROOT, config.TELEGRAM_BOT_TOKEN, 'getMe', {}, ctx.timeoutMs);
    if (!me.ok) {
      out.push(warn(NAME, `${ids.length} Telegram officer chat(s) not checked: the bot token does not work`, 'Fix the Telegram bot first (see above), then run the doctor again.'));
    } else {
      const link = `https://t.me/${me.result.username}`;
      const probes = await probeTelegramOfficers(config, ids, ctx.timeoutMs);
      const down = probes.filter((p) => !p.reachable);
      for (const p of down) {
        out.push(
          fail(
            NAME,
            `officer chat ${p.chatId} cannot be reached on Telegram (${p.detail ?? 'no answer'}): alerts will not arrive there`,
            `Ask that officer to open ${link} and press Start (a bot cannot write first), or remove ${p.chatId} from OFFICER_TELEGRAM_IDS. Check the id with @userinfobot.`,
          ),
        );
      }
      if (!down.length) out.push(ok(NAME, `all ${ids.length} Telegram officer chat(s) can be reached`));
    }
  }
  if (whatsapp) {
    out.push(ok(NAME, `${whatsapp} WhatsApp officer number(s): WhatsApp cannot be checked in advance; each officer should send one message to the helpline number`));
  }
  if (!ids.length && !whatsapp) {
    out.push(
      warn(
        NAME,
        'no officer chat: urgent alerts reach nobody in chat, only the dashboard',
        "Put the officers' Telegram user ids in OFFICER_TELEGRAM_IDS (each presses Start in the bot first), or npm run add-officer -- --chat telegram:ID.",
      ),
    );
  }
  return out;
}

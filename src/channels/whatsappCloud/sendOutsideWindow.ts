/**
 * What the Cloud channel sends outside WhatsApp's 24-hour window: a case update or announcement
 * goes out as its approved template and the message itself waits for the contact's answer
 * (SendError 'held'; the router releases it when the contact writes); anything else is not sent.
 * Templates Graph refuses are reported to officers and on /api/health.
 */
import { SendError } from '../../core/errors.js';
import type { Outbound, TemplateFallback } from '../../core/types.js';
import type { Services } from '../../features/services.js';
import { type GraphTemplateMessage, TEMPLATE_ERROR_CODES, type TemplateSettings, buildTemplateMessage, discreetFallback, resolveTemplate } from './buildTemplateMessage.js';
import type { ServiceWindow } from './checkServiceWindow.js';
import { GraphSendError } from './classifyGraphError.js';
import { KeyValueStore } from '../../store/kv.js';

/** After a template went out, the message waits this long for the contact's answer before a new template is tried. */
export const ANSWER_WAIT_MS = 3 * 24 * 3600_000;
/** Templates sent for one message at most; without an answer after the last wait it is skipped. */
export const MAX_TEMPLATE_ROUNDS = 3;
/** Officers are told about a broken template at most once per template and language per day. */
const TEMPLATE_NOTICE_KEY = 'whatsapp-cloud:template-notice:';
const CHANNEL = 'whatsapp-cloud' as const;

export class OutsideWindow {
  /** Templates sent since start (shown in /api/health). */
  templatesSent = 0;
  /** Templates Graph refused, by "name/language": what to fix (shown in /api/health). */
  readonly problems = new Map<string, string>();

  constructor(
    private readonly services: Services,
    private readonly window: ServiceWindow,
    private readonly templates: TemplateSettings,
    private readonly post: (chatId: string, body: GraphTemplateMessage) => Promise<string | undefined>,
  ) {}

  /** Sends the template (or refuses) and always throws: 'held' after a template, 'skipped' otherwise. */
  async send(chatId: string, msg: Outbound, graphError?: string): Promise<never> {
    const { outbox } = this.services;
    // One template per wait: later messages join the one already waiting for the answer.
    if (outbox.awaitingAnswer(CHANNEL, chatId)) throw new SendError('waiting for the contact to answer the template already sent', 'held', ANSWER_WAIT_MS);
    const contact = this.services.contacts.find(CHANNEL, chatId);
    const fallback = msg.template && contact?.discreet ? discreetFallback(msg.template) : msg.template;
    const template = fallback ? resolveTemplate(this.templates, fallback.kind, contact?.language ?? this.services.config.DEFAULT_LANGUAGE) : undefined;
    if (!fallback || !template) return this.window.refuse(chatId, graphError);
    // The row comes back after a wait with no answer: ask again, a few times only.
    if (outbox.answerRounds(CHANNEL, chatId) > MAX_TEMPLATE_ROUNDS) return this.window.refuse(chatId, `no answer to ${MAX_TEMPLATE_ROUNDS} templates`);
    try {
      await this.post(chatId, buildTemplateMessage(template.name, template.language, fallback.params));
    } catch (err) {
      if (err instanceof GraphSendError && err.code !== undefined && TEMPLATE_ERROR_CODES.has(err.code)) {
        this.reportProblem(template, fallback, err.code);
        return this.window.refuse(chatId, err.message);
      }
      throw err;
    }
    this.templatesSent++;
    this.problems.delete(`${template.name}/${template.language}`);
    throw new SendError(`template ${template.name} (${template.language}) sent; the message goes out when the contact answers`, 'held', ANSWER_WAIT_MS);
  }

  /** Remembers a refused template for /api/health and tells officers once a day per template and language. */
  private reportProblem(template: { name: string; language: string }, fallback: TemplateFallback, code: number): void {
    const s = this.services;
    const reason = TEMPLATE_ERROR_CODES.get(code) ?? 'refused';
    const key = `${template.name}/${template.language}`;
    this.problems.set(
      key,
      `WhatsApp template "${template.name}" (${template.language}) refused by Graph (${code}: ${reason}): create or fix it in WhatsApp Manager (category Utility; see README "WhatsApp templates")`,
    );
    s.log.error({ template: template.name, language: template.language, code }, 'WhatsApp template refused; case updates to contacts outside the 24-hour window are not delivered');
    const day = new Date(s.clock.now()).toISOString().slice(0, 10);
    // Once a day per template and language (the marker survives restarts).
    if (!new KeyValueStore(s.db).setIfChanged(TEMPLATE_NOTICE_KEY + key, day)) return;
    for (const o of s.contacts.officers()) {
      s.notifier.notify(o.id, { text: { key: 'channels.whatsappTemplateProblem', vars: { template: template.name, language: template.language, code, kind: fallback.kind } } });
    }
  }

}

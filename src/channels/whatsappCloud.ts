/**
 * WhatsApp Cloud API channel (the officially supported route): a signed webhook brings messages and
 * delivery statuses; replies go out through the Graph API. Helpers live in ./whatsappCloud/.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import express, { Router as ExpressRouter, type Request, type Response } from 'express';
import type { Config } from '../config.js';
import { SendError } from '../core/errors.js';
import type { ChannelAdapter } from './adapter.js';
import type { ChannelHealth, Intake, Outbound, OutboundMedia, SendResult } from '../core/types.js';
import { type Logger, chatTag } from '../logger.js';
import type { Services } from '../features/services.js';
import { languageOf } from '../store/contacts.js';
import { buildOutgoingMessages, type GraphMessage } from './whatsappCloud/buildOutgoingMessages.js';
import { ServiceWindow } from './whatsappCloud/checkServiceWindow.js';
import { GraphSendError, REENGAGEMENT_CODE, classifyGraphError, type GraphErrorBody } from './whatsappCloud/classifyGraphError.js';
import { type GraphTemplateMessage, type TemplateSettings, parseTemplateLanguages } from './whatsappCloud/buildTemplateMessage.js';
import { OutsideWindow } from './whatsappCloud/sendOutsideWindow.js';
import { ANNOUNCEMENT_TEMPLATE_KEY } from '../domain/broadcasts/enqueue.js';
import { convertWebhookToInbound, type StatusUpdate } from './whatsappCloud/convertWebhookToInbound.js';
import { prepareDeliveryStatusUpdate } from '../outbox/deliveryStatus.js';
import { KeyValueStore } from '../store/kv.js';
import { verifySignature } from './whatsappCloud/verifySignature.js';

export const WEBHOOK_PATH = '/webhooks/whatsapp';
/** Meta batches at most a few hundred events per POST; anything bigger is not from Meta. */
export const WEBHOOK_BODY_LIMIT = '3mb';
/** One Graph API call may take this long before it counts as a (transient) network failure. */
export const GRAPH_TIMEOUT_MS = 15_000;
/** Caption limit for media messages; longer text goes in a separate message. */
export const CAPTION_MAX = 1024;

export interface WhatsAppCloudOptions {
  config: Pick<Config, 'WHATSAPP_CLOUD_TOKEN' | 'WHATSAPP_CLOUD_PHONE_NUMBER_ID' | 'WHATSAPP_CLOUD_APP_SECRET' | 'WHATSAPP_CLOUD_VERIFY_TOKEN' | 'WHATSAPP_CLOUD_API_ROOT'> &
    Partial<Pick<Config, 'WHATSAPP_TEMPLATE_CASE_UPDATE' | 'WHATSAPP_TEMPLATE_ANNOUNCEMENT' | 'WHATSAPP_TEMPLATE_NEUTRAL' | 'WHATSAPP_TEMPLATE_LANGUAGES'>>;
  log: Logger;
}

export class WhatsAppCloudChannel implements ChannelAdapter {
  readonly name = 'whatsapp-cloud' as const;
  private intake?: Intake;
  private services?: Services;
  private window?: ServiceWindow;
  private applyStatus?: (u: StatusUpdate) => boolean;
  private running = false;
  private tokenProblem?: string;
  private refusedWebhooks = 0;
  private outside?: OutsideWindow;
  private readonly root: string;
  private readonly templates: TemplateSettings;

  constructor(private readonly opts: WhatsAppCloudOptions) {
    this.root = opts.config.WHATSAPP_CLOUD_API_ROOT.replace(/\/+$/, '');
    // 'off' turns a template off (an empty value means "use the default").
    const name = (v: string | undefined, fallback: string) => {
      const n = v ?? fallback;
      return n === 'off' ? '' : n;
    };
    this.templates = {
      names: {
        case_update: name(opts.config.WHATSAPP_TEMPLATE_CASE_UPDATE, 'case_update'),
        announcement: name(opts.config.WHATSAPP_TEMPLATE_ANNOUNCEMENT, ''),
        neutral_update: name(opts.config.WHATSAPP_TEMPLATE_NEUTRAL, 'new_message'),
      },
      languages: parseTemplateLanguages(opts.config.WHATSAPP_TEMPLATE_LANGUAGES ?? 'id:id,en:en,jv:id'),
    };
  }

  /** True when all four WHATSAPP_CLOUD_* credentials are set (config checks they come together). */
  static enabled(config: Config): boolean {
    return Boolean(config.WHATSAPP_CLOUD_TOKEN && config.WHATSAPP_CLOUD_PHONE_NUMBER_ID && config.WHATSAPP_CLOUD_APP_SECRET && config.WHATSAPP_CLOUD_VERIFY_TOKEN);
  }

  attach(services: Services): void {
    this.services = services;
    this.window = new ServiceWindow(services);
    this.applyStatus = prepareDeliveryStatusUpdate(services.db);
    this.outside = new OutsideWindow(services, this.window, this.templates, (chatId, body) => this.postMessage(chatId, body));
    // Broadcasts read this to send Cloud contacts outside the window the announcement template.
    const announcement = this.templates.names.announcement;
    new KeyValueStore(services.db).set(ANNOUNCEMENT_TEMPLATE_KEY, announcement || null);
  }

  /** GET: Meta's subscription check. POST: signed events, acknowledged only after they are committed. */
  mount(app: ExpressRouter): void {
    const r = ExpressRouter();
    r.get(WEBHOOK_PATH, (req, res) => this.verifySubscription(req, res));
    r.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), (req, res) => void this.receive(req, res));
    app.use(r);
  }

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.intake = undefined;
  }

  health(): ChannelHealth {
    const stats = { heldBackOutsideWindow: this.window?.heldBack ?? 0, refusedWebhooks: this.refusedWebhooks, templatesSent: this.outside?.templatesSent ?? 0 };
    if (!this.running) return { state: 'off', stats };
    if (this.tokenProblem) return { state: 'degraded', detail: this.tokenProblem, stats };
    if (this.outside?.problems.size) return { state: 'degraded', detail: [...this.outside.problems.values()].join('; '), stats };
    return { state: 'up', stats };
  }

  private verifySubscription(req: Request, res: Response): void {
    const q = req.query as Record<string, unknown>;
    if (q['hub.mode'] === 'subscribe' && typeof q['hub.challenge'] === 'string' && q['hub.verify_token'] === this.opts.config.WHATSAPP_CLOUD_VERIFY_TOKEN) {
      res.status(200).type('text/plain').send(q['hub.challenge']);
      return;
    }
    this.opts.log.warn('WhatsApp webhook verification refused: wrong hub.verify_token or mode');
    res.sendStatus(403);
  }

  private async receive(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifySignature(raw, req.get('x-hub-signature-256'), this.opts.config.WHATSAPP_CLOUD_APP_SECRET)) {
      this.refusedWebhooks++;
      this.opts.log.warn({ hasSignature: Boolean(req.get('x-hub-signature-256')) }, 'WhatsApp webhook refused: bad or missing X-Hub-Signature-256');
      res.sendStatus(401);
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'body is not JSON' });
      return;
    }
    const intake = this.intake;
    const clockNow = this.services?.clock.now() ?? Date.now();
    const content = convertWebhookToInbound(payload, this.opts.config.WHATSAPP_CLOUD_PHONE_NUMBER_ID, clockNow);
    if (content.messages.length && !intake) {
      res.sendStatus(503); // not started or shutting down: Meta retries later
      return;
    }
    try {
      for (const s of content.statuses) this.applyStatus?.(s);
      // In order, one at a time: each turn commits before the next message of the batch.
      for (const msg of content.messages) {
        const result = await intake!(msg);
        if (result === 'refused') {
          res.sendStatus(503);
          return;
        }
      }
      res.sendStatus(200);
    } catch (err) {
      this.opts.log.error({ err }, 'WhatsApp webhook handling failed; Meta will retry');
      res.sendStatus(500);
    }
  }

  /**
   * Inside the 24-hour window: the message itself. Outside it (or when Graph says so, 131047): a
   * case update or announcement sends its template and waits for the contact's answer (SendError
   * 'held'); anything else is not sent ('skipped', officers told).
   */
  async send(chatId: string, msg: Outbound): Promise<SendResult> {
    if (this.outside && this.window?.isOutside(chatId)) return this.outside.send(chatId, msg);
    try {
      return await this.sendFreeForm(chatId, msg);
    } catch (err) {
      if (err instanceof GraphSendError && err.code === REENGAGEMENT_CODE && this.outside) return this.outside.send(chatId, msg, err.message);
      throw err;
    }
  }

  private async sendFreeForm(chatId: string, msg: Outbound): Promise<SendResult> {
    if (msg.media) {
      const caption = msg.text.length <= CAPTION_MAX ? msg.text : undefined;
      const id = await this.sendMedia(chatId, msg.media, caption);
      if (caption !== undefined) return { platformMessageId: id };
    }
    let last: string | undefined;
    for (const body of buildOutgoingMessages(msg, this.listButton(chatId))) last = await this.postMessage(chatId, body);
    return { platformMessageId: last };
  }

  /** Downloads a media file by its Cloud API media id: first its URL, then the bytes (both with the token). */
  async fetchMedia(ref: string): Promise<{ data: Buffer; mime: string }> {
    const meta = await this.graph(`${this.root}/${encodeURIComponent(ref)}`, { method: 'GET' });
    const info = (await meta.json()) as { url?: string; mime_type?: string };
    if (!info.url) throw new Error(`Cloud API gave no URL for media ${ref}`);
    const file = await this.graph(info.url, { method: 'GET' });
    return { data: Buffer.from(await file.arrayBuffer()), mime: info.mime_type ?? file.headers.get('content-type') ?? 'application/octet-stream' };
  }

  private listButton(chatId: string): string {
    const s = this.services;
    if (!s) return '';
    const lang = languageOf(s.contacts.find(this.name, chatId), s.config.DEFAULT_LANGUAGE);
    return s.translator.t(lang, 'channels.listButton');
  }

  private async postMessage(chatId: string, body: GraphMessage | GraphTemplateMessage | Record<string, unknown>): Promise<string | undefined> {
    const res = await this.graph(`${this.root}/${this.opts.config.WHATSAPP_CLOUD_PHONE_NUMBER_ID}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: chatId, ...body }),
    });
    const json = (await res.json().catch(() => ({}))) as { messages?: { id?: string }[] };
    this.opts.log.debug({ chat: chatTag(this.name, chatId) }, 'WhatsApp message accepted');
    return json.messages?.[0]?.id;
  }

  private async sendMedia(chatId: string, media: OutboundMedia, caption?: string): Promise<string | undefined> {
    const data = await fs.readFile(media.path);
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', media.mime);
    const fileName = media.fileName ?? path.basename(media.path);
    form.append('file', new Blob([data], { type: media.mime }), fileName);
    const up = await this.graph(`${this.root}/${this.opts.config.WHATSAPP_CLOUD_PHONE_NUMBER_ID}/media`, { method: 'POST', body: form });
    const { id } = (await up.json()) as { id?: string };
    if (!id) throw new SendError('Cloud API media upload returned no id', 'transient');
    const type = /^image\/(jpeg|png)$/.test(media.mime) ? 'image' : 'document';
    const object: Record<string, string> = { id };
    if (caption) object.caption = caption;
    if (type === 'document') object.filename = fileName;
    return this.postMessage(chatId, { type, [type]: object });
  }

  /** One authorized Graph call; failures become SendErrors the dispatcher understands. */
  private async graph(url: string, init: RequestInit): Promise<globalThis.Response> {
    let res: globalThis.Response;
    try {
      res = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.opts.config.WHATSAPP_CLOUD_TOKEN}` },
        signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
      });
    } catch (err) {
      throw new SendError(`Cloud API unreachable: ${err instanceof Error ? err.message : String(err)}`, 'transient');
    }
    if (res.ok) {
      this.tokenProblem = undefined;
      return res;
    }
    const body = (await res.json().catch(() => undefined)) as GraphErrorBody | undefined;
    const { error, tokenRejected } = classifyGraphError(res.status, body, res.headers.get('retry-after'));
    if (tokenRejected) {
      this.tokenProblem = 'access token refused by the Graph API (401/190): set a valid WHATSAPP_CLOUD_TOKEN';
      this.opts.log.error('WhatsApp Cloud API refused the access token; messages fail until it is replaced');
    }
    throw error;
  }
}

/**
 * A fake WhatsApp Cloud (Graph) API on 127.0.0.1 for tests: records sent messages, answers with
 * wamids, serves media, and can be told to fail the next calls. For `npm run doctor` it also knows
 * phone number ids (`phoneNumbers`), a WhatsApp Business Account with its message templates
 * (`wabaId`, `templates`) and the app secret behind the token (`appSecret`: a wrong
 * `appsecret_proof` is refused as Graph does). Plus helpers to build and sign webhook posts the way Meta does.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signPayload } from '../channels/whatsappCloud/verifySignature.js';

export interface SentGraphMessage {
  phoneNumberId: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
  wamid: string;
}

export interface InjectedError {
  status: number;
  code?: number;
  message?: string;
  retryAfterS?: number;
}

export class FakeGraph {
  readonly sent: SentGraphMessage[] = [];
  readonly uploads: { mime: string; bytes: number }[] = [];
  /** Errors returned by the next message sends, in order. */
  readonly failures: InjectedError[] = [];
  /** Phone number ids this token may use, with what Graph tells about them. */
  readonly phoneNumbers = new Map<string, { verifiedName: string; qualityRating?: string }>();
  /** The WhatsApp Business Account whose templates `GET /{wabaId}/message_templates` lists. */
  wabaId = '';
  readonly templates: { name: string; language: string; status: string; category?: string }[] = [];
  /** The app secret of the token's app; when set, a request with a wrong appsecret_proof is refused. */
  appSecret: string | null = null;
  private readonly media = new Map<string, { data: Buffer; mime: string }>();
  private server?: http.Server;
  private seq = 0;
  root = '';

  constructor(readonly token: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.root = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v21.0`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Makes a media id downloadable. */
  addMedia(id: string, data: Buffer, mime: string): void {
    this.media.set(id, { data, mime });
  }

  /** Messages sent to one recipient. */
  to(waId: string): SentGraphMessage[] {
    return this.sent.filter((m) => m.to === waId);
  }

  /** Waits until at least `n` messages were sent (or throws after the timeout). */
  async waitForSent(n: number, timeoutMs = 5000): Promise<SentGraphMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent.length < n) {
      if (Date.now() > deadline) throw new Error(`fake Graph: expected ${n} sent messages, got ${this.sent.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.sent;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      reply(401, { error: { code: 190, message: 'Invalid OAuth access token.' } });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean); // ['v21.0', phoneId, 'messages']
    const proof = url.searchParams.get('appsecret_proof');
    if (proof !== null && this.appSecret !== null && proof !== createHmac('sha256', this.appSecret).update(this.token).digest('hex')) {
      reply(400, { error: { code: 100, type: 'GraphMethodException', message: 'Invalid appsecret_proof provided in the API argument' } });
      return;
    }
    if (req.method === 'GET' && parts.length === 2 && this.phoneNumbers.has(parts[1])) {
      const p = this.phoneNumbers.get(parts[1])!;
      reply(200, { id: parts[1], verified_name: p.verifiedName, ...(p.qualityRating ? { quality_rating: p.qualityRating } : {}) });
      return;
    }
    if (req.method === 'GET' && parts[2] === 'message_templates' && this.wabaId && parts[1] === this.wabaId) {
      reply(200, { data: this.templates.map((t, i) => ({ id: String(9000 + i), category: 'UTILITY', ...t })), paging: {} });
      return;
    }
    if (req.method === 'POST' && parts[2] === 'messages') {
      const f = this.failures.shift();
      if (f) {
        reply(f.status, { error: { code: f.code, message: f.message ?? 'injected error' } }, f.retryAfterS ? { 'retry-after': String(f.retryAfterS) } : {});
        return;
      }
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const wamid = `wamid.FAKE${++this.seq}`;
      this.sent.push({ phoneNumberId: parts[1], to: String(body.to), type: String(body.type), body, wamid });
      reply(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: wamid }] });
      return;
    }
    if (req.method === 'POST' && parts[2] === 'media') {
      const mime = /name="type"\r\n\r\n([^\r]+)/.exec(raw.toString('latin1'))?.[1] ?? '?';
      this.uploads.push({ mime, bytes: raw.length });
      reply(200, { id: `media${++this.seq}` });
      return;
    }
    if (req.method === 'GET' && parts[0] === 'files' && this.media.has(parts[1])) {
      const m = this.media.get(parts[1])!;
      res.writeHead(200, { 'content-type': m.mime });
      res.end(m.data);
      return;
    }
    if (req.method === 'GET' && parts.length === 2 && this.media.has(parts[1])) {
      const m = this.media.get(parts[1])!;
      const base = this.root.replace(/\/v21\.0$/, '');
      reply(200, { messaging_product: 'whatsapp', id: parts[1], url: `${base}/files/${parts[1]}`, mime_type: m.mime, file_size: m.data.length });
      return;
    }
    if (req.method === 'GET' && parts.length >= 2 && !this.media.has(parts[1])) {
      reply(400, {
        error: {
          code: 100,
          type: 'GraphMethodException',
          message: `Unsupported get request. Object with ID '${parts[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        },
      });
      return;
    }
    reply(404, { error: { code: 100, message: `fake Graph: no route for ${req.method} ${url.pathname}` } });
  }
}

/** Meta's webhook envelope around message or status values. */
export function webhookPayload(phoneNumberId: string, value: { messages?: unknown[]; statuses?: unknown[] }): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '620000', phone_number_id: phoneNumberId }, ...value } }] }],
  };
}

/** A text message as Meta delivers it. */
export function waText(from: string, body: string, id: string, timestampS = Math.floor(Date.now() / 1000)): unknown {
  return { from, id, timestamp: String(timestampS), type: 'text', text: { body } };
}

/** A delivery status callback. */
export function waStatus(wamid: string, status: string, recipient: string): unknown {
  return { id: wamid, status, recipient_id: recipient, timestamp: String(Math.floor(Date.now() / 1000)) };
}

/** POSTs a webhook body, signed with `secret` (or with the given header value / none). */
export async function postWebhook(url: string, payload: unknown, secret: string | null, signature?: string): Promise<number> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sig = signature ?? (secret === null ? undefined : signPayload(body, secret));
  if (sig !== undefined) headers['x-hub-signature-256'] = sig;
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

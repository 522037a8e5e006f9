/**
 * Who a web chat visitor is: a random chat id, carried by a signed cookie on the chat's own site
 * and by an equivalent signed token in the page's storage where the cookie cannot live (inside a
 * frame on another site over plain http, or a browser that blocks third-party cookies). The token
 * is sent in the X-Chat-Token header (or `?token=` on the event stream, which cannot set headers).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** Name of the signed cookie holding the visitor's random id. */
export const WEBCHAT_COOKIE = 'helpline_chat';
/** Header carrying the stored token. */
export const TOKEN_HEADER = 'x-chat-token';

const CHAT_ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A new random chat id (128 bits). */
export function newChatId(): string {
  return randomBytes(16).toString('base64url');
}

/** Signs and checks chat tokens with one secret. */
export class ChatIdentity {
  constructor(
    private readonly secret: string,
    /** `__Host-helpline_chat` under https. */
    private readonly cookieName: string = WEBCHAT_COOKIE,
  ) {}

  /** `<chat id>.<HMAC-SHA256>`: what the page keeps in storage. */
  token(chatId: string): string {
    return `${chatId}.${this.mac(chatId)}`;
  }

  /** The chat id of a well-formed, correctly signed token; undefined otherwise. */
  verify(token: unknown): string | undefined {
    if (typeof token !== 'string') return undefined;
    const m = TOKEN.exec(token);
    if (!m) return undefined;
    const expected = Buffer.from(this.mac(m[1]));
    const given = Buffer.from(m[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? m[1] : undefined;
  }

  /** The visitor of a request: the header token first (the page's own choice), then the signed cookie. */
  visitor(req: Request, allowQueryToken = false): string | undefined {
    const fromToken = this.verify(req.get(TOKEN_HEADER)) ?? (allowQueryToken ? this.verify(req.query.token) : undefined);
    return fromToken ?? this.cookieVisitor(req);
  }

  /** The chat id of the signed cookie alone (undefined when there is none or it is forged). */
  cookieVisitor(req: Request): string | undefined {
    const v = req.signedCookies?.[this.cookieName];
    return typeof v === 'string' && CHAT_ID.test(v) ? v : undefined;
  }

  private mac(chatId: string): string {
    return createHmac('sha256', this.secret).update(`webchat:${chatId}`).digest('base64url');
  }
}

/** Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** The header value Meta would send for this raw body (used by the fake Graph API helpers too). */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/** True only when the header carries the right HMAC of exactly these bytes (constant-time compare). */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret || !header.startsWith(PREFIX)) return false;
  const presented = Buffer.from(header.slice(PREFIX.length).trim(), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // Buffer.from(hex) drops invalid characters, so a malformed header ends up with the wrong length.
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

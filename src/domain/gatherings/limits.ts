/** Limits of what officers type for a gathering or a programme session, shared by chat, API and dashboard. */

export const MAX_TITLE_CHARS = 120;
export const MIN_DURATION_MIN = 15;
export const MAX_DURATION_MIN = 8 * 60;
export const MAX_CAPACITY = 100_000;
export const MAX_LINK_CHARS = 500;

/** Validates a meeting link: http(s) URL of sensible length. */
export function validLink(text: string): boolean {
  if (text.length > MAX_LINK_CHARS) return false;
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Strength of bearer tokens (ADMIN_API_TOKEN, officers' API tokens). */

/** Shortest API token accepted. */
export const MIN_API_TOKEN_CHARS = 32;
/** Fewest distinct characters in an API token (rules out "aaaa…" and short repeated patterns). */
export const MIN_DISTINCT_TOKEN_CHARS = 12;

/** Why a token is too weak to guard the API, or null when it will do. */
export function weakTokenReason(token: string): string | null {
  if (token.length < MIN_API_TOKEN_CHARS) return `it has ${token.length} characters; at least ${MIN_API_TOKEN_CHARS} random characters are needed`;
  if (new Set(token).size < MIN_DISTINCT_TOKEN_CHARS) return 'it repeats a few characters; use random characters';
  return null;
}

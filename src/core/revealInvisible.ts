/**
 * Invisible characters made visible for officers. People's text is stored exactly as typed, but a
 * right-to-left override turns `‮gnp.exe` into what looks like `exe.png`, and zero-width
 * characters hide inside names and numbers. Wherever an officer reads such text (dashboard,
 * officer chat), every format character (Unicode category Cf: direction marks and overrides,
 * zero-width spaces and joiners, BOM, soft hyphen …) is shown as `⟨U+202E⟩`. A zero-width joiner
 * inside an emoji sequence (👨‍👩‍👧) is left alone.
 */

const FORMAT_CHAR = /\p{Cf}/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const ZWJ = '\u200D';

/** The code point as officers see it, e.g. `⟨U+202E⟩`. */
export function codePointLabel(ch: string): string {
  return `⟨U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** The text with every invisible format character shown as its code point. */
export function revealInvisible(text: string): string {
  if (!FORMAT_CHAR.test(text)) return text;
  FORMAT_CHAR.lastIndex = 0;
  return text.replace(FORMAT_CHAR, (ch, offset: number, whole: string) => {
    if (ch === ZWJ && PICTOGRAPH.test(whole.slice(Math.max(0, offset - 2), offset)) && PICTOGRAPH.test(whole.slice(offset + 1, offset + 3))) return ch;
    return codePointLabel(ch);
  });
}

/**
 * Clear danger words in free text: a report that contains one is marked urgent. A short, named
 * list per language (phrases, matched on word boundaries, case-insensitive); not a classifier.
 */

export const DANGER_WORDS: Record<'id' | 'en' | 'jv', readonly string[]> = {
  id: ['dipukul', 'disiksa', 'diperkosa', 'pelecehan', 'dikurung', 'disekap', 'bunuh diri', 'dibunuh', 'diancam', 'tidak boleh keluar', 'tidak diberi makan', 'berdarah', 'dijual', 'tolong saya'],
  en: ['beaten', 'beat me', 'hit me', 'raped', 'rape', 'abused', 'locked in', 'locked up', 'kill myself', 'suicide', 'threatened', 'not allowed to leave', 'no food', 'bleeding', 'sold me', 'help me'],
  jv: ['digebugi', 'dipateni', 'dikunci', 'diancam', 'ora oleh metu', 'mboten angsal medal', 'mboten dipunparingi nedha', 'getihen', 'didol', 'tulungi kula', 'disiksa'],
};

const PATTERNS = Object.values(DANGER_WORDS)
  .flat()
  .map((w) => new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}($|[^\\p{L}])`, 'iu'));

/** True when the text contains a danger word of any language (people mix languages). */
export function hasDangerWords(text: string | null | undefined): boolean {
  if (!text) return false;
  return PATTERNS.some((p) => p.test(text));
}

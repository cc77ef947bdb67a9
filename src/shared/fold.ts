/**
 * The folded form of a name or a constituency, for matching and searching: case, accents, œ/æ,
 * em/en dashes and hyphens, curly and straight apostrophes, and every kind of space are folded, so
 * that "chateauguay lacolle" finds "Châteauguay—Lacolle". What is stored and shown stays as written.
 */
export function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4']/g, '')
    .replace(/[\u2010-\u2015\u2212\-–—_/.,;:()"«»\u201c\u201d]/g, ' ')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

/** The words of a search, folded, for `search_text LIKE '%word%'` on each. */
export function searchTerms(query: string): string[] {
  return fold(query).split(' ').filter(Boolean).slice(0, 8);
}

/** Escapes LIKE's wildcards so that a user's % or _ matches itself. */
export function likeEscape(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Our own tokenizer for `q`: words of letters and digits only, so nothing a customer types can reach
 * the database as a full-text operator (`+ - " * @ ~ < > ( )` are separators here).
 */

/** Words InnoDB ignores (its default stopword list, 3+ letters): dropped so both dialects agree. */
const INNODB_STOPWORDS = new Set([
  'about',
  'are',
  'com',
  'for',
  'from',
  'how',
  'that',
  'the',
  'this',
  'was',
  'what',
  'when',
  'where',
  'who',
  'will',
  'with',
  'und',
  'www',
]);

/** InnoDB's innodb_ft_min_token_size: shorter words are not indexed, so they could never match. */
export const MIN_TERM_LENGTH = 3;
/** Bounds the query's cost however long `q` is. */
export const MAX_TERMS = 8;
/** InnoDB's innodb_ft_max_token_size: longer words are not indexed. */
const MAX_TERM_LENGTH = 84;

/** 'Stainless-steel   MUG!' → ['stainless', 'steel', 'mug']. An empty result means "matches nothing". */
export function searchTerms(q: string): string[] {
  const words =
    q
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    const length = [...word].length;
    if (length < MIN_TERM_LENGTH || length > MAX_TERM_LENGTH || INNODB_STOPWORDS.has(word)) continue;
    if (!terms.includes(word)) terms.push(word);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

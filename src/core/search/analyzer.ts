import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { LANGUAGES, type Language, type LocalizedText } from '../shared/language.js';

/**
 * The one text analyser of Schakel's search, used for indexing and for queries on both
 * databases, so SQLite and PostgreSQL find the same obstacles (docs/decisions/0004-search.md).
 *
 * A word is indexed twice: as written (lower case, accents removed) and as its Snowball stem in
 * the language of the text it stands in (stemmed with its accents, then accents removed, because
 * the stemmers are written for accented text). A query word matches any of: the word as written,
 * or its stem in any of the four languages — a reader need not say which language they search in.
 */
const STEMMERS: Record<Language, (word: string) => string> = { nl: dutch, fr: french, de: german, en: english };

/** At most this many words of a query count; the rest are ignored. */
export const MAX_QUERY_TERMS = 12;
const MAX_WORD_LENGTH = 60;

const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

export function removeAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** The words of a text, lower case, with their accents (for the stemmers). */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(WORD);
  if (!found) return [];
  return found.filter((word) => word.length <= MAX_WORD_LENGTH);
}

function safeStem(language: Language, word: string): string {
  // Numbers and single letters have no stem; the stemmers are total functions on strings.
  if (word.length < 3 || /^\p{N}+$/u.test(word)) return word;
  return STEMMERS[language](word);
}

/** The shadow text that the full-text index holds for one text in one language. */
export function analyzeForIndex(text: string, language: Language): string {
  const out: string[] = [];
  for (const word of words(text)) {
    const plain = removeAccents(word);
    const stem = removeAccents(safeStem(language, word));
    out.push(plain);
    if (stem !== plain) out.push(stem);
  }
  return out.join(' ');
}

/** The shadow text of a field written in several languages. */
export function analyzeLocalized(text: LocalizedText | undefined): string {
  if (!text) return '';
  const parts: string[] = [];
  for (const language of LANGUAGES) {
    const value = text[language];
    if (value) parts.push(analyzeForIndex(value, language));
  }
  return parts.join(' ');
}

/**
 * The terms of a query: each is the set of index words that may stand for one word the reader
 * typed. All terms must match (AND); any variant of a term may (OR).
 */
export function analyzeQuery(query: string): string[][] {
  const terms: string[][] = [];
  const seen = new Set<string>();
  for (const word of words(query)) {
    const plain = removeAccents(word);
    if (seen.has(plain)) continue;
    seen.add(plain);
    const variants = new Set<string>([plain]);
    for (const language of LANGUAGES) {
      variants.add(removeAccents(safeStem(language, word)));
      variants.add(removeAccents(safeStem(language, plain)));
    }
    terms.push([...variants].filter((v) => v.length > 0).sort());
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  return terms;
}

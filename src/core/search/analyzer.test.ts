import { describe, expect, it } from 'vitest';
import { analyzeForIndex, analyzeLocalized, analyzeQuery, MAX_QUERY_TERMS, removeAccents, words } from './analyzer.js';

/** The index words of a text, as a set. */
function indexed(text: string, language: Parameters<typeof analyzeForIndex>[1]): Set<string> {
  return new Set(analyzeForIndex(text, language).split(' ').filter(Boolean));
}

/** Whether a query would match a text indexed in a language: every term has a variant in the index. */
function matches(query: string, text: string, language: Parameters<typeof analyzeForIndex>[1]): boolean {
  const index = indexed(text, language);
  const terms = analyzeQuery(query);
  return terms.length > 0 && terms.every((variants) => variants.some((v) => index.has(v)));
}

describe('removeAccents and words', () => {
  it('removes combining marks and keeps the letters', () => {
    expect(removeAccents('Été à Liège, naïve façade, Grenzgänger, frontalières')).toBe(
      'Ete a Liege, naive facade, Grenzganger, frontalieres',
    );
  });

  it('splits on anything but letters and digits, in lower case', () => {
    expect(words('Grens-arbeiders, (NL/BE) 2026!')).toEqual(['grens', 'arbeiders', 'nl', 'be', '2026']);
    expect(words('...!?')).toEqual([]);
    expect(words('')).toEqual([]);
  });

  it('drops words longer than 60 characters', () => {
    expect(words(`kort ${'x'.repeat(61)} ${'y'.repeat(60)}`)).toEqual(['kort', 'y'.repeat(60)]);
  });
});

describe('analyzeForIndex', () => {
  it('indexes each word as written and as its stem in the language of the text', () => {
    expect(analyzeForIndex('Grensarbeiders verliezen ziekteverzekeringen', 'nl')).toBe(
      'grensarbeiders grensarbeider verliezen verliez ziekteverzekeringen ziekteverzeker',
    );
    expect(indexed('Die Krankenversicherungen der Grenzgängern', 'de')).toEqual(
      new Set(['die', 'krankenversicherungen', 'krankenversicher', 'der', 'grenzgangern', 'grenzgang']),
    );
    expect(indexed('The cross-border workers', 'en')).toEqual(new Set(['the', 'cross', 'border', 'workers', 'worker']));
  });

  it('removes accents from the words and from their stems', () => {
    const index = indexed('Les travailleuses frontalières à Liège', 'fr');
    expect(index).toContain('frontalieres');
    expect(index).toContain('liege');
    for (const word of index) expect(word).toBe(removeAccents(word));
    expect(indexed('Grenzgänger', 'de')).toEqual(new Set(['grenzganger', 'grenzgang']));
  });

  it('stems with the accents still on (the stemmers are written for accented text)', () => {
    // "frontalières" stemmed as French with its accent gives "frontali", like "frontalier".
    expect(indexed('frontalières', 'fr')).toContain('frontali');
    expect(indexed('frontalier', 'fr')).toContain('frontali');
  });

  it('writes a word once when its stem is the word itself', () => {
    expect(analyzeForIndex('kind', 'nl')).toBe('kind');
    expect(analyzeForIndex('werk', 'nl')).toBe('werk');
  });

  it('leaves numbers and words of one or two letters unstemmed', () => {
    expect(analyzeForIndex('GB-2026-0042 3RX a be', 'nl')).toBe('gb 2026 0042 3rx a be');
  });

  it('gives an empty string for a text without words', () => {
    expect(analyzeForIndex('', 'nl')).toBe('');
    expect(analyzeForIndex(' -- !! ', 'de')).toBe('');
  });

  it('stems each language of a localized text with its own stemmer', () => {
    expect(analyzeLocalized({ nl: 'grensarbeiders', en: 'workers' })).toBe('grensarbeiders grensarbeider workers worker');
    expect(analyzeLocalized(undefined)).toBe('');
    expect(analyzeLocalized({ nl: '' })).toBe('');
  });
});

describe('analyzeQuery', () => {
  it('gives one term per word, each with the plain word and its stems in all four languages', () => {
    expect(analyzeQuery('grensarbeider')).toEqual([['grensarbeid', 'grensarbeider']]);
    expect(analyzeQuery('workers')).toEqual([['work', 'worker', 'workers']]);
    const [term] = analyzeQuery('Krankenversicherung');
    expect(term).toContain('krankenversicherung');
    expect(term).toContain('krankenversicher');
  });

  it('sorts the variants of a term', () => {
    for (const term of analyzeQuery('frontaliers Grenzgänger ziekteverzekering')) expect(term).toEqual([...term].sort());
  });

  it('removes accents from the query words and their stems', () => {
    expect(analyzeQuery('Grenzgänger')).toEqual(analyzeQuery('Grenzganger'));
    expect(analyzeQuery('frontalières')).toEqual(analyzeQuery('frontalieres'));
    for (const variant of analyzeQuery('Liège Été frontalières').flat()) expect(variant).toBe(removeAccents(variant));
  });

  it('drops repeated words, also when they differ only in case or accents', () => {
    expect(analyzeQuery('Liège liege LIÈGE')).toEqual([['lieg', 'liege']]);
    expect(analyzeQuery('werk werk kind werk')).toHaveLength(2);
  });

  it('keeps no duplicate variants within a term', () => {
    for (const term of analyzeQuery('grensarbeiders frontaliers Grenzgängern workers')) {
      expect(new Set(term).size).toBe(term.length);
    }
  });

  it('gives no terms for a query of only punctuation or spaces', () => {
    expect(analyzeQuery('')).toEqual([]);
    expect(analyzeQuery('   ')).toEqual([]);
    expect(analyzeQuery('!!! ... --- ?')).toEqual([]);
  });

  it(`keeps at most MAX_QUERY_TERMS (${MAX_QUERY_TERMS}) terms, the first ones`, () => {
    expect(MAX_QUERY_TERMS).toBe(12);
    const many = Array.from({ length: 20 }, (_, i) => `woord${i}`);
    const terms = analyzeQuery(many.join(' '));
    expect(terms).toHaveLength(MAX_QUERY_TERMS);
    expect(terms.map((t) => t[0])).toEqual(many.slice(0, MAX_QUERY_TERMS));
  });

  it('counts repeated words once towards MAX_QUERY_TERMS', () => {
    const query = `${'dubbel '.repeat(30)}${Array.from({ length: 11 }, (_, i) => `w${i}x`).join(' ')}`;
    expect(analyzeQuery(query)).toHaveLength(12);
  });
});

describe('index and query together (the examples of the search issue)', () => {
  it.each([
    ['grensarbeider', 'Grensarbeiders verliezen kinderbijslag', 'nl'],
    ['Grenzgänger', 'Steuern von Grenzgängern', 'de'],
    ['frontaliers', 'Le travailleur frontalier', 'fr'],
    ['ziekteverzekering', 'Twee ziekteverzekeringen', 'nl'],
    ['frontalieres', 'Les travailleuses frontalières', 'fr'],
    ['frontalières', 'Les travailleuses frontalieres', 'fr'],
    ['Grenzganger', 'Der Grenzgänger', 'de'],
    ['workers', 'A cross-border worker', 'en'],
    ['grensarbeider kinderbijslag', 'Grensarbeiders verliezen kinderbijslag', 'nl'],
  ] as const)('q=%j finds %j', (query, text, language) => {
    expect(matches(query, text, language)).toBe(true);
  });

  it.each([
    ['grensarbeider pensioen', 'Grensarbeiders verliezen kinderbijslag', 'nl'],
    ['belasting', 'Grensarbeiders verliezen kinderbijslag', 'nl'],
    ['!!!', 'Grensarbeiders verliezen kinderbijslag', 'nl'],
  ] as const)('q=%j does not find %j', (query, text, language) => {
    expect(matches(query, text, language)).toBe(false);
  });
});

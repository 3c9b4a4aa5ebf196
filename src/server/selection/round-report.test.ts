import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../core/obstacles/ports.js';
import {
  DEFAULT_CRITERIA,
  type RoundCandidate,
  type SelectionRound,
  type SelectionSolution,
} from '../../core/selection-rounds/round.js';
import type { Language } from '../../core/shared/language.js';
import { roundReportDocx } from './round-report.js';

const round: SelectionRound = {
  id: 'r',
  name: 'Ronde 2027',
  segment: 'nl-vl',
  periodStart: '2027-01-01',
  periodEnd: '2027-12-31',
  capacity: 1,
  effortBudget: null,
  criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
  aggregation: 'median',
  partners: ['nl-li'],
  scoringDeadline: '2027-01-01',
  status: 'solved',
  rules: {
    sideShare: [{ side: 'NL', minPercent: 40, maxPercent: 60 }],
    maxPerTheme: { taxation: 2 },
    maxPerDepartment: 3,
    minPerSubRegion: 1,
    exactCapacity: true,
  },
  approvedSolutionId: null,
  version: 3,
  createdAt: new Date(),
  createdBy: 'u',
  updatedAt: new Date(),
  updatedBy: 'u',
};

const candidate = (id: string): RoundCandidate => ({
  obstacleId: id,
  reference: `GB-${id}`,
  title: { nl: `Kandidaat ${id}` },
  sourceLanguage: 'nl',
  status: 'proposed',
  themes: ['taxation'],
  effort: 1,
  side: 'NL',
  subRegion: 'NL-LI',
  leadDepartment: 'nl-fin',
  must: null,
  position: 1,
  addedAt: new Date(),
  addedBy: 'u',
});

const solution: SelectionSolution = {
  id: 's',
  roundId: 'r',
  status: 'optimal',
  failure: null,
  objective: 4,
  gap: 0,
  bound: 4,
  selected: ['a'],
  explanations: [
    { id: 'a', selected: true, kept: false },
    {
      id: 'b',
      selected: false,
      excluded: false,
      blockedBy: [{ rule: 'capacity' }, { rule: 'maxPerTheme', key: 'taxation' }, { rule: 'maxPerDepartment', key: 'nl-fin' }],
      neededScore: 4.5,
      method: 'swap',
      swapWith: 'a',
      canEnter: true,
    },
  ],
  conflicts: null,
  comparison: null,
  params: { criteria: [], aggregation: 'median', rules: {}, timeLimitMs: 1000, relativeGap: 0, scores: {} },
  ms: 5,
  createdAt: new Date(),
  createdBy: 'u',
  finishedAt: new Date(),
};

const catalogue = {
  themes: [{ key: 'taxation', label: { nl: 'Belastingen', fr: 'Fiscalité', de: 'Steuern', en: 'Taxation' }, inSeed: true }],
  governments: [],
  segments: [{ key: 'nl-vl', name: { nl: 'Vlaanderen–Nederland', fr: 'Flandre–Pays-Bas' }, sides: [] }],
  organisations: [
    { key: 'nl-li', name: 'Provincie Limburg', government: 'nl', kind: 'partner' },
    { key: 'nl-fin', name: 'Ministerie van Financiën', government: 'nl', kind: 'department' },
  ],
} as Catalogue;

/** The text of the document (its runs, in order), as a reader sees it. */
async function reportText(language: Language): Promise<string> {
  const file = await roundReportDocx({
    round,
    candidates: [candidate('a'), candidate('b')],
    solutions: [solution],
    amendments: [],
    aggregated: [],
    language,
    catalogue,
  });
  const xml = await (await JSZip.loadAsync(file)).file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('the round report (.docx)', () => {
  it('names the rules, their keys, statuses and the aggregation in the reader’s language (nl)', async () => {
    const text = await reportText('nl');
    for (const expected of [
      'Aandeel per kant van de grens: NL: 40–60 %',
      'Maximum per thema: Belastingen: 2',
      'Maximum per trekkend departement: 3',
      'Minimum per deelregio: 1',
      'Capaciteit precies vullen: ja',
      'Aggregatie: mediaan',
      'Status: voorstel berekend',
      'Status: optimaal',
      'Grenssegment: Vlaanderen–Nederland',
      'Partners: Provincie Limburg',
      'begrensd door Capaciteit, Maximum per thema (Belastingen), Maximum per trekkend departement (Ministerie van Financiën)',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('and in French, with no model key left', async () => {
    const text = await reportText('fr');
    for (const expected of [
      'Part de chaque côté de la frontière: NL: 40–60 %',
      'Maximum par thème: Fiscalité: 2',
      'Remplir exactement la capacité: oui',
      'médiane',
      'proposition calculée',
      'Flandre–Pays-Bas',
      'Capacité, Maximum par thème (Fiscalité), Maximum par département pilote (Ministerie van Financiën)',
    ]) {
      expect(text).toContain(expected);
    }
    for (const key of [
      'sideShare',
      'maxPerTheme',
      'maxPerDepartment',
      'minPerSubRegion',
      'exactCapacity',
      'capacity',
      'median',
      'solved',
      '{',
    ]) {
      expect(text).not.toContain(key);
    }
  });
});

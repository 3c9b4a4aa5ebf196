import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../obstacles/ports.js';
import type { CompetenceCell, ObstacleRouting } from './ports.js';
import { nextCandidates, proposeRouting } from './proposal.js';

// The real matrix and segments of the reference data, as the database is seeded with them.
const matrix = JSON.parse(readFileSync(new URL('../../../reference-data/competence-matrix.json', import.meta.url), 'utf8'))
  .matrix as Record<string, Record<string, { lead: string; involved: string[] }>>;
const organisations = JSON.parse(
  readFileSync(new URL('../../../reference-data/organisations.json', import.meta.url), 'utf8'),
) as { segments: Segment[]; organisations: { key: string; government: string | null }[] };

const CELLS: CompetenceCell[] = Object.entries(matrix).flatMap(([theme, perGovernment]) =>
  Object.entries(perGovernment).map(([government, entry]) => ({
    theme,
    government,
    lead: entry.lead,
    involved: entry.involved,
    version: 1,
    updatedAt: null,
    updatedBy: null,
  })),
);

function segment(key: string): Segment {
  const found = organisations.segments.find((s) => s.key === key);
  if (!found) throw new Error(`no segment ${key}`);
  return found;
}

const governmentOf = (key: string) => organisations.organisations.find((o) => o.key === key)?.government ?? null;

function routing(organisation: string, role: 'lead' | 'involved', extra: Partial<ObstacleRouting> = {}): ObstacleRouting {
  return {
    id: organisation,
    obstacleId: 'o',
    organisation,
    role,
    routedAt: new Date('2027-01-04T09:00:00Z'),
    routedBy: 'u',
    endedAt: null,
    round: 1,
    acknowledgement: 'pending',
    due: null,
    respondedAt: null,
    respondedBy: null,
    respondedAs: null,
    declineReason: null,
    responseDue: null,
    ...extra,
  };
}

describe('the routing the competence matrix proposes', () => {
  it('cross-border work on nl-vl: NL SZW lead + Finance involved, Flemish WSE lead, Belgian WASO lead + SZ and Finance involved', () => {
    const proposal = proposeRouting({ themes: ['cross_border_work'], segment: segment('nl-vl'), cells: CELLS });
    expect(proposal.governments).toEqual(['nl', 'vl', 'be']);
    expect(proposal.departments.map((d) => [d.organisation, d.government, d.role])).toEqual([
      ['nl-szw', 'nl', 'lead'],
      ['nl-fin', 'nl', 'involved'],
      ['vl-wse', 'vl', 'lead'],
      ['be-waso', 'be', 'lead'],
      ['be-sz', 'be', 'involved'],
      ['be-fin', 'be', 'involved'],
    ]);
    expect(proposal.departments[0]?.reasons).toEqual([{ theme: 'cross_border_work', government: 'nl', matrixRole: 'lead' }]);
    expect(proposal.uncovered).toEqual([]);
    expect(proposal.notNamed).toEqual([]);
  });

  it('merges a department named for two themes, lead winning, with both reasons', () => {
    const proposal = proposeRouting({ themes: ['cross_border_work', 'taxation'], segment: segment('nl-vl'), cells: CELLS });
    const fin = proposal.departments.find((d) => d.organisation === 'nl-fin');
    expect(fin?.role).toBe('lead');
    expect(fin?.reasons).toEqual([
      { theme: 'cross_border_work', government: 'nl', matrixRole: 'involved' },
      { theme: 'taxation', government: 'nl', matrixRole: 'lead' },
    ]);
    const beFin = proposal.departments.find((d) => d.organisation === 'be-fin');
    expect(beFin?.role).toBe('lead');
    expect(proposal.departments.filter((d) => d.organisation === 'nl-fin')).toHaveLength(1);
  });

  it('names the Belgian federal level only where the matrix does; other governments without an entry are uncovered', () => {
    const nitrogen = proposeRouting({ themes: ['nitrogen'], segment: segment('nl-vl'), cells: CELLS });
    expect(nitrogen.departments.map((d) => d.organisation)).toEqual(['nl-lvvn', 'nl-ienw', 'vl-omgeving']);
    expect(nitrogen.notNamed).toEqual(['be']);
    expect(nitrogen.uncovered).toEqual([]);
    const onGerman = proposeRouting({ themes: ['nitrogen'], segment: segment('nl-nw'), cells: CELLS });
    expect(onGerman.uncovered).toEqual(['de-nw', 'de']);
  });

  it('uses the matrix as edited, not as seeded', () => {
    const edited = CELLS.map((c) =>
      c.theme === 'cross_border_work' && c.government === 'vl' ? { ...c, lead: 'vl-ewi', involved: ['vl-wse'] } : c,
    );
    const proposal = proposeRouting({ themes: ['cross_border_work'], segment: segment('nl-vl'), cells: edited });
    expect(proposal.departments.filter((d) => d.government === 'vl').map((d) => [d.organisation, d.role])).toEqual([
      ['vl-ewi', 'lead'],
      ['vl-wse', 'involved'],
    ]);
  });
});

describe('the next candidate after a decline', () => {
  const proposal = proposeRouting({ themes: ['cross_border_work'], segment: segment('nl-vl'), cells: CELLS });

  it('proposes the next department of a government whose routed departments all declined', () => {
    const routings = [
      routing('nl-szw', 'lead', { acknowledgement: 'accepted' }),
      routing('be-waso', 'lead', { acknowledgement: 'declined', declineReason: 'Niet bevoegd', endedAt: new Date() }),
    ];
    const next = nextCandidates({ proposal, routings, governmentOf });
    expect(next).toEqual([
      {
        government: 'be',
        declined: [{ organisation: 'be-waso', reason: 'Niet bevoegd' }],
        candidate: expect.objectContaining({ organisation: 'be-sz', role: 'involved' }),
      },
    ]);
  });

  it('proposes it as lead when no lead holds; none while a department of the government still holds', () => {
    const routings = [
      routing('vl-wse', 'lead', { acknowledgement: 'declined', declineReason: 'Elders', endedAt: new Date() }),
      routing('nl-fin', 'involved'),
    ];
    expect(nextCandidates({ proposal, routings, governmentOf })).toEqual([
      { government: 'vl', declined: [{ organisation: 'vl-wse', reason: 'Elders' }], candidate: null },
    ]);
    const be = [
      routing('be-waso', 'lead', { acknowledgement: 'declined', declineReason: 'Nee', endedAt: new Date() }),
      routing('be-sz', 'involved'),
    ];
    expect(nextCandidates({ proposal, routings: be, governmentOf })).toEqual([]);
    const beAll = [
      routing('be-waso', 'lead', { acknowledgement: 'declined', declineReason: 'Nee', endedAt: new Date() }),
      routing('be-sz', 'involved', { acknowledgement: 'declined', declineReason: 'Nee', endedAt: new Date() }),
    ];
    expect(nextCandidates({ proposal, routings: beAll, governmentOf })[0]?.candidate).toMatchObject({
      organisation: 'be-fin',
      role: 'lead',
    });
  });

  it('looks at the current round only', () => {
    const routings = [
      routing('be-waso', 'lead', { acknowledgement: 'declined', declineReason: 'Oud', endedAt: new Date(), round: 1 }),
      routing('be-waso', 'lead', { round: 2 }),
    ];
    expect(nextCandidates({ proposal, routings, governmentOf })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ObstacleStatus, ObstacleSummary } from '../obstacles/obstacle.js';
import type { Catalogue } from '../obstacles/ports.js';
import { bodyCovers, monthsBefore, proposeAgenda, type SegmentSides } from './governance.js';
import { checkDecision, decisionMoves } from './record-decision.js';

const SEGMENTS: SegmentSides[] = [
  { key: 'nl-vl', sides: [{ governments: ['nl'] }, { governments: ['vl', 'be'] }] },
  { key: 'nl-nw', sides: [{ governments: ['nl'] }, { governments: ['de-nw', 'de'] }] },
];

let seq = 0;
function obstacle(status: ObstacleStatus, updatedOn: string, segment = 'nl-vl', governments = ['nl', 'vl']): ObstacleSummary {
  seq += 1;
  return {
    id: `id-${seq}`,
    reference: `GB-2026-${String(seq).padStart(4, '0')}`,
    title: { nl: `Belemmering ${seq}` },
    summary: { nl: 'Samenvatting' },
    sourceLanguage: 'nl',
    status,
    visibility: 'partners',
    version: 1,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    updatedAt: new Date(`${updatedOn}T12:00:00Z`),
    segment,
    governments,
    themes: ['taxation'],
    type: 'legal',
    reportedOn: '2025-01-01',
    clarificationDue: '2025-03-01',
    reporter: { type: 'citizen' },
  };
}

describe('bodyCovers: a body decides on an obstacle when it represents a concerned government on every side', () => {
  it.each([
    [['nl', 'vl'], 'nl-vl', ['nl', 'vl'], true],
    [['nl', 'vl'], 'nl-vl', ['nl', 'vl', 'be'], true],
    // Only the Belgian federal government concerned on the Belgian side: not for the Flemish-Dutch bodies.
    [['nl', 'vl'], 'nl-vl', ['nl', 'be'], false],
    [['nl', 'be', 'vl', 'benelux'], 'nl-vl', ['nl', 'be'], true],
    [['nl', 'vl'], 'nl-nw', ['nl', 'de-nw'], false],
    [['nl', 'de-nw'], 'nl-nw', ['nl', 'de-nw'], true],
    // Only one side concerned: no body of both sides covers it.
    [['nl', 'de-nw'], 'nl-nw', ['nl'], false],
    // A segment not in the catalogue: covered when the body represents all its governments.
    [['nl', 'de-nw'], 'elsewhere', ['nl', 'de-nw'], true],
    [['nl'], 'elsewhere', ['nl', 'de-nw'], false],
  ] as const)('body %j, segment %s, governments %j → %s', (bodyGovernments, segment, governments, covered) => {
    expect(bodyCovers({ governments: [...bodyGovernments] }, { segment, governments: [...governments] }, SEGMENTS)).toBe(covered);
  });
});

describe('monthsBefore', () => {
  it.each([
    ['2026-12-10', 6, '2026-06-10'],
    ['2026-08-31', 6, '2026-02-28'],
    ['2026-03-15', 6, '2025-09-15'],
  ])('%s minus %i months is %s', (date, months, expected) => {
    expect(monthsBefore(date, months)).toBe(expected);
  });
});

describe('proposeAgenda', () => {
  const body = { governments: ['nl', 'vl'] };
  const meetingDate = '2026-12-10';

  it('proposes routed obstacles of the body, oldest first, then cold monitoring cases; leaves out the rest', () => {
    const recentRouted = obstacle('routed', '2026-11-20');
    const olderRouted = obstacle('routed', '2026-09-01');
    const coldRouted = obstacle('routed', '2026-01-05');
    const coldMonitoring = obstacle('monitoring_list', '2026-05-01');
    const warmMonitoring = obstacle('monitoring_list', '2026-07-01');
    const otherBody = obstacle('routed', '2026-08-01', 'nl-nw', ['nl', 'de-nw']);
    const decided = obstacle('in_progress', '2025-01-01');
    const onAgenda = obstacle('routed', '2026-02-01');
    const items = proposeAgenda({
      body,
      meetingDate,
      candidates: [recentRouted, warmMonitoring, otherBody, coldMonitoring, olderRouted, decided, coldRouted, onAgenda],
      segments: SEGMENTS,
      onAgenda: new Set([onAgenda.id]),
    });
    expect(items.map((i) => [i.obstacle.id, i.reason])).toEqual([
      [coldRouted.id, 'cold_case'],
      [olderRouted.id, 'awaiting_decision'],
      [recentRouted.id, 'awaiting_decision'],
      [coldMonitoring.id, 'cold_case'],
    ]);
  });

  it('puts obstacles escalated to the political level for the body first (even one it does not cover), each once, not those already on the agenda', () => {
    const routed = obstacle('routed', '2026-09-01');
    const escalatedDecided = obstacle('in_progress', '2026-10-01');
    const escalatedElsewhere = obstacle('decided', '2026-10-01', 'nl-nw', ['nl', 'de-nw']);
    const escalatedRouted = obstacle('routed', '2026-08-01');
    const escalatedOnAgenda = obstacle('in_progress', '2026-10-01');
    const items = proposeAgenda({
      body,
      meetingDate,
      candidates: [routed, escalatedRouted],
      escalated: [escalatedDecided, escalatedElsewhere, escalatedRouted, escalatedDecided, escalatedOnAgenda],
      segments: SEGMENTS,
      onAgenda: new Set([escalatedOnAgenda.id]),
    });
    expect(items.map((i) => [i.obstacle.id, i.reason])).toEqual([
      [escalatedDecided.id, 'escalated'],
      [escalatedElsewhere.id, 'escalated'],
      [escalatedRouted.id, 'escalated'],
      [routed.id, 'awaiting_decision'],
    ]);
  });

  it('counts the six months back from the meeting date, not from today', () => {
    const monitoring = obstacle('monitoring_list', '2026-06-09');
    const justWarm = obstacle('monitoring_list', '2026-06-10');
    const items = proposeAgenda({ body, meetingDate, candidates: [monitoring, justWarm], segments: SEGMENTS });
    expect(items.map((i) => i.obstacle.id)).toEqual([monitoring.id]);
    expect(proposeAgenda({ body, meetingDate: '2026-12-09', candidates: [monitoring], segments: SEGMENTS })).toEqual([]);
  });
});

const CATALOGUE: Catalogue = {
  themes: [],
  governments: ['nl', 'vl', 'be'].map((key) => ({
    key,
    name: key,
    label: { nl: key, fr: key, de: key, en: key },
    country: 'NL',
    level: 'national',
    kind: 'government',
  })),
  segments: [],
  organisations: [
    { key: 'nl-fin', name: 'Financiën', government: 'nl', kind: 'department' },
    { key: 'nl-li', name: 'Limburg', government: null, kind: 'region' },
  ],
};

describe('checkDecision', () => {
  const valid = { type: 'administrative_change' as const, text: { nl: 'Besloten.' }, sourceLanguage: 'nl' as const };

  it('accepts a complete decision', () => {
    expect(
      checkDecision(
        {
          ...valid,
          politicalOwners: [
            { government: 'nl', name: 'Minister' },
            { government: 'vl', office: 'Viceminister-president' },
          ],
          departments: ['nl-fin'],
          decidedOn: '2026-12-10',
          dueOn: '2027-06-30',
        },
        CATALOGUE,
        'create',
      ),
    ).toEqual([]);
  });

  it.each(['not_to_be_solved', 'deferred'] as const)('requires reasons for %s', (type) => {
    expect(checkDecision({ ...valid, type }, CATALOGUE, 'create')).toEqual([{ name: 'reasons', code: 'required' }]);
    expect(checkDecision({ ...valid, type, reasons: { fr: '  ' } }, CATALOGUE, 'create')).toEqual(
      expect.arrayContaining([{ name: 'reasons', code: 'required' }]),
    );
    expect(checkDecision({ ...valid, type, reasons: { fr: 'Motif' } }, CATALOGUE, 'create')).toEqual([]);
    // A correction that leaves the reasons alone keeps them.
    expect(checkDecision({ type, conditions: { nl: 'x' } }, CATALOGUE, 'update')).toEqual([]);
  });

  it('names every wrong field at once', () => {
    const errors = checkDecision(
      {
        type: 'derogation',
        text: { nl: ' ' },
        politicalOwners: [{ government: 'atlantis', name: 'X' }, { government: 'nl' }, { government: 'nl', name: 'Y' }],
        departments: ['nl-li', 'nl-fin', 'nl-fin'],
        decidedOn: '2026-12-10',
        dueOn: '2026-12-01',
      },
      CATALOGUE,
      'create',
    );
    expect(errors.map((e) => `${e.name}:${e.code}`)).toEqual([
      'text:no_language',
      'politicalOwners.0.government:unknown_key',
      'politicalOwners.1.name:required',
      'politicalOwners.2.government:duplicate',
      'departments.0:unknown_key',
      'departments.2:duplicate',
      'dueOn:too_small',
    ]);
  });
});

describe('decisionMoves', () => {
  it('moves a decision to act into the work, a decision not to solve to unsolvable, a deferral nowhere', () => {
    expect(decisionMoves('legislative_change').map((m) => m.name)).toEqual(['decide', 'start_work']);
    expect(decisionMoves('not_to_be_solved').map((m) => m.to)).toEqual(['decided', 'unsolvable']);
    expect(decisionMoves('deferred')).toEqual([]);
  });
});

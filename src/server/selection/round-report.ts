import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Catalogue } from '../../core/obstacles/ports.js';
import type { AggregatedScore } from '../../core/selection/aggregate.js';
import type { Explanation } from '../../core/selection/explain.js';
import type { RuleFamily, SideShare } from '../../core/selection/model.js';
import type {
  BalanceRules,
  RoundCandidate,
  SelectionAmendment,
  SelectionRound,
  SelectionSolution,
} from '../../core/selection-rounds/round.js';
import { hasPortfolio } from '../../core/selection-rounds/round.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import { criterionLabel } from './selection-labels.js';

type Labels = Record<
  | 'title'
  | 'segment'
  | 'period'
  | 'capacity'
  | 'budget'
  | 'aggregation'
  | 'partners'
  | 'criteria'
  | 'weight'
  | 'rules'
  | 'noRules'
  | 'scores'
  | 'score'
  | 'spread'
  | 'portfolio'
  | 'status'
  | 'total'
  | 'explanations'
  | 'selected'
  | 'kept'
  | 'excluded'
  | 'blockedBy'
  | 'neededScore'
  | 'notWorth'
  | 'amendments'
  | 'none'
  | 'include'
  | 'exclude'
  | 'candidate',
  string
>;

const LABELS: Record<Language, Labels> = {
  nl: {
    title: 'Selectieronde',
    segment: 'Grenssegment',
    period: 'Periode',
    capacity: 'Capaciteit',
    budget: 'Inspanningsbudget',
    aggregation: 'Aggregatie',
    partners: 'Partners',
    criteria: 'Criteria en gewichten',
    weight: 'Gewicht',
    rules: 'Evenwichtsregels',
    noRules: 'Geen evenwichtsregels.',
    scores: 'Scores (geaggregeerd, met spreiding)',
    score: 'Score',
    spread: 'Spreiding (min–max)',
    portfolio: 'Portefeuille',
    status: 'Status',
    total: 'Totale score',
    explanations: 'Toelichting per kandidaat',
    selected: 'geselecteerd',
    kept: 'geselecteerd (moet blijven)',
    excluded: 'uitgesloten door een regel',
    blockedBy: 'niet geselecteerd; begrensd door',
    neededScore: 'nodige score',
    notWorth: 'niet geselecteerd: de score weegt niet op',
    amendments: 'Wijzigingen',
    none: 'Geen.',
    include: 'toegevoegd',
    exclude: 'geschrapt',
    candidate: 'Kandidaat',
  },
  fr: {
    title: 'Cycle de sélection',
    segment: 'Segment frontalier',
    period: 'Période',
    capacity: 'Capacité',
    budget: 'Budget d’effort',
    aggregation: 'Agrégation',
    partners: 'Partenaires',
    criteria: 'Critères et pondérations',
    weight: 'Poids',
    rules: 'Règles d’équilibre',
    noRules: 'Aucune règle d’équilibre.',
    scores: 'Notes (agrégées, avec dispersion)',
    score: 'Note',
    spread: 'Dispersion (min–max)',
    portfolio: 'Portefeuille',
    status: 'Statut',
    total: 'Note totale',
    explanations: 'Explication par candidat',
    selected: 'sélectionné',
    kept: 'sélectionné (à maintenir)',
    excluded: 'exclu par une règle',
    blockedBy: 'non sélectionné ; limité par',
    neededScore: 'note nécessaire',
    notWorth: 'non sélectionné : sa note ne suffit pas',
    amendments: 'Modifications',
    none: 'Aucune.',
    include: 'ajouté',
    exclude: 'retiré',
    candidate: 'Candidat',
  },
  de: {
    title: 'Auswahlrunde',
    segment: 'Grenzabschnitt',
    period: 'Zeitraum',
    capacity: 'Kapazität',
    budget: 'Aufwandsbudget',
    aggregation: 'Aggregation',
    partners: 'Partner',
    criteria: 'Kriterien und Gewichte',
    weight: 'Gewicht',
    rules: 'Ausgleichsregeln',
    noRules: 'Keine Ausgleichsregeln.',
    scores: 'Bewertungen (aggregiert, mit Streuung)',
    score: 'Bewertung',
    spread: 'Streuung (min–max)',
    portfolio: 'Portfolio',
    status: 'Status',
    total: 'Gesamtbewertung',
    explanations: 'Erläuterung je Kandidat',
    selected: 'ausgewählt',
    kept: 'ausgewählt (beizubehalten)',
    excluded: 'durch eine Regel ausgeschlossen',
    blockedBy: 'nicht ausgewählt; begrenzt durch',
    neededScore: 'nötige Bewertung',
    notWorth: 'nicht ausgewählt: die Bewertung reicht nicht',
    amendments: 'Änderungen',
    none: 'Keine.',
    include: 'aufgenommen',
    exclude: 'gestrichen',
    candidate: 'Kandidat',
  },
  en: {
    title: 'Selection round',
    segment: 'Border segment',
    period: 'Period',
    capacity: 'Capacity',
    budget: 'Effort budget',
    aggregation: 'Aggregation',
    partners: 'Partners',
    criteria: 'Criteria and weights',
    weight: 'Weight',
    rules: 'Balance rules',
    noRules: 'No balance rules.',
    scores: 'Scores (aggregated, with spread)',
    score: 'Score',
    spread: 'Spread (min–max)',
    portfolio: 'Portfolio',
    status: 'Status',
    total: 'Total score',
    explanations: 'Explanation per candidate',
    selected: 'selected',
    kept: 'selected (to keep)',
    excluded: 'left out by a rule',
    blockedBy: 'not selected; held back by',
    neededScore: 'score needed',
    notWorth: 'not selected: its score does not pay for it',
    amendments: 'Amendments',
    none: 'None.',
    include: 'included',
    exclude: 'excluded',
    candidate: 'Candidate',
  },
};

/** The rule families and rules of a round, as readers read them (not the model's keys). */
const RULE_NAMES: Record<RuleFamily | 'exactCapacity', Record<Language, string>> = {
  capacity: { nl: 'Capaciteit', fr: 'Capacité', de: 'Kapazität', en: 'Capacity' },
  effortBudget: { nl: 'Inspanningsbudget', fr: 'Budget d’effort', de: 'Aufwandsbudget', en: 'Effort budget' },
  sideShare: {
    nl: 'Aandeel per kant van de grens',
    fr: 'Part de chaque côté de la frontière',
    de: 'Anteil je Seite der Grenze',
    en: 'Share per side of the border',
  },
  maxPerTheme: { nl: 'Maximum per thema', fr: 'Maximum par thème', de: 'Höchstzahl je Thema', en: 'Maximum per theme' },
  maxPerDepartment: {
    nl: 'Maximum per trekkend departement',
    fr: 'Maximum par département pilote',
    de: 'Höchstzahl je federführendem Ressort',
    en: 'Maximum per lead department',
  },
  minPerSubRegion: {
    nl: 'Minimum per deelregio',
    fr: 'Minimum par sous-région',
    de: 'Mindestzahl je Teilregion',
    en: 'Minimum per sub-region',
  },
  keep: { nl: 'Moet blijven', fr: 'À conserver', de: 'Muss bleiben', en: 'Must be kept' },
  exclude: { nl: 'Uitgesloten', fr: 'Exclu', de: 'Ausgeschlossen', en: 'Left out' },
  exactCapacity: {
    nl: 'Capaciteit precies vullen',
    fr: 'Remplir exactement la capacité',
    de: 'Kapazität genau ausschöpfen',
    en: 'Fill the capacity exactly',
  },
};

const ROUND_STATUS_NAMES: Record<SelectionRound['status'], Record<Language, string>> = {
  draft: { nl: 'concept', fr: 'brouillon', de: 'Entwurf', en: 'draft' },
  scoring: { nl: 'scoren', fr: 'notation', de: 'Bewertung', en: 'scoring' },
  solved: { nl: 'voorstel berekend', fr: 'proposition calculée', de: 'Vorschlag berechnet', en: 'solved' },
  approved: { nl: 'goedgekeurd', fr: 'approuvé', de: 'genehmigt', en: 'approved' },
};

const SOLUTION_STATUS_NAMES: Record<SelectionSolution['status'], Record<Language, string>> = {
  running: { nl: 'bezig', fr: 'en cours', de: 'läuft', en: 'running' },
  optimal: { nl: 'optimaal', fr: 'optimal', de: 'optimal', en: 'optimal' },
  feasible: {
    nl: 'binnen de tolerantie',
    fr: 'dans la tolérance',
    de: 'innerhalb der Toleranz',
    en: 'within the tolerance',
  },
  time_limit: { nl: 'tijdslimiet bereikt', fr: 'limite de temps atteinte', de: 'Zeitlimit erreicht', en: 'time limit reached' },
  infeasible: {
    nl: 'regels niet te verenigen',
    fr: 'règles incompatibles',
    de: 'Regeln nicht vereinbar',
    en: 'rules cannot all hold',
  },
  cancelled: { nl: 'geannuleerd', fr: 'annulé', de: 'abgebrochen', en: 'cancelled' },
  failed: { nl: 'mislukt', fr: 'échoué', de: 'fehlgeschlagen', en: 'failed' },
};

const AGGREGATION_NAMES: Record<SelectionRound['aggregation'], Record<Language, string>> = {
  mean: { nl: 'gewogen gemiddelde', fr: 'moyenne pondérée', de: 'gewichteter Mittelwert', en: 'weighted mean' },
  median: { nl: 'mediaan', fr: 'médiane', de: 'Median', en: 'median' },
};

const YES_NO: Record<Language, [string, string]> = {
  nl: ['ja', 'nee'],
  fr: ['oui', 'non'],
  de: ['ja', 'nein'],
  en: ['yes', 'no'],
};

/** Names of the keys a rule names (themes, organisations, segments), from the catalogue; the key when unknown. */
interface Names {
  theme(key: string): string;
  organisation(key: string): string;
  segment(key: string): string;
}

function namesFrom(catalogue: Catalogue | undefined, language: Language): Names {
  const themes = new Map(catalogue?.themes.map((t) => [t.key, t.label[language]]) ?? []);
  const organisations = new Map(catalogue?.organisations.map((o) => [o.key, o.name]) ?? []);
  const segments = new Map(catalogue?.segments.map((s) => [s.key, s.name[language] ?? s.name.en ?? s.name.nl]) ?? []);
  return {
    theme: (key) => themes.get(key) ?? key,
    organisation: (key) => organisations.get(key) ?? key,
    segment: (key) => segments.get(key) ?? key,
  };
}

/** The name of what a per-key rule's key stands for (a theme, a department; sides and sub-regions are codes). */
function keyName(rule: RuleFamily, key: string, names: Names): string {
  if (rule === 'maxPerTheme') return names.theme(key);
  if (rule === 'maxPerDepartment') return names.organisation(key);
  return key;
}

/** A balance rule's value as a reader reads it. */
function ruleValue(rule: keyof BalanceRules, value: unknown, language: Language, names: Names): string {
  if (rule === 'exactCapacity') return value ? YES_NO[language][0] : YES_NO[language][1];
  if (rule === 'sideShare') {
    return (value as SideShare[]).map((s) => `${s.side}: ${s.minPercent ?? 0}–${s.maxPercent ?? 100} %`).join('; ');
  }
  if (typeof value === 'number') return String(value);
  return Object.entries(value as Record<string, number>)
    .map(([key, limit]) => `${keyName(rule, key, names)}: ${limit}`)
    .join('; ');
}

const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
const h = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const field = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: cells.map((text) => new TableCell({ children: [p(text, bold)] })) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

function explain(e: Explanation, labels: Labels, referenceOf: (id: string) => string, language: Language, names: Names): string {
  if (e.selected) return e.kept ? labels.kept : labels.selected;
  if (e.excluded) return labels.excluded;
  const blocked = e.blockedBy
    .map((b) => {
      const rule = RULE_NAMES[b.rule][language];
      return b.key ? `${rule} (${keyName(b.rule, b.key, names)})` : rule;
    })
    .join(', ');
  const needed =
    e.neededScore === null
      ? ''
      : `; ${labels.neededScore} > ${e.neededScore.toFixed(2)}${e.swapWith ? ` (↔ ${referenceOf(e.swapWith)})` : ''}`;
  return `${blocked ? `${labels.blockedBy} ${blocked}` : labels.notWorth}${needed}`;
}

/**
 * The report of a round (.docx) in one language: its set-up (criteria and weights, rules), the
 * aggregated scores with their spread, the portfolio (the approved solution, else the newest with a
 * portfolio) with every candidate's explanation, and the amendments with their reasons.
 */
export async function roundReportDocx(options: {
  round: SelectionRound;
  candidates: RoundCandidate[];
  solutions: SelectionSolution[];
  amendments: SelectionAmendment[];
  aggregated: AggregatedScore[];
  language: Language;
  /** Names of segments, partners, themes and departments (their keys without it). */
  catalogue?: Catalogue;
}): Promise<Buffer> {
  const { round, candidates, solutions, amendments, aggregated, language } = options;
  const labels = LABELS[language];
  const names = namesFrom(options.catalogue, language);
  const byId = new Map(candidates.map((c) => [c.obstacleId, c]));
  const referenceOf = (id: string) => byId.get(id)?.reference ?? id;
  const titleOf = (id: string) => {
    const c = byId.get(id);
    return c ? `${c.reference} — ${resolveText(c.title, language, c.sourceLanguage)?.value ?? ''}` : id;
  };
  const solution =
    solutions.find((s) => s.id === round.approvedSolutionId) ?? solutions.find((s) => hasPortfolio(s)) ?? undefined;
  const ruleEntries = (Object.entries(round.rules) as [keyof BalanceRules, unknown][]).filter(([, v]) => v !== undefined);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${labels.title} — ${round.name}`)] }),
    field(labels.segment, names.segment(round.segment)),
    field(labels.period, `${round.periodStart} – ${round.periodEnd}`),
    field(labels.capacity, round.capacity === null ? '—' : String(round.capacity)),
    field(labels.budget, round.effortBudget === null ? '—' : String(round.effortBudget)),
    field(labels.aggregation, AGGREGATION_NAMES[round.aggregation][language]),
    field(labels.partners, round.partners.map((key) => names.organisation(key)).join(', ')),
    field(labels.status, ROUND_STATUS_NAMES[round.status][language]),
    h(labels.criteria),
    table(
      [labels.criteria, labels.weight],
      round.criteria.map((c) => [criterionLabel(c.key, language), String(c.weight)]),
    ),
    h(labels.rules),
    ...(ruleEntries.length === 0
      ? [p(labels.noRules)]
      : ruleEntries.map(([k, v]) => field(RULE_NAMES[k][language], ruleValue(k, v, language, names)))),
    h(labels.scores),
    table(
      [labels.candidate, labels.score, ...round.criteria.map((c) => criterionLabel(c.key, language)), labels.spread],
      aggregated.map((a) => [
        titleOf(a.candidateId),
        a.score === null ? '—' : a.score.toFixed(2),
        ...round.criteria.map((c) => (a.perCriterion[c.key] === undefined ? '—' : (a.perCriterion[c.key] as number).toFixed(2))),
        a.spread ? `${a.spread.min.toFixed(2)}–${a.spread.max.toFixed(2)}` : '—',
      ]),
    ),
    h(labels.portfolio),
  ];
  if (solution) {
    children.push(
      field(labels.status, SOLUTION_STATUS_NAMES[solution.status][language]),
      field(labels.total, (solution.objective ?? 0).toFixed(2)),
    );
    for (const id of solution.selected) children.push(p(titleOf(id)));
    children.push(h(labels.explanations));
    children.push(
      table(
        [labels.candidate, labels.explanations],
        solution.explanations.map((e) => [titleOf(e.id), explain(e, labels, referenceOf, language, names)]),
      ),
    );
  } else children.push(p(labels.none));
  children.push(h(labels.amendments));
  const shown = solution ? amendments.filter((a) => a.solutionId === solution.id) : [];
  if (shown.length === 0) children.push(p(labels.none));
  for (const a of shown) children.push(field(`${titleOf(a.obstacleId)} (${labels[a.change]})`, a.reason));
  const doc = new Document({ creator: 'Schakel', title: `${labels.title} — ${round.name}`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

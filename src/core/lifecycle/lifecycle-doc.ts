import { CLOSED_STATUSES, OPEN_STATUSES, TRANSITIONS, type TransitionRule } from './lifecycle.js';

const REQUIREMENT_TEXT: Record<string, string> = {
  analysis: 'the six parts of the analysis',
  referredTo: 'the information point it goes to',
  mergedInto: 'the obstacle it is merged into',
  routing: 'the departments it is routed to',
  decision: 'a recorded decision',
};

function from(rule: TransitionRule): string {
  if (rule.from === OPEN_STATUSES) return 'any open status';
  if (rule.from === CLOSED_STATUSES) return 'any closed status';
  return rule.from.map((s) => `\`${s}\``).join(', ');
}

/** docs/LIFECYCLE.md, from the machine itself: a test compares the file with this. */
export function lifecycleMarkdown(): string {
  const rows = TRANSITIONS.map((rule) =>
    [
      `\`${rule.name}\``,
      from(rule),
      `\`${rule.to}\``,
      rule.roles.map((r) => `\`${r}\``).join(', '),
      rule.reason,
      rule.requires.map((r) => REQUIREMENT_TEXT[r] ?? r).join('; ') || '—',
      rule.effects.map((e) => `\`${e}\``).join(', ') || '—',
      rule.madeBy ? `by the ${rule.madeBy} module` : 'a status change',
    ].join(' | '),
  );
  return [
    '# The lifecycle of an obstacle',
    '',
    '<!-- Generated from src/core/lifecycle/lifecycle.ts by `npm run docs:lifecycle`; do not edit by hand. -->',
    '',
    `Open statuses: ${OPEN_STATUSES.map((s) => `\`${s}\``).join(', ')}.`,
    '',
    `Closed statuses: ${CLOSED_STATUSES.map((s) => `\`${s}\``).join(', ')}.`,
    '',
    'A reason is required for every move to a closed status and for the others marked so.',
    '',
    '| move | from | to | roles | reason | needs | effects | made as |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
  ].join('\n');
}

import { Alert, Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ChoiceField, fieldId, TextField } from '../../../components/form-fields';
import { paths } from '../../../lib/paths';
import type { RoundDetail } from '../api/rounds-client';
import {
  type FormValues,
  mustField,
  PER_KEY_RULES,
  type PerKeyRule,
  type RulesFormShape,
  rulesValues,
  sideField,
  weightField,
} from '../api/setup-forms';

/** Labels of the keys the rules name: themes, departments (organisations) and sub-regions (their keys). */
export interface KeyLabels {
  themes: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
}

function labelOf(rule: PerKeyRule, key: string, labels: KeyLabels): string {
  if (rule === 'maxPerTheme') return labels.themes.get(key) ?? key;
  if (rule === 'maxPerDepartment') return labels.organisations.get(key) ?? key;
  return key;
}

function keysFor(rule: PerKeyRule, shape: RulesFormShape): readonly string[] {
  return rule === 'maxPerTheme' ? shape.themes : rule === 'maxPerDepartment' ? shape.departments : shape.regions;
}

/** The labels of every field of both forms, by name, for the error summary. */
export function setupLabels(t: TFunction, round: RoundDetail, shape: RulesFormShape, labels: KeyLabels): Map<string, string> {
  const map = new Map<string, string>();
  shape.sides.forEach((side, i) => {
    map.set(sideField(i, 'minPercent'), t('selectionSetup.sideMin', { side }));
    map.set(sideField(i, 'maxPercent'), t('selectionSetup.sideMax', { side }));
  });
  for (const rule of PER_KEY_RULES) {
    map.set(rule, t(`selectionSetup.${rule}Every`));
    for (const key of keysFor(rule, shape))
      map.set(`${rule}.${key}`, t(`selectionSetup.${rule}Of`, { key: labelOf(rule, key, labels) }));
  }
  map.set('exactCapacity', t('selectionSetup.exactCapacity'));
  for (const c of round.candidates) map.set(mustField(c.obstacleId), t('selectionSetup.mustOf', { reference: c.reference }));
  map.set('effortBudget', t('selectionSetup.effortBudget'));
  map.set('capacity', t('rounds.capacity'));
  for (const c of round.criteria)
    map.set(weightField(c.key), t('rounds.weightOf', { criterion: t(`rounds.criterion.${c.key}`) }));
  map.set('aggregation', t('selectionSetup.aggregation'));
  map.set('scoringDeadline', t('rounds.scoringDeadline'));
  return map;
}

/** The round's rules in sentences, for every reader. */
export function ruleSentences(t: TFunction, round: RoundDetail, labels: KeyLabels): string[] {
  const rules = round.rules;
  const sentences: string[] = [];
  for (const share of rules.sideShare ?? []) {
    const { side, minPercent: min, maxPercent: max } = share;
    if (min !== undefined && max !== undefined) sentences.push(t('selectionSetup.sideBetween', { side, min, max }));
    else if (min !== undefined) sentences.push(t('selectionSetup.sideAtLeast', { side, min }));
    else if (max !== undefined) sentences.push(t('selectionSetup.sideAtMost', { side, max }));
  }
  for (const rule of PER_KEY_RULES) {
    const limit = rules[rule];
    if (typeof limit === 'number') sentences.push(t(`selectionSetup.${rule}All`, { limit }));
    else if (limit) {
      for (const [key, value] of Object.entries(limit)) {
        sentences.push(t(`selectionSetup.${rule}Key`, { limit: value, key: labelOf(rule, key, labels) }));
      }
    }
  }
  if (rules.exactCapacity && round.capacity !== null) sentences.push(t('selectionSetup.exactly', { capacity: round.capacity }));
  const must = (kind: 'keep' | 'exclude') =>
    round.candidates
      .filter((c) => c.must === kind)
      .map((c) => c.reference)
      .join(', ');
  if (must('keep')) sentences.push(t('selectionSetup.keep', { list: must('keep') }));
  if (must('exclude')) sentences.push(t('selectionSetup.exclude', { list: must('exclude') }));
  if (round.effortBudget !== null) sentences.push(t('selectionSetup.budget', { budget: round.effortBudget }));
  return sentences;
}

/** A refusal because the round changed since the page was loaded: say so, with a way to reload it. */
export function ChangedNotice({ problem, roundId }: { problem: Problem | undefined; roundId: string }) {
  const { t } = useTranslation();
  if (problem?.status !== 412) return null;
  return (
    <Alert type="warning" id="round-changed">
      <Paragraph>
        {t('selectionSetup.changed')}{' '}
        <Link className="utrecht-link" to={paths.selectionRound(roundId)} reloadDocument>
          {t('selectionSetup.reload')}
        </Link>
      </Paragraph>
    </Alert>
  );
}

/** The balance rules: in sentences for every reader, and the form for the secretariat. */
export function RulesSection({
  round,
  shape,
  labels,
  editable,
  fields,
  values: posted,
  busy,
}: {
  round: RoundDetail;
  shape: RulesFormShape;
  labels: KeyLabels;
  editable: boolean;
  fields: ReadonlyMap<string, string>;
  values: FormValues | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const sentences = ruleSentences(t, round, labels);
  const values = posted ?? rulesValues(round.rules, round, shape);
  const value = (name: string) => values[name] ?? '';
  return (
    <section aria-labelledby="rules-title" id="rules">
      <Heading2 id="rules-title">{t('selectionSetup.rulesTitle')}</Heading2>
      {sentences.length === 0 ? (
        <Paragraph id="no-rules">{t('selectionSetup.rulesNone')}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list" id="rule-sentences">
          {sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
      {editable ? (
        <Form method="post" className="schakel-form" id="rules-form" noValidate>
          <Heading3>{t('selectionSetup.rulesFormTitle')}</Heading3>
          <Paragraph>{t('selectionSetup.rulesIntro')}</Paragraph>
          <CsrfField />
          <input type="hidden" name="intent" value="rules" />
          <input type="hidden" name="version" value={round.version} />
          {shape.sides.length > 0 ? (
            <fieldset className="utrecht-form-fieldset">
              <legend className="utrecht-form-fieldset__legend">{t('selectionSetup.sideLegend')}</legend>
              {shape.sides.map((side, i) => (
                <div key={side}>
                  <input type="hidden" name={`sideShare.${i}.side`} value={side} />
                  <TextField
                    name={sideField(i, 'minPercent')}
                    label={t('selectionSetup.sideMin', { side })}
                    value={value(sideField(i, 'minPercent'))}
                    error={fields.get(sideField(i, 'minPercent'))}
                    inputMode="numeric"
                  />
                  <TextField
                    name={sideField(i, 'maxPercent')}
                    label={t('selectionSetup.sideMax', { side })}
                    value={value(sideField(i, 'maxPercent'))}
                    error={fields.get(sideField(i, 'maxPercent'))}
                    inputMode="numeric"
                  />
                </div>
              ))}
            </fieldset>
          ) : null}
          {PER_KEY_RULES.map((rule) => (
            <fieldset className="utrecht-form-fieldset" key={rule} id={`${rule}-fieldset`}>
              <legend className="utrecht-form-fieldset__legend">{t(`selectionSetup.${rule}Legend`)}</legend>
              <TextField
                name={rule}
                label={t(`selectionSetup.${rule}Every`)}
                value={value(rule)}
                error={fields.get(rule)}
                inputMode="numeric"
              />
              {keysFor(rule, shape).map((key) => (
                <TextField
                  key={key}
                  name={`${rule}.${key}`}
                  label={t(`selectionSetup.${rule}Of`, { key: labelOf(rule, key, labels) })}
                  value={value(`${rule}.${key}`)}
                  error={fields.get(`${rule}.${key}`)}
                  inputMode="numeric"
                />
              ))}
            </fieldset>
          ))}
          {round.capacity !== null ? (
            <ChoiceField
              name="exactCapacity"
              label={t('rounds.capacity')}
              type="checkbox"
              selected={value('exactCapacity') === 'on' ? ['on'] : []}
              options={[{ value: 'on', label: t('selectionSetup.exactCapacity') }]}
              error={fields.get('exactCapacity')}
            />
          ) : null}
          {round.candidates.length > 0 ? (
            <fieldset className="utrecht-form-fieldset" id="must-fieldset">
              <legend className="utrecht-form-fieldset__legend">{t('selectionSetup.mustLegend')}</legend>
              {round.candidates.map((candidate) => {
                const name = mustField(candidate.obstacleId);
                const error = fields.get(name);
                const id = fieldId(name);
                return (
                  <div
                    className={`utrecht-form-field${error ? ' utrecht-form-field--invalid schakel-field--invalid' : ''}`}
                    key={candidate.obstacleId}
                  >
                    <label className="utrecht-form-label" htmlFor={id}>
                      {t('selectionSetup.mustOf', { reference: candidate.reference })}
                      {candidate.title ? <span className="schakel-muted"> {candidate.title}</span> : null}
                    </label>
                    {error ? (
                      <span className="utrecht-form-field-error-message" id={`${id}-error`}>
                        {error}
                      </span>
                    ) : null}
                    <select
                      id={id}
                      name={name}
                      defaultValue={value(name)}
                      className="utrecht-select utrecht-select--html-select"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                    >
                      <option value="">{t('selectionSetup.mustNone')}</option>
                      <option value="keep">{t('selectionSetup.mustKeep')}</option>
                      <option value="exclude">{t('selectionSetup.mustExclude')}</option>
                    </select>
                  </div>
                );
              })}
            </fieldset>
          ) : null}
          <TextField
            name="effortBudget"
            label={t('selectionSetup.effortBudget')}
            hint={t('selectionSetup.effortBudgetHint')}
            value={value('effortBudget')}
            error={fields.get('effortBudget')}
          />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={busy}>
              {t('selectionSetup.saveRules')}
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

/** The set-up the secretariat changes between solves: capacity, weights, aggregation, scoring deadline. */
export function SetupSection({
  round,
  fields,
  values: posted,
  busy,
}: {
  round: RoundDetail;
  fields: ReadonlyMap<string, string>;
  values: FormValues | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const values: FormValues = posted ?? {
    capacity: round.capacity === null ? '' : String(round.capacity),
    aggregation: round.aggregation,
    scoringDeadline: round.scoringDeadline,
    ...Object.fromEntries(round.criteria.map((c) => [weightField(c.key), String(c.weight)])),
  };
  return (
    <section aria-labelledby="setup-title" id="setup">
      <Heading2 id="setup-title">{t('selectionSetup.setupTitle')}</Heading2>
      <Form method="post" className="schakel-form" id="setup-form" noValidate>
        <Paragraph>{t('selectionSetup.setupIntro')}</Paragraph>
        <CsrfField />
        <input type="hidden" name="intent" value="setup" />
        <input type="hidden" name="version" value={round.version} />
        <TextField
          name="capacity"
          label={t('rounds.capacity')}
          hint={t('rounds.capacityHint')}
          value={values.capacity ?? ''}
          error={fields.get('capacity')}
          inputMode="numeric"
        />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('rounds.weights')}</legend>
          {round.criteria.map((c) => (
            <TextField
              key={c.key}
              name={weightField(c.key)}
              label={t('rounds.weightOf', { criterion: t(`rounds.criterion.${c.key}`) })}
              value={values[weightField(c.key)] ?? ''}
              error={fields.get(weightField(c.key))}
            />
          ))}
        </fieldset>
        <ChoiceField
          name="aggregation"
          label={t('selectionSetup.aggregation')}
          type="radio"
          selected={[values.aggregation ?? 'mean']}
          options={[
            { value: 'mean', label: t('selectionSetup.aggregationMean') },
            { value: 'median', label: t('selectionSetup.aggregationMedian') },
          ]}
          error={fields.get('aggregation')}
        />
        <TextField
          name="scoringDeadline"
          type="date"
          label={t('rounds.scoringDeadline')}
          value={values.scoringDeadline ?? ''}
          error={fields.get('scoringDeadline')}
        />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('selectionSetup.saveSetup')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

import { type Actor, can, denied } from '../access/access.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import type { AuditLog, HistoryEntry } from '../audit/ports.js';
import type { Catalogue, Clock, ReferenceDataRepository, UnitOfWork } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import type { CompetenceCell, CompetenceRepository } from './ports.js';

/** The organisation kind of a department (a ministry) in the reference data. */
export const DEPARTMENT = 'department';

/** The audit entity id of a cell of the matrix. */
export function competenceId(theme: string, government: string): string {
  return `${theme}/${government}`;
}

function checkCell(catalogue: Catalogue, theme: string, government: string): void {
  if (!catalogue.themes.some((t) => t.key === theme) || !catalogue.governments.some((g) => g.key === government)) {
    throw new AppError('competence_not_found', { params: { theme, government } });
  }
}

/**
 * The cells of the competence matrix that name a department (signed-in users; the public: 401),
 * filtered by theme and government; unknown keys are refused (400 naming `theme` or `government`).
 */
export async function listCompetences(options: {
  actor: Actor;
  filter: { theme?: string; government?: string };
  competences: CompetenceRepository;
  reference: ReferenceDataRepository;
}): Promise<CompetenceCell[]> {
  const { actor, filter } = options;
  if (!can(actor, 'read_competences')) throw denied(actor);
  const catalogue = await options.reference.catalogue();
  const errors: FieldError[] = [];
  if (filter.theme !== undefined && !catalogue.themes.some((t) => t.key === filter.theme)) {
    errors.push({ name: 'theme', code: 'unknown_key', params: { value: filter.theme } });
  }
  if (filter.government !== undefined && !catalogue.governments.some((g) => g.key === filter.government)) {
    errors.push({ name: 'government', code: 'unknown_key', params: { value: filter.government } });
  }
  if (errors.length > 0) throw validationError(errors);
  return options.competences.list(filter);
}

/** One cell (signed-in users): empty (lead null) where the matrix names nobody; 404 for an unknown theme or government. */
export async function getCompetence(options: {
  actor: Actor;
  theme: string;
  government: string;
  competences: CompetenceRepository;
  reference: ReferenceDataRepository;
}): Promise<CompetenceCell> {
  if (!can(options.actor, 'read_competences')) throw denied(options.actor);
  checkCell(await options.reference.catalogue(), options.theme, options.government);
  return options.competences.get(options.theme, options.government);
}

export interface CompetenceInput {
  lead: string;
  involved: string[];
}

/**
 * Sets one cell of the matrix (the secretariat): its lead and involved departments, each an
 * organisation of kind `department` of THAT government, none twice, the lead not also involved
 * (400 naming `lead` or `involved.<i>`). With the version read (412 when stale). Audited as
 * `competence.update` with the fields that changed; a change that changes nothing writes nothing.
 * Routings already made keep their departments; new proposals use the new cell.
 */
export async function updateCompetence(options: {
  actor: Actor;
  theme: string;
  government: string;
  expectedVersion: number | 'any';
  input: CompetenceInput;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<CompetenceCell> {
  const { actor, theme, government, expectedVersion, input, uow, clock } = options;
  if (!can(actor, 'manage_competences')) throw denied(actor);
  return uow.transaction(async ({ competences, reference, audit }) => {
    const catalogue = await reference.catalogue();
    checkCell(catalogue, theme, government);
    const errors: FieldError[] = [];
    const check = (name: string, key: string) => {
      const organisation = catalogue.organisations.find((o) => o.key === key);
      if (organisation?.kind !== DEPARTMENT) errors.push({ name, code: 'unknown_key', params: { value: key } });
      else if (organisation.government !== government) {
        errors.push({ name, code: 'wrong_government', params: { value: key, government } });
      }
    };
    check('lead', input.lead);
    const seen = new Set([input.lead]);
    input.involved.forEach((key, i) => {
      const name = `involved.${i}`;
      if (seen.has(key)) errors.push({ name, code: 'duplicate' });
      else check(name, key);
      seen.add(key);
    });
    if (errors.length > 0) throw validationError(errors);

    const current = await competences.get(theme, government);
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const fields = changedFields(current, { ...current, lead: input.lead, involved: input.involved }, ['lead', 'involved']);
    if (Object.keys(fields).length === 0) return current;
    const now = clock.now();
    const next = {
      ...current,
      lead: input.lead,
      involved: [...input.involved],
      version: current.version + 1,
      updatedAt: now,
      updatedBy: actor.kind === 'user' ? actor.userId : null,
    };
    if (!(await competences.replace(next, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'competence.update',
        entityType: 'competence',
        entityId: competenceId(theme, government),
        details: { fields },
      }),
    );
    return next;
  });
}

/** The changes of one cell, oldest first, from the audit trail (signed-in users). The seeded matrix is its start. */
export async function competenceHistory(options: {
  actor: Actor;
  theme: string;
  government: string;
  audit: AuditLog;
  reference: ReferenceDataRepository;
  limit: number;
  after: number;
}): Promise<{ events: HistoryEntry[]; more: boolean }> {
  if (!can(options.actor, 'read_competences')) throw denied(options.actor);
  checkCell(await options.reference.catalogue(), options.theme, options.government);
  return options.audit.history('competence', competenceId(options.theme, options.government), {
    after: options.after,
    limit: options.limit,
  });
}

import { type Actor, can, denied } from '../access/access.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { AppError } from '../shared/errors.js';
import { isNormPhase, type Norm, type NormRepository, type NormValue } from './norms.js';

/** The norms, for signed-in users (the public: 401): the durations every due date comes from. */
export async function listNorms(options: { actor: Actor; norms: NormRepository }): Promise<Norm[]> {
  if (options.actor.kind === 'anonymous') throw denied(options.actor);
  return options.norms.all();
}

/**
 * Sets the duration of one phase (the secretariat): amount and unit, with the version the caller
 * read (412 when stale). Audited as `norm.update` with the fields that changed; a change that
 * changes nothing writes nothing. Due dates already given keep their date; new ones use the new norm.
 * The amount and unit are checked by the contract (1–366; working days, calendar days or months).
 */
export async function updateNorm(options: {
  actor: Actor;
  phase: string;
  expectedVersion: number | 'any';
  value: NormValue;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<Norm> {
  const { actor, phase, expectedVersion, value, uow, clock } = options;
  if (!can(actor, 'manage_norms')) throw denied(actor);
  if (!isNormPhase(phase)) throw new AppError('norm_not_found', { params: { phase } });
  return uow.transaction(async ({ norms, audit }) => {
    const current = await norms.get(phase);
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const fields = changedFields(current, { ...current, ...value }, ['amount', 'unit']);
    if (Object.keys(fields).length === 0) return current;
    const now = clock.now();
    const next: Norm = {
      ...current,
      amount: value.amount,
      unit: value.unit,
      version: current.version + 1,
      updatedAt: now,
      updatedBy: actor.kind === 'user' ? actor.userId : null,
    };
    if (!(await norms.update(next, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    await audit.append(
      auditRecord({ actor, at: now, action: 'norm.update', entityType: 'norm', entityId: phase, details: { fields } }),
    );
    return next;
  });
}

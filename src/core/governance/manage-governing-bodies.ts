import { type Actor, can, denied } from '../access/access.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import { checkText } from '../obstacles/check-obstacle.js';
import type { Catalogue, Clock, UnitOfWork } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import type { LocalizedText } from '../shared/language.js';
import type { GoverningBody } from './governance.js';

export const BODY_KEY = /^[a-z0-9][a-z0-9-]{1,49}$/;
export const BODY_NAME_MAX = 200;

export interface GoverningBodyInput {
  key: string;
  name: LocalizedText;
  governments: string[];
  active?: boolean;
}

export type GoverningBodyChanges = Partial<Omit<GoverningBodyInput, 'key'>>;

const AUDITED = ['name', 'governments', 'active'] as const;

function checkBody(input: GoverningBodyChanges, catalogue: Catalogue, creating: boolean, errors: FieldError[]): void {
  checkText('name', input.name, BODY_NAME_MAX, creating || input.name !== undefined, errors);
  if (input.governments !== undefined) {
    if (input.governments.length === 0) errors.push({ name: 'governments', code: 'required' });
    const known = new Set(catalogue.governments.map((g) => g.key));
    const seen = new Set<string>();
    input.governments.forEach((value, index) => {
      if (!known.has(value)) errors.push({ name: `governments.${index}`, code: 'unknown_key', params: { value } });
      else if (seen.has(value)) errors.push({ name: `governments.${index}`, code: 'duplicate' });
      seen.add(value);
    });
  } else if (creating) errors.push({ name: 'governments', code: 'required' });
}

function trimmed(text: LocalizedText): LocalizedText {
  const result: LocalizedText = {};
  for (const [language, value] of Object.entries(text) as [keyof LocalizedText, string | undefined][]) {
    if (value !== undefined && value.trim() !== '') result[language] = value.trim();
  }
  return result;
}

/** Adds a governing body (the secretariat): a new key, a name in at least one language, the governments it represents. One transaction with its audit event. */
export async function addGoverningBody(options: {
  actor: Actor;
  input: GoverningBodyInput;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<GoverningBody> {
  const { actor, input, uow, clock } = options;
  if (!can(actor, 'manage_governance')) throw denied(actor);
  return uow.transaction(async ({ governance, reference, audit }) => {
    const errors: FieldError[] = [];
    if (!BODY_KEY.test(input.key)) errors.push({ name: 'key', code: 'invalid_format', params: { format: 'a-z, 0-9, -' } });
    checkBody(input, await reference.catalogue(), true, errors);
    if (errors.length > 0) throw validationError(errors);
    if (await governance.findBody(input.key)) throw new AppError('governing_body_exists', { params: { key: input.key } });
    const now = clock.now();
    const body: GoverningBody = {
      key: input.key,
      name: trimmed(input.name),
      governments: input.governments,
      active: input.active ?? true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await governance.insertBody(body);
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'governing_body.create',
        entityType: 'governing_body',
        entityId: body.key,
        details: { fields: changedFields(undefined, body, AUDITED) },
      }),
    );
    return body;
  });
}

/** Changes a governing body's names, governments or active flag (the secretariat), when the caller saw the current version. */
export async function updateGoverningBody(options: {
  actor: Actor;
  key: string;
  expectedVersion: number | 'any';
  changes: GoverningBodyChanges;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<GoverningBody> {
  const { actor, key, expectedVersion, changes, uow, clock } = options;
  if (!can(actor, 'manage_governance')) throw denied(actor);
  return uow.transaction(async ({ governance, reference, audit }) => {
    const current = await governance.findBody(key);
    if (!current) throw new AppError('governing_body_not_found', { params: { key } });
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const errors: FieldError[] = [];
    checkBody(changes, await reference.catalogue(), false, errors);
    if (errors.length > 0) throw validationError(errors);
    const candidate: GoverningBody = {
      ...current,
      ...(changes.name !== undefined ? { name: trimmed(changes.name) } : {}),
      ...(changes.governments !== undefined ? { governments: changes.governments } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
    };
    const fields = changedFields(current, candidate, AUDITED);
    if (Object.keys(fields).length === 0) return current;
    const now = clock.now();
    const next = { ...candidate, version: current.version + 1, updatedAt: now };
    if (!(await governance.updateBody(next, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'governing_body.update',
        entityType: 'governing_body',
        entityId: key,
        details: { fields },
      }),
    );
    return next;
  });
}

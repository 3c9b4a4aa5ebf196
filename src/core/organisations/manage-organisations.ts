import { type AuditActor, auditRecord, changedFields } from '../audit/audit-record.js';
import type { AuditLog } from '../audit/ports.js';
import type { Clock } from '../obstacles/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';

/** The kinds of organisation (the reference data's, and municipalities). Labels per language: server/presenters/labels.ts. */
export const ORGANISATION_KINDS = [
  'secretariat',
  'department',
  'region',
  'euregio',
  'information_point',
  'knowledge_institute',
  'municipality',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KEY = /^[a-z0-9][a-z0-9-]{1,49}$/;
export const ORGANISATION_NAME_MAX = 200;

export interface OrganisationRecord {
  key: string;
  name: string;
  government: string | null;
  kind: string;
}

/** Storage of organisations (the reference data's table). Implemented in db/. */
export interface OrganisationStore {
  /** One transaction, with a store and the audit trail bound to it. */
  transaction<T>(work: (store: OrganisationStore, audit: AuditLog) => Promise<T>): Promise<T>;
  find(key: string): Promise<OrganisationRecord | undefined>;
  insert(organisation: OrganisationRecord): Promise<void>;
  update(organisation: OrganisationRecord): Promise<void>;
  governmentExists(key: string): Promise<boolean>;
}

async function check(
  store: OrganisationStore,
  fields: { name?: string; government?: string | null; kind?: string },
  errors: FieldError[],
): Promise<void> {
  if (fields.name !== undefined && fields.name.trim() === '') errors.push({ name: 'name', code: 'required' });
  if (fields.name !== undefined && fields.name.length > ORGANISATION_NAME_MAX) {
    errors.push({ name: 'name', code: 'too_long', params: { max: ORGANISATION_NAME_MAX } });
  }
  if (fields.kind !== undefined && !(ORGANISATION_KINDS as readonly string[]).includes(fields.kind)) {
    errors.push({ name: 'kind', code: 'invalid_value', params: { allowed: ORGANISATION_KINDS.join(', ') } });
  }
  if (fields.government != null && !(await store.governmentExists(fields.government))) {
    errors.push({ name: 'government', code: 'unknown_key', params: { value: fields.government } });
  }
}

const AUDITED_FIELDS = ['name', 'government', 'kind'] as const;

/**
 * Adds an organisation (admins): a new lower-case key, a name, a kind and optionally its
 * government. One transaction with its audit event (`organisation.create`).
 */
export async function addOrganisation(options: {
  input: OrganisationRecord;
  store: OrganisationStore;
  actor: AuditActor;
  clock: Clock;
}): Promise<OrganisationRecord> {
  const { input } = options;
  return options.store.transaction(async (store, audit) => {
    const errors: FieldError[] = [];
    if (!ORGANISATION_KEY.test(input.key))
      errors.push({ name: 'key', code: 'invalid_format', params: { format: 'a-z, 0-9, -' } });
    await check(store, input, errors);
    if (errors.length > 0) throw validationError(errors);
    if (await store.find(input.key)) throw new AppError('organisation_exists', { params: { key: input.key } });
    const organisation = { ...input, name: input.name.trim() };
    await store.insert(organisation);
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: options.clock.now(),
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: organisation.key,
        details: { fields: changedFields(undefined, organisation, AUDITED_FIELDS) },
      }),
    );
    return organisation;
  });
}

/**
 * Changes an organisation's name, kind or government (admins); its key never changes. One
 * transaction with its audit event (`organisation.update`, the fields that differ); a change that
 * changes nothing writes nothing.
 */
export async function updateOrganisation(options: {
  key: string;
  changes: { name?: string; government?: string | null; kind?: string };
  store: OrganisationStore;
  actor: AuditActor;
  clock: Clock;
}): Promise<OrganisationRecord> {
  const { key, changes } = options;
  return options.store.transaction(async (store, audit) => {
    const current = await store.find(key);
    if (!current) throw new AppError('organisation_not_found', { params: { key } });
    const errors: FieldError[] = [];
    await check(store, changes, errors);
    if (errors.length > 0) throw validationError(errors);
    const next: OrganisationRecord = {
      key,
      name: changes.name?.trim() ?? current.name,
      government: changes.government === undefined ? current.government : changes.government,
      kind: changes.kind ?? current.kind,
    };
    const fields = changedFields(current, next, AUDITED_FIELDS);
    if (Object.keys(fields).length === 0) return current;
    await store.update(next);
    await audit.append(
      auditRecord({
        actor: options.actor,
        at: options.clock.now(),
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: key,
        details: { fields },
      }),
    );
    return next;
  });
}

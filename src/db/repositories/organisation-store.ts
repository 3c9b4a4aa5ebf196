import type { Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/ports.js';
import type { OrganisationRecord, OrganisationStore } from '../../core/organisations/manage-organisations.js';
import type { DB } from '../schema.js';
import { KyselyAuditLog } from './audit-log.js';

/** Organisations in the reference data's table, on SQLite and PostgreSQL alike. */
export class KyselyOrganisationStore implements OrganisationStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly inTransaction = false,
  ) {}

  async transaction<T>(work: (store: OrganisationStore, audit: AuditLog) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this, new KyselyAuditLog(this.db));
    return this.db.transaction().execute((tx) => work(new KyselyOrganisationStore(tx, true), new KyselyAuditLog(tx)));
  }

  async find(key: string): Promise<OrganisationRecord | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('key', '=', key).executeTakeFirst();
    return row && { key: row.key, name: row.name, government: row.government_key, kind: row.kind };
  }

  async insert(organisation: OrganisationRecord): Promise<void> {
    const last = await this.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    await this.db
      .insertInto('organisations')
      .values({
        key: organisation.key,
        name: organisation.name,
        government_key: organisation.government,
        kind: organisation.kind,
        position: Number(last?.p ?? -1) + 1,
      })
      .execute();
  }

  async update(organisation: OrganisationRecord): Promise<void> {
    await this.db
      .updateTable('organisations')
      .set({ name: organisation.name, government_key: organisation.government, kind: organisation.kind })
      .where('key', '=', organisation.key)
      .execute();
  }

  async governmentExists(key: string): Promise<boolean> {
    return (await this.db.selectFrom('governments').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
  }
}

import type { Kysely, Transaction } from 'kysely';
import type { CompetenceCell, CompetenceRepository } from '../../core/routing/ports.js';
import type { DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The competence matrix in Kysely, on SQLite and PostgreSQL alike: the departments of each cell
 * in `competences` (seeded from reference-data/competence-matrix.json), the cell's version in
 * `competence_cells` (no row: version 1, never edited).
 */
export class KyselyCompetenceRepository implements CompetenceRepository {
  constructor(private readonly db: Executor) {}

  async list(filter: { theme?: string; government?: string }): Promise<CompetenceCell[]> {
    let query = this.db
      .selectFrom('competences as c')
      .innerJoin('themes as t', 't.key', 'c.theme_key')
      .innerJoin('governments as g', 'g.key', 'c.government_key')
      .innerJoin('organisations as o', 'o.key', 'c.organisation_key')
      .leftJoin('competence_cells as v', (join) =>
        join.onRef('v.theme_key', '=', 'c.theme_key').onRef('v.government_key', '=', 'c.government_key'),
      )
      .select(['c.theme_key', 'c.government_key', 'c.organisation_key', 'c.role', 'v.version', 'v.updated_at', 'v.updated_by'])
      .orderBy('t.position')
      .orderBy('g.position')
      .orderBy('o.position');
    if (filter.theme) query = query.where('c.theme_key', '=', filter.theme);
    if (filter.government) query = query.where('c.government_key', '=', filter.government);
    const rows = await query.execute();
    const cells = new Map<string, CompetenceCell>();
    for (const row of rows) {
      const key = `${row.theme_key}\u0000${row.government_key}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          theme: row.theme_key,
          government: row.government_key,
          lead: null,
          involved: [],
          version: row.version ?? 1,
          updatedAt: row.updated_at ? new Date(row.updated_at) : null,
          updatedBy: row.updated_by ?? null,
        };
        cells.set(key, cell);
      }
      if (row.role === 'lead') cell.lead = row.organisation_key;
      else cell.involved.push(row.organisation_key);
    }
    return [...cells.values()];
  }

  async get(theme: string, government: string): Promise<CompetenceCell> {
    const [cell] = await this.list({ theme, government });
    if (cell) return cell;
    const version = await this.db
      .selectFrom('competence_cells')
      .selectAll()
      .where('theme_key', '=', theme)
      .where('government_key', '=', government)
      .executeTakeFirst();
    return {
      theme,
      government,
      lead: null,
      involved: [],
      version: version?.version ?? 1,
      updatedAt: version ? new Date(version.updated_at) : null,
      updatedBy: version?.updated_by ?? null,
    };
  }

  async replace(cell: CompetenceCell & { lead: string }, expectedVersion: number): Promise<boolean> {
    const updatedAt = (cell.updatedAt ?? new Date()).toISOString();
    const updated = await this.db
      .updateTable('competence_cells')
      .set({ version: cell.version, updated_at: updatedAt, updated_by: cell.updatedBy })
      .where('theme_key', '=', cell.theme)
      .where('government_key', '=', cell.government)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const exists = await this.db
        .selectFrom('competence_cells')
        .select('version')
        .where('theme_key', '=', cell.theme)
        .where('government_key', '=', cell.government)
        .executeTakeFirst();
      // A row with another version: stale. No row: the cell is at version 1, never edited.
      if (exists || expectedVersion !== 1) return false;
      await this.db
        .insertInto('competence_cells')
        .values({
          theme_key: cell.theme,
          government_key: cell.government,
          version: cell.version,
          updated_at: updatedAt,
          updated_by: cell.updatedBy,
        })
        .execute();
    }
    await this.db
      .deleteFrom('competences')
      .where('theme_key', '=', cell.theme)
      .where('government_key', '=', cell.government)
      .execute();
    await this.db
      .insertInto('competences')
      .values([
        { theme_key: cell.theme, government_key: cell.government, organisation_key: cell.lead, role: 'lead' as const },
        ...cell.involved.map((organisation) => ({
          theme_key: cell.theme,
          government_key: cell.government,
          organisation_key: organisation,
          role: 'involved' as const,
        })),
      ])
      .execute();
    return true;
  }
}

import type { Kysely } from 'kysely';
import { type CompetenceFile, type OrganisationsFile, readReferenceFile, type ThemesFile } from './reference-data.js';
import type { DB } from './schema.js';

export interface ReferenceSeedReport {
  themes: number;
  governments: number;
  segments: number;
  organisations: number;
  competences: number;
}

/**
 * Loads the reference data (themes, governments, border segments, organisations, competence
 * matrix) into an empty database. Idempotent: rows that exist already are left as they are, so
 * what the secretariat edited in the app is never overwritten by a restart.
 */
export async function seedReferenceData(db: Kysely<DB>): Promise<ReferenceSeedReport> {
  const themes = readReferenceFile<ThemesFile>('themes.json').themes;
  const { governments, segments, organisations } = readReferenceFile<OrganisationsFile>('organisations.json');
  const matrix = readReferenceFile<CompetenceFile>('competence-matrix.json').matrix;

  const competences: { theme_key: string; government_key: string; organisation_key: string; role: 'lead' | 'involved' }[] = [];
  for (const [theme, perGovernment] of Object.entries(matrix)) {
    for (const [government, entry] of Object.entries(perGovernment)) {
      competences.push({ theme_key: theme, government_key: government, organisation_key: entry.lead, role: 'lead' });
      for (const involved of entry.involved) {
        competences.push({ theme_key: theme, government_key: government, organisation_key: involved, role: 'involved' });
      }
    }
  }

  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('themes')
      .values(
        themes.map((t, position) => ({
          key: t.key,
          label_nl: t.label.nl,
          label_fr: t.label.fr,
          label_de: t.label.de,
          label_en: t.label.en,
          in_seed: t.inSeed ? 1 : 0,
          position,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await tx
      .insertInto('governments')
      .values(governments.map((g, position) => ({ ...g, label: JSON.stringify(g.label), position })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await tx
      .insertInto('segments')
      .values(
        segments.map((s, position) => ({
          key: s.key,
          name: JSON.stringify(s.name),
          sides: JSON.stringify(s.sides),
          position,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await tx
      .insertInto('organisations')
      .values(
        organisations.map((o, position) => ({
          key: o.key,
          name: o.name,
          government_key: o.government,
          kind: o.kind,
          position,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    if (competences.length > 0) {
      await tx
        .insertInto('competences')
        .values(competences)
        .onConflict((oc) => oc.columns(['theme_key', 'government_key', 'organisation_key']).doNothing())
        .execute();
    }
  });

  return {
    themes: themes.length,
    governments: governments.length,
    segments: segments.length,
    organisations: organisations.length,
    competences: competences.length,
  };
}

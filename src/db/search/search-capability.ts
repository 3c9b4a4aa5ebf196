import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { analyzeLocalized } from '../../core/search/analyzer.js';
import type { LocalizedText } from '../../core/shared/language.js';
import type { Dialect } from '../create-database.js';
import type { DB } from '../schema.js';

export interface SearchDocument {
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  /** Other text that should be found but weighs least, already analysed (analyzer.ts). */
  extra: string;
}

/**
 * A full-text match as a derived table with the columns `seq` (an obstacle) and `score`
 * (its relevance, higher is better), to be joined to `obstacles`.
 */
export interface TextMatch {
  source: RawBuilder<{ seq: number; score: number }>;
}

/**
 * Full-text search as a named capability of each dialect (ARCHITECTURE habit 8): both index the
 * same analysed text (core/search/analyzer), SQLite in an FTS5 table, PostgreSQL in a weighted
 * tsvector with the `simple` configuration, so both find the same obstacles.
 */
export interface SearchCapability {
  index(tx: Kysely<DB> | Transaction<DB>, seq: number, document: SearchDocument, replace: boolean): Promise<void>;
  /** The match for analysed query terms (see analyzeQuery); undefined when there are no terms. */
  match(terms: string[][]): TextMatch | undefined;
}

function shadow(document: SearchDocument): { title: string; summary: string; body: string } {
  return {
    title: analyzeLocalized(document.title),
    summary: analyzeLocalized(document.summary),
    body: `${analyzeLocalized(document.description)} ${document.extra}`.trim(),
  };
}

/** FTS5 query syntax: every term required, any variant of a term accepted. Words are letters and digits only. */
export function fts5Query(terms: string[][]): string {
  return terms.map((variants) => `(${variants.map((v) => `"${v.replaceAll('"', '""')}"`).join(' OR ')})`).join(' AND ');
}

/** tsquery syntax for the `simple` configuration: the same logic as fts5Query. */
export function tsQuery(terms: string[][]): string {
  return terms.map((variants) => `(${variants.map((v) => `'${v.replaceAll("'", "''")}'`).join(' | ')})`).join(' & ');
}

const sqliteSearch: SearchCapability = {
  async index(tx, seq, document, replace) {
    const text = shadow(document);
    if (replace) await sql`DELETE FROM obstacle_fts WHERE rowid = ${seq}`.execute(tx);
    await sql`INSERT INTO obstacle_fts (rowid, title, summary, body) VALUES (${seq}, ${text.title}, ${text.summary}, ${text.body})`.execute(
      tx,
    );
  },
  match(terms) {
    if (terms.length === 0) return undefined;
    const query = fts5Query(terms);
    // bm25 is lower for better matches; the column weights favour the title, then the summary.
    return {
      source: sql`(SELECT rowid AS seq, -bm25(obstacle_fts, 10.0, 4.0, 1.0) AS score FROM obstacle_fts WHERE obstacle_fts MATCH ${query})`,
    };
  },
};

const postgresSearch: SearchCapability = {
  async index(tx, seq, document) {
    const text = shadow(document);
    await sql`UPDATE obstacles SET search_vector =
        setweight(to_tsvector('simple', ${text.title}), 'A') ||
        setweight(to_tsvector('simple', ${text.summary}), 'B') ||
        setweight(to_tsvector('simple', ${text.body}), 'C')
      WHERE seq = ${seq}`.execute(tx);
  },
  match(terms) {
    if (terms.length === 0) return undefined;
    const query = tsQuery(terms);
    return {
      source: sql`(SELECT seq, ts_rank('{0.1, 0.25, 0.4, 1.0}', search_vector, q) AS score
        FROM obstacles, to_tsquery('simple', ${query}) AS q WHERE search_vector @@ q)`,
    };
  },
};

export function searchCapability(dialect: Dialect): SearchCapability {
  switch (dialect) {
    case 'sqlite':
      return sqliteSearch;
    case 'postgres':
      return postgresSearch;
  }
}

/** SQLite: every match of the terms with its score (higher is better), for the in-memory search path. */
export function sqliteMatchesQuery(terms: string[][]): RawBuilder<{ packed: Uint8Array | null }> {
  // LIMIT -1 keeps SQLite from flattening the subquery (bm25 cannot run inside an aggregate).
  return sql`SELECT schakel_pack(seq, score) AS packed FROM (
    SELECT rowid AS seq, -bm25(obstacle_fts, 10.0, 4.0, 1.0) AS score
    FROM obstacle_fts WHERE obstacle_fts MATCH ${fts5Query(terms)} LIMIT -1)`;
}

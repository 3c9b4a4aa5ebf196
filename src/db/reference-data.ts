import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reference data files shipped with Schakel (copied from the shared data when the project
 * started; the project never reads outside itself). Found relative to this file, both from
 * src/ (tests, tsx) and from dist/ (built).
 */
export const REFERENCE_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'reference-data');

export function readReferenceFile<T>(name: string): T {
  return JSON.parse(readFileSync(join(REFERENCE_DATA_DIR, name), 'utf8')) as T;
}

export interface ThemesFile {
  themes: { key: string; inSeed: boolean; label: Record<'nl' | 'fr' | 'de' | 'en', string> }[];
}

export interface OrganisationsFile {
  governments: {
    key: string;
    name: string;
    label: Record<'nl' | 'fr' | 'de' | 'en', string>;
    country: string;
    level: string;
    kind: string;
  }[];
  segments: {
    key: string;
    name: Partial<Record<'nl' | 'fr' | 'de' | 'en', string>>;
    sides: { side: string; governments: string[]; regions: string[] }[];
  }[];
  organisations: { key: string; name: string; government: string | null; kind: string }[];
}

export interface CompetenceFile {
  matrix: Record<string, Record<string, { lead: string; involved: string[] }>>;
}

export interface SampleObstaclesFile {
  obstacles: {
    id: string;
    title: string;
    summary: string;
    countries: string[];
    theme: string;
    type: string;
    statusIfKnown: string | null;
    solutionIfKnown: string | null;
    source: string;
  }[];
}

let commonPasswords: ReadonlySet<string> | undefined;

/**
 * The bundled list of commonly used passwords (reference-data/common-passwords.txt, lower-case,
 * one a line; where it comes from is in docs/decisions/0010-passwords.md). Read once.
 */
export function readCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(join(REFERENCE_DATA_DIR, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
  return commonPasswords;
}

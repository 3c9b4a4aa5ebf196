import ExcelJS from 'exceljs';
import type { ScoreInput } from '../../core/selection-rounds/record-selection-scores.js';
import type { RoundCandidate, RoundScore, SelectionRound } from '../../core/selection-rounds/round.js';
import { AppError, type FieldError, validationError } from '../../core/shared/errors.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import { criterionLabel } from './selection-labels.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET = 'Scores';
/** Columns before the criteria: the obstacle id (hidden), its reference and title. */
const FIXED = 3;

/**
 * A partner's score template of a round (.xlsx): one row per candidate, one column per criterion
 * (the criterion's key in row 1, its label in row 2), filled with the partner's scores so far. The
 * score cells accept whole numbers 1–5 only (data validation); everything else is locked (sheet
 * protection without a password: it guards against slips, not people).
 */
export async function buildScoreSheet(options: {
  round: SelectionRound;
  candidates: readonly RoundCandidate[];
  scores: readonly RoundScore[];
  organisation: string;
  language: Language;
}): Promise<Buffer> {
  const { round, candidates, scores, organisation, language } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Schakel';
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', xSplit: FIXED, ySplit: 2 }] });
  const criteria = round.criteria.map((c) => c.key);
  sheet.addRow(['obstacleId', 'reference', 'title', ...criteria]);
  sheet.addRow(['', '', `${round.name} — ${organisation}`, ...criteria.map((key) => criterionLabel(key, language))]);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).font = { italic: true };
  sheet.getColumn(1).hidden = true;
  sheet.getColumn(2).width = 16;
  sheet.getColumn(3).width = 60;
  const own = new Map(
    scores.filter((s) => s.organisation === organisation).map((s) => [`${s.obstacleId}|${s.criterion}`, s.score]),
  );
  for (const candidate of candidates) {
    const row = sheet.addRow([
      candidate.obstacleId,
      candidate.reference,
      resolveText(candidate.title, language, candidate.sourceLanguage)?.value ?? '',
      ...criteria.map((key) => own.get(`${candidate.obstacleId}|${key}`) ?? null),
    ]);
    criteria.forEach((_, i) => {
      const cell = row.getCell(FIXED + 1 + i);
      cell.protection = { locked: false };
      cell.dataValidation = {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [1, 5],
        showErrorMessage: true,
        errorTitle: '1–5',
        error: '1–5',
      };
    });
  }
  criteria.forEach((_, i) => {
    sheet.getColumn(FIXED + 1 + i).width = 18;
  });
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads a filled-in template: every non-empty score cell, checked (a whole number 1–5 in a row of
 * a candidate, under a criterion of the round), every problem named by sheet and cell
 * (`Scores!D5`). Empty cells are not scored. A file that is no workbook, or has no `Scores` sheet
 * with the criteria in row 1, is refused as a whole.
 */
export async function parseScoreSheet(
  buffer: Buffer,
  round: SelectionRound,
): Promise<{ scores: ScoreInput[]; cellOf: (index: number, field: 'obstacleId' | 'criterion' | 'score' | 'comment') => string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw validationError([{ name: 'file', code: 'invalid_format' }]);
  }
  const sheet = workbook.getWorksheet(SHEET);
  if (!sheet) throw validationError([{ name: SHEET, code: 'required' }]);
  const errors: FieldError[] = [];
  const header = sheet.getRow(1);
  const columns = new Map<number, string>();
  const known = new Set<string>(round.criteria.map((c) => c.key));
  for (let col = FIXED + 1; col <= Math.max(sheet.columnCount, FIXED + 1); col++) {
    const key = cellText(header.getCell(col).value);
    if (key === '') continue;
    if (!known.has(key))
      errors.push({ name: `${SHEET}!${header.getCell(col).address}`, code: 'unknown_key', params: { value: key } });
    else columns.set(col, key);
  }
  const scores: ScoreInput[] = [];
  const cells: { row: string; score: string }[] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const obstacleId = cellText(row.getCell(1).value);
    for (const [col, criterion] of columns) {
      const cell = row.getCell(col);
      const value = cell.value;
      if (value === null || value === undefined || cellText(value) === '') continue;
      const address = `${SHEET}!${cell.address}`;
      if (obstacleId === '') {
        errors.push({ name: `${SHEET}!${row.getCell(1).address}`, code: 'required' });
        continue;
      }
      const number = typeof value === 'number' ? value : Number(cellText(value));
      if (!Number.isInteger(number)) errors.push({ name: address, code: 'invalid_type', params: { expected: 'integer' } });
      else if (number < 1) errors.push({ name: address, code: 'too_small', params: { min: 1 } });
      else if (number > 5) errors.push({ name: address, code: 'too_big', params: { max: 5 } });
      else {
        scores.push({ obstacleId, criterion, score: number });
        cells.push({ row: `${SHEET}!${row.getCell(1).address}`, score: address });
      }
    }
  }
  if (errors.length > 0) throw validationError(errors);
  if (scores.length === 0) throw new AppError('validation_failed', { fields: [{ name: SHEET, code: 'required' }] });
  return {
    scores,
    cellOf: (index, field) => (field === 'obstacleId' ? (cells[index]?.row ?? SHEET) : (cells[index]?.score ?? SHEET)),
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

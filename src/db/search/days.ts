/** YYYY-MM-DD as the number YYYYMMDD (0 for anything else), so dates compare as numbers. */
export function dayNumber(day: string | null | undefined): number {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return 0;
  return Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
}

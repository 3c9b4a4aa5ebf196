/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week; `*`, numbers, ranges
 * `a-b`, steps `/n`, lists `a,b`), matched against the wall clock of a time zone. What the
 * in-process job runner needs to run `0 7 * * *` at 07:00 in Brussels, summer and winter alike.
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

export type CronMatcher = (at: Date) => boolean;

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`cron: "${part}" is not a valid ${field.name}`);
    const from = match[1] === '*' ? field.min : Number(match[2]);
    const to = match[1] === '*' ? field.max : match[3] !== undefined ? Number(match[3]) : match[4] ? field.max : from;
    const step = match[4] ? Number(match[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1)
      throw new Error(`cron: "${part}" is out of range for ${field.name}`);
    for (let v = from; v <= to; v += step) values.add(field.name === 'day of week' && v === 7 ? 0 : v);
  }
  return values;
}

/** The wall-clock fields of a moment in a time zone. */
export function wallClock(
  at: Date,
  timeZone: string,
): { minute: number; hour: number; day: number; month: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    minute: 'numeric',
    hour: 'numeric',
    day: 'numeric',
    month: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    minute: Number(get('minute')),
    hour: Number(get('hour')),
    day: Number(get('day')),
    month: Number(get('month')),
    weekday,
  };
}

export function parseCron(expression: string, timeZone: string): CronMatcher {
  const texts = expression.trim().split(/\s+/);
  if (texts.length !== 5) throw new Error(`cron: "${expression}" must have five fields`);
  const [minute, hour, day, month, weekday] = FIELDS.map((field, i) => parseField(texts[i] as string, field)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  // Checks the zone now: an unknown one throws here, not at 07:00.
  wallClock(new Date(), timeZone);
  const anyDay = texts[2] === '*';
  const anyWeekday = texts[4] === '*';
  return (at) => {
    const t = wallClock(at, timeZone);
    if (!minute.has(t.minute) || !hour.has(t.hour) || !month.has(t.month)) return false;
    // As in cron: when both day fields are restricted, either one matching is enough.
    if (anyDay || anyWeekday) return day.has(t.day) && weekday.has(t.weekday);
    return day.has(t.day) || weekday.has(t.weekday);
  };
}

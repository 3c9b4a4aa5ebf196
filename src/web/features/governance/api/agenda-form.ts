/**
 * The agenda editor without JavaScript: one form sends the whole ordered agenda (each item's
 * obstacle and note, in order) and the button pressed says what to change: move an item up or
 * down, remove it, add an obstacle, take proposed ones, or save the notes.
 */
export interface AgendaDraftItem {
  obstacle: string;
  note: string;
}

export type AgendaOp = { kind: 'save' } | { kind: 'add' } | { kind: 'take' } | { kind: 'up' | 'down' | 'remove'; index: number };

export function parseOp(value: string): AgendaOp {
  const [kind, index] = value.split(':');
  if (kind === 'up' || kind === 'down' || kind === 'remove') {
    const at = Number(index);
    if (Number.isInteger(at) && at >= 0) return { kind, index: at };
  }
  if (kind === 'add' || kind === 'take') return { kind };
  return { kind: 'save' };
}

/** The items the form sent: `obstacle` and `note` fields in document order, one pair per item. */
export function readAgendaItems(form: FormData): AgendaDraftItem[] {
  const obstacles = form.getAll('obstacle').map(String);
  const notes = form.getAll('note').map(String);
  return obstacles.map((obstacle, index) => ({ obstacle, note: (notes[index] ?? '').trim() }));
}

/** The agenda after the change; `added` are the references to put at the end (add, take). */
export function applyOp(items: readonly AgendaDraftItem[], op: AgendaOp, added: readonly string[]): AgendaDraftItem[] {
  const next = [...items];
  switch (op.kind) {
    case 'up':
      if (op.index > 0 && op.index < next.length) {
        [next[op.index - 1], next[op.index]] = [next[op.index] as AgendaDraftItem, next[op.index - 1] as AgendaDraftItem];
      }
      return next;
    case 'down':
      if (op.index >= 0 && op.index < next.length - 1) {
        [next[op.index], next[op.index + 1]] = [next[op.index + 1] as AgendaDraftItem, next[op.index] as AgendaDraftItem];
      }
      return next;
    case 'remove':
      return next.filter((_, index) => index !== op.index);
    case 'add':
    case 'take':
      return [
        ...next,
        ...added.map((obstacle) => ({ obstacle: obstacle.trim(), note: '' })).filter((item) => item.obstacle !== ''),
      ];
    default:
      return next;
  }
}

/** The request's items: an empty note is null. */
export function toAgendaRequest(items: readonly AgendaDraftItem[]): { obstacle: string; note: string | null }[] {
  return items.map((item) => ({ obstacle: item.obstacle, note: item.note === '' ? null : item.note }));
}

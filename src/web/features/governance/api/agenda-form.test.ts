import { describe, expect, it } from 'vitest';
import { applyOp, parseOp, readAgendaItems, toAgendaRequest } from './agenda-form';

const items = [
  { obstacle: 'GB-1', note: 'one' },
  { obstacle: 'GB-2', note: '' },
  { obstacle: 'GB-3', note: 'three' },
];

describe('the agenda form', () => {
  it('reads the items in the order of the form', () => {
    const form = new FormData();
    for (const item of items) {
      form.append('obstacle', item.obstacle);
      form.append('note', ` ${item.note} `);
    }
    expect(readAgendaItems(form)).toEqual(items);
  });

  it('moves, removes and adds', () => {
    expect(applyOp(items, parseOp('up:1'), []).map((i) => i.obstacle)).toEqual(['GB-2', 'GB-1', 'GB-3']);
    expect(applyOp(items, parseOp('down:1'), []).map((i) => i.obstacle)).toEqual(['GB-1', 'GB-3', 'GB-2']);
    expect(applyOp(items, parseOp('up:0'), []).map((i) => i.obstacle)).toEqual(['GB-1', 'GB-2', 'GB-3']);
    expect(applyOp(items, parseOp('down:2'), []).map((i) => i.obstacle)).toEqual(['GB-1', 'GB-2', 'GB-3']);
    expect(applyOp(items, parseOp('remove:0'), []).map((i) => i.obstacle)).toEqual(['GB-2', 'GB-3']);
    expect(applyOp(items, parseOp('add'), [' GB-9 ']).map((i) => i.obstacle)).toEqual(['GB-1', 'GB-2', 'GB-3', 'GB-9']);
    expect(applyOp(items, parseOp('take'), ['GB-7', '']).map((i) => i.obstacle)).toEqual(['GB-1', 'GB-2', 'GB-3', 'GB-7']);
    expect(parseOp('nonsense')).toEqual({ kind: 'save' });
    expect(parseOp('up:-1')).toEqual({ kind: 'save' });
  });

  it('sends an empty note as null', () => {
    expect(toAgendaRequest(items)[1]).toEqual({ obstacle: 'GB-2', note: null });
  });
});

import type { FacetCounts, ObstacleFilter } from '../../core/obstacles/ports.js';

/** The facet values of one obstacle, as the index keeps them. */
export interface IndexEntry {
  seq: number;
  status: string;
  segment: string;
  type: string;
  visibility: string;
  themes: string[];
  governments: string[];
  updatedAt: number;
  createdAt: number;
  /** The reference as one sortable number: year × 10,000,000 + number. */
  ref: number;
  /** The clarification date as YYYYMMDD (the dashboard's overdue intake). */
  clarificationDue: number;
}

/** Maps the values of one facet to small integer codes, in order of first appearance. */
class Codes {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  constructor(private readonly max: number) {}

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      if (code >= this.max) throw new Error(`facet index: more than ${this.max} distinct values`);
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

const SCALARS = ['status', 'segment', 'type', 'visibility'] as const;
type Scalar = (typeof SCALARS)[number];

function increment(counts: Uint32Array, index: number): void {
  counts[index] = (counts[index] as number) + 1;
}

function popcountWord(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * An in-memory index of the facet values of every obstacle, for SQLite (one process holds the
 * data; see docs/decisions/0005-facet-counts.md). It answers "which obstacles match these
 * filters" as a bitset (one bitset per facet value, ANDed across facets, ORed within one) and
 * counts the matched set per facet by walking its bits — tens of microseconds for a filtered
 * page, where GROUP BY over 100,000 rows costs milliseconds per facet.
 *
 * It is a cache of the database, never the truth: the owner refreshes the entries a committed
 * write touched, and rebuilds it when another connection changed the file.
 */
export class FacetIndex {
  private capacity = 0;
  private words = 0;
  private present = new Uint32Array(0);
  private readonly columns: Record<Scalar, Uint8Array> = {
    status: new Uint8Array(0),
    segment: new Uint8Array(0),
    type: new Uint8Array(0),
    visibility: new Uint8Array(0),
  };
  private themes = new Uint32Array(0);
  private governments = new Uint32Array(0);
  private updated = new Float64Array(0);
  private created = new Float64Array(0);
  private refs = new Float64Array(0);
  private clarification = new Uint32Array(0);
  private readonly codes = {
    status: new Codes(255),
    segment: new Codes(255),
    type: new Codes(255),
    visibility: new Codes(255),
    theme: new Codes(32),
    government: new Codes(32),
  };
  /** One bitset per code of each facet; themes and governments per bit. */
  private readonly bitsets = {
    status: [] as Uint32Array[],
    segment: [] as Uint32Array[],
    type: [] as Uint32Array[],
    visibility: [] as Uint32Array[],
    theme: [] as Uint32Array[],
    government: [] as Uint32Array[],
  };
  private count = 0;

  get size(): number {
    return this.count;
  }

  private grow(seq: number): void {
    if (seq < this.capacity) return;
    let capacity = Math.max(1024, this.capacity);
    while (capacity <= seq) capacity *= 2;
    const words = capacity >>> 5;
    const resize = <T extends Uint8Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T, n: number): T => {
      const next = make(n);
      next.set(old as never);
      return next;
    };
    for (const facet of SCALARS) this.columns[facet] = resize(this.columns[facet], (n) => new Uint8Array(n), capacity);
    this.themes = resize(this.themes, (n) => new Uint32Array(n), capacity);
    this.governments = resize(this.governments, (n) => new Uint32Array(n), capacity);
    this.updated = resize(this.updated, (n) => new Float64Array(n), capacity);
    this.created = resize(this.created, (n) => new Float64Array(n), capacity);
    this.refs = resize(this.refs, (n) => new Float64Array(n), capacity);
    this.clarification = resize(this.clarification, (n) => new Uint32Array(n), capacity);
    this.present = resize(this.present, (n) => new Uint32Array(n), words);
    for (const list of Object.values(this.bitsets)) {
      for (let i = 0; i < list.length; i++) list[i] = resize(list[i] as Uint32Array, (n) => new Uint32Array(n), words);
    }
    this.capacity = capacity;
    this.words = words;
  }

  private bitset(list: Uint32Array[], code: number): Uint32Array {
    while (list.length <= code) list.push(new Uint32Array(this.words));
    return list[code] as Uint32Array;
  }

  private has(seq: number): boolean {
    return seq < this.capacity && ((this.present[seq >>> 5] as number) & (1 << (seq & 31))) !== 0;
  }

  /** Removes an obstacle from the index (no-op when it is not there). */
  remove(seq: number): void {
    if (!this.has(seq)) return;
    const word = seq >>> 5;
    const clear = ~(1 << (seq & 31));
    this.present[word] = (this.present[word] as number) & clear;
    for (const facet of SCALARS) {
      const bits = this.bitsets[facet][this.columns[facet][seq] as number];
      if (bits) bits[word] = (bits[word] as number) & clear;
    }
    for (const [facet, masks] of [
      ['theme', this.themes],
      ['government', this.governments],
    ] as const) {
      let mask = masks[seq] as number;
      while (mask !== 0) {
        const bit = 31 - Math.clz32(mask & -mask);
        const bits = this.bitsets[facet][bit];
        if (bits) bits[word] = (bits[word] as number) & clear;
        mask &= mask - 1;
      }
    }
    this.count -= 1;
  }

  /** Adds an obstacle, or replaces what the index held for it. */
  upsert(entry: IndexEntry): void {
    this.remove(entry.seq);
    this.grow(entry.seq);
    const seq = entry.seq;
    const word = seq >>> 5;
    const bit = 1 << (seq & 31);
    for (const facet of SCALARS) {
      const code = this.codes[facet].code(entry[facet]);
      this.columns[facet][seq] = code;
      const bits = this.bitset(this.bitsets[facet], code);
      bits[word] = (bits[word] as number) | bit;
    }
    let themeMask = 0;
    for (const theme of entry.themes) {
      const code = this.codes.theme.code(theme);
      themeMask |= 1 << code;
      const bits = this.bitset(this.bitsets.theme, code);
      bits[word] = (bits[word] as number) | bit;
    }
    let governmentMask = 0;
    for (const government of entry.governments) {
      const code = this.codes.government.code(government);
      governmentMask |= 1 << code;
      const bits = this.bitset(this.bitsets.government, code);
      bits[word] = (bits[word] as number) | bit;
    }
    this.themes[seq] = themeMask;
    this.governments[seq] = governmentMask;
    this.updated[seq] = entry.updatedAt;
    this.created[seq] = entry.createdAt;
    this.refs[seq] = entry.ref;
    this.clarification[seq] = entry.clarificationDue;
    this.present[word] = (this.present[word] as number) | bit;
    this.count += 1;
  }

  /** The obstacles that match the filter's facets (not its text), as a bitset over seq. */
  match(filter: ObstacleFilter): Uint32Array {
    const result = this.present.slice();
    const apply = (list: Uint32Array[], codes: Codes, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return;
      const union = new Uint32Array(this.words);
      for (const value of values) {
        const code = codes.find(value);
        const bits = code === undefined ? undefined : list[code];
        if (!bits) continue;
        for (let w = 0; w < this.words; w++) union[w] = (union[w] as number) | (bits[w] as number);
      }
      for (let w = 0; w < this.words; w++) result[w] = (result[w] as number) & (union[w] as number);
    };
    apply(this.bitsets.status, this.codes.status, filter.status);
    apply(this.bitsets.segment, this.codes.segment, filter.segment);
    apply(this.bitsets.type, this.codes.type, filter.type);
    apply(this.bitsets.visibility, this.codes.visibility, filter.visibility);
    apply(this.bitsets.theme, this.codes.theme, filter.theme);
    apply(this.bitsets.government, this.codes.government, filter.government);
    return result;
  }

  /** Whether one obstacle is in a bitset from `match`. */
  static contains(bits: Uint32Array, seq: number): boolean {
    return seq >>> 5 < bits.length && ((bits[seq >>> 5] as number) & (1 << (seq & 31))) !== 0;
  }

  /** Counts a bitset from `match` per facet. */
  countBits(bits: Uint32Array): { counts: FacetCounts; total: number } {
    const tally = this.newTally();
    let total = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      if (word === 0) continue;
      total += popcountWord(word);
      while (word !== 0) {
        const seq = (w << 5) | (31 - Math.clz32(word & -word));
        this.tallyOne(tally, seq);
        word &= word - 1;
      }
    }
    return { counts: this.toCounts(tally), total };
  }

  /** Counts a list of obstacles (the matches of a text search) per facet. */
  countSeqs(seqs: ArrayLike<number>): { counts: FacetCounts; total: number } {
    const tally = this.newTally();
    for (let i = 0; i < seqs.length; i++) this.tallyOne(tally, seqs[i] as number);
    return { counts: this.toCounts(tally), total: seqs.length };
  }

  /** When the obstacle was last changed or created (ms since the epoch), for ordering search results. */
  sortKey(seq: number, which: 'updated' | 'created' | 'reference'): number {
    const column = which === 'updated' ? this.updated : which === 'created' ? this.created : this.refs;
    return column[seq] ?? 0;
  }

  /** The status of an obstacle in the index. */
  statusOf(seq: number): string {
    return this.codes.status.values[this.columns.status[seq] as number] as string;
  }

  /** The codes of some statuses (those the index has seen), as a lookup by status code. */
  statusCodes(statuses: readonly string[]): Uint8Array {
    const wanted = new Uint8Array(256);
    for (const status of statuses) {
      const code = this.codes.status.find(status);
      if (code !== undefined) wanted[code] = 1;
    }
    return wanted;
  }

  /** The status code of an obstacle (see `statusCodes`). */
  statusCode(seq: number): number {
    return this.columns.status[seq] as number;
  }

  /** The clarification date of an obstacle as YYYYMMDD. */
  clarificationDue(seq: number): number {
    return this.clarification[seq] as number;
  }

  /** The number of 32-bit words of a bitset from `match`. */
  get wordCount(): number {
    return this.words;
  }

  /**
   * Counts a bitset from `match` per status, segment, theme and government (the dashboard's
   * obstacle facets; themes and governments count every one an obstacle has).
   */
  countDashboard(bits: Uint32Array): {
    total: number;
    status: Record<string, number>;
    segment: Record<string, number>;
    theme: Record<string, number>;
    government: Record<string, number>;
  } {
    const status = new Uint32Array(256);
    const segment = new Uint32Array(256);
    const theme = new Uint32Array(32);
    const government = new Uint32Array(32);
    let total = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      if (word === 0) continue;
      total += popcountWord(word);
      while (word !== 0) {
        const seq = (w << 5) | (31 - Math.clz32(word & -word));
        increment(status, this.columns.status[seq] as number);
        increment(segment, this.columns.segment[seq] as number);
        let mask = this.themes[seq] as number;
        while (mask !== 0) {
          increment(theme, 31 - Math.clz32(mask & -mask));
          mask &= mask - 1;
        }
        mask = this.governments[seq] as number;
        while (mask !== 0) {
          increment(government, 31 - Math.clz32(mask & -mask));
          mask &= mask - 1;
        }
        word &= word - 1;
      }
    }
    const out = (codes: Codes, counts: Uint32Array): Record<string, number> => {
      const result: Record<string, number> = {};
      codes.values.forEach((value, code) => {
        const n = counts[code] as number;
        if (n > 0) result[value] = n;
      });
      return result;
    };
    return {
      total,
      status: out(this.codes.status, status),
      segment: out(this.codes.segment, segment),
      theme: out(this.codes.theme, theme),
      government: out(this.codes.government, government),
    };
  }

  private newTally() {
    return {
      status: new Uint32Array(256),
      segment: new Uint32Array(256),
      type: new Uint32Array(256),
      theme: new Uint32Array(32),
    };
  }

  private tallyOne(tally: ReturnType<FacetIndex['newTally']>, seq: number): void {
    increment(tally.status, this.columns.status[seq] as number);
    increment(tally.segment, this.columns.segment[seq] as number);
    increment(tally.type, this.columns.type[seq] as number);
    let mask = this.themes[seq] as number;
    while (mask !== 0) {
      increment(tally.theme, 31 - Math.clz32(mask & -mask));
      mask &= mask - 1;
    }
  }

  private toCounts(tally: ReturnType<FacetIndex['newTally']>): FacetCounts {
    const out = (codes: Codes, counts: Uint32Array): Record<string, number> => {
      const result: Record<string, number> = {};
      codes.values.forEach((value, code) => {
        const n = counts[code] as number;
        if (n > 0) result[value] = n;
      });
      return result;
    };
    return {
      status: out(this.codes.status, tally.status),
      segment: out(this.codes.segment, tally.segment),
      type: out(this.codes.type, tally.type),
      theme: out(this.codes.theme, tally.theme),
    };
  }
}

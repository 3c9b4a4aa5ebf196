import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ObstacleListSchema } from '../../contracts/obstacles.contract.js';
import { zodSerializerCompiler } from './serialization.js';

const compile = (schema: z.ZodType) =>
  zodSerializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (data: unknown) => string;

describe('zodSerializerCompiler', () => {
  it('writes only the properties the schema declares (an allow-list)', () => {
    const serialize = compile(z.object({ id: z.string(), reporter: z.object({ type: z.string() }) }));
    const out = JSON.parse(serialize({ id: 'a', secret: 'x', reporter: { type: 'citizen', email: 'anna@example.org' } }));
    expect(out).toEqual({ id: 'a', reporter: { type: 'citizen' } });
  });

  it('writes nullable values without a run-time branch check', () => {
    const serialize = compile(z.object({ a: z.object({ v: z.string() }).nullable(), b: z.string().nullable() }));
    expect(JSON.parse(serialize({ a: null, b: null }))).toEqual({ a: null, b: null });
    expect(JSON.parse(serialize({ a: { v: 'x', extra: 1 }, b: 'y' }))).toEqual({ a: { v: 'x' }, b: 'y' });
  });

  it('keeps nulls, optional fields and records', () => {
    const serialize = compile(ObstacleListSchema);
    const page = { items: [], nextCursor: null, total: 3, facets: { theme: { taxation: 2 }, status: {}, segment: {}, type: {} } };
    expect(JSON.parse(serialize(page))).toEqual(page);
    expect(JSON.parse(serialize({ ...page, facets: null, total: null }))).toEqual({ ...page, facets: null, total: null });
  });
});

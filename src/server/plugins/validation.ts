import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { AppError, type FieldError } from '../../core/shared/errors.js';

type Issue = z.core.$ZodIssue;

function expectedName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'integer';
    case 'number':
    case 'string':
    case 'boolean':
    case 'object':
    case 'array':
      return expected;
    default:
      return expected;
  }
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Maps one zod issue to the stable field errors of the catalogue. */
export function toFieldErrors(issue: Issue, data: unknown): FieldError[] {
  const name = issue.path.map(String).join('.') || '(body)';
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(data, issue.path) === undefined) return [{ name, code: 'required' }];
      return [{ name, code: 'invalid_type', params: { expected: expectedName(issue.expected) } }];
    case 'too_big':
      if (issue.origin === 'string') return [{ name, code: 'too_long', params: { max: Number(issue.maximum) } }];
      return [{ name, code: 'too_big', params: { max: Number(issue.maximum) } }];
    case 'too_small':
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return [{ name, code: 'required' }];
      if (issue.origin === 'string') {
        if (Number(issue.minimum) === 1) return [{ name, code: 'required' }];
        return [{ name, code: 'too_short', params: { min: Number(issue.minimum) } }];
      }
      return [{ name, code: 'too_small', params: { min: Number(issue.minimum) } }];
    case 'invalid_value':
      return [{ name, code: 'invalid_value', params: { allowed: issue.values.map(String).join(', ') } }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        name: [...issue.path.map(String), key].join('.'),
        code: 'unknown_field' as const,
      }));
    case 'invalid_format':
      return [{ name, code: 'invalid_format', params: { format: issue.format } }];
    case 'custom': {
      const code = (issue.params as { fieldCode?: FieldError['code'] } | undefined)?.fieldCode;
      return [{ name, code: code ?? 'invalid_value', params: { allowed: '' } }];
    }
    default:
      return [{ name, code: 'invalid_value', params: { allowed: '' } }];
  }
}

/**
 * Validates requests with their zod schema and reports every wrong field at once as a
 * validation_failed AppError (the catalogue's codes, not zod's English messages).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    // A value of the wrong type gets one error, not also the checks that ran on it anyway.
    const wrongType = new Set(result.error.issues.filter((i) => i.code === 'invalid_type').map((i) => i.path.join('.')));
    const fields = result.error.issues
      .filter((issue) => issue.code === 'invalid_type' || !wrongType.has(issue.path.join('.')))
      .flatMap((issue) => toFieldErrors(issue, data));
    return { error: new AppError('validation_failed', { fields }) };
  };
};

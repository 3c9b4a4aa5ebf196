import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../../contracts/common.contract.js';
import { AppError, type ErrorCode, errorMessage, errorTitle, fieldMessage } from '../../core/shared/errors.js';
import { type Language, negotiateLanguage } from '../../core/shared/language.js';

export const MAX_BODY_BYTES = 1_048_576;

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
  FST_ERR_CTP_INVALID_CHARSET: 'unsupported_media_type',
};

function languageOf(request: FastifyRequest): Language {
  return negotiateLanguage(request.headers['accept-language']);
}

export function toProblem(error: AppError, language: Language, instance?: string): Problem {
  const params = error.code === 'payload_too_large' ? { max: MAX_BODY_BYTES, ...error.params } : error.params;
  const problem: Problem = {
    type: `https://schakel.eu/problems/${error.code.replaceAll('_', '-')}`,
    title: errorTitle(error.code, language),
    status: error.status,
    detail: errorMessage(error.code, language, params),
    code: error.code,
  };
  if (instance) problem.instance = instance;
  if (error.allowed !== undefined) problem.allowed = error.allowed;
  if (error.fields.length > 0) {
    problem.invalidParams = error.fields.map((field) => ({
      name: field.name,
      code: field.code,
      reason: fieldMessage(field, language),
    }));
  }
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const problem = toProblem(error, languageOf(request), request.url.split('?')[0]);
  if (error.code === 'sign_in_throttled' && error.params.seconds !== undefined)
    reply.header('retry-after', String(error.params.seconds));
  // An error answer is for this caller only: never stored by a shared cache.
  reply.header('cache-control', 'no-store');
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', languageOf(request))
    .serializer(JSON.stringify)
    .send(problem);
}

/** Turns whatever a handler throws into application/problem+json in the caller's language. */
export function installProblemHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, request, error);
    const code = 'code' in error && typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
    if (code) return sendProblem(reply, request, new AppError(code));
    if (error instanceof SyntaxError || ('statusCode' in error && error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendProblem(reply, request, new AppError('invalid_json'));
    }
    if ('statusCode' in error && error.statusCode === 413) return sendProblem(reply, request, new AppError('payload_too_large'));
    if ('statusCode' in error && error.statusCode === 415)
      return sendProblem(reply, request, new AppError('unsupported_media_type'));
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, new AppError('internal_error'));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, new AppError('not_found')));
}

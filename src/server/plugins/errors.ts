import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Problem, type FieldError } from '../../services/problem.js';

const PROBLEM_TYPE_BASE = 'https://atlas-spbe.id/problems/';

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  const body = {
    type: PROBLEM_TYPE_BASE + slug(p.title),
    title: p.title,
    status: p.status,
    detail: p.message,
    instance: reply.request.url,
    ...(p.errors.length ? { errors: p.errors } : {}),
    ...p.extra,
  };
  return reply.status(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function requestPart(context: string | undefined): string {
  return context === 'querystring' ? 'query' : context === 'params' ? 'path' : context === 'headers' ? 'header' : '';
}

/** Every error leaves as RFC 9457 problem details; internals (stacks, SQL) never do. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem) return sendProblem(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = requestPart(error.validationContext);
      const errors: FieldError[] = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = [part, path].filter(Boolean).join('.') || '(body)';
        return { field: field.replace(/^body\./, ''), rule: ruleOf(v.keyword, v.params), message: v.message ?? 'invalid' };
      });
      return sendProblem(reply, Problem.validation(errors));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, new Problem(500, 'Internal error', 'Something went wrong on the server. The error was logged.'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
      return sendProblem(reply, new Problem(400, 'Malformed request', 'The body is not valid JSON.'));
    }
    return sendProblem(reply, new Problem(status, titleOf(status), error.message));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, new Problem(404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}.`)));
}

/** Errors Fastify raises before routing — a malformed URL, an overlong path parameter — leave as problem details too. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const problem =
    status >= 500
      ? new Problem(500, 'Internal error', 'Something went wrong on the server. The error was logged.')
      : status === 414
        ? new Problem(414, 'URI too long', 'A part of the path is longer than this API accepts.')
        : new Problem(400, 'Bad request', 'The URL is malformed.');
  if (status >= 500) reply.log.error({ err: error }, 'request failed before routing');
  void sendProblem(reply, problem);
}

function ruleOf(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'invalid_type':
      return params.input === undefined ? 'required' : 'type';
    case 'invalid_value':
      return 'enum';
    case 'unrecognized_keys':
      return 'unknown-field';
    case 'too_small':
      return params.minimum === 1 && params.origin === 'string' ? 'required' : 'min';
    case 'too_big':
      return 'max';
    case 'invalid_format':
      return `format:${String(params.format)}`;
    default:
      return keyword;
  }
}

function titleOf(status: number): string {
  return (
    { 400: 'Bad request', 401: 'Authentication required', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 413: 'Payload too large', 415: 'Unsupported media type', 429: 'Too many requests' }[status] ?? 'Error'
  );
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ChainError } from '../cardano/chain.js';
import { AppError, type ErrorCode, statusOf } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const unknownKeys = issue.params?.keys;
  if (Array.isArray(unknownKeys) && unknownKeys.length > 0) {
    return [path, unknownKeys.join(', ')].filter(Boolean).join('.');
  }
  return path || context || 'request';
}

function validationMessage(error: FastifyError): string {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const context = error.validationContext;
  return issues
    .map((issue) => {
      const field = fieldOf(issue, context);
      const message = issue.message ?? 'is invalid';
      return /^Unrecognized key/.test(message) ? `${field}: unknown field` : `${field}: ${message}`;
    })
    .join('; ');
}

/** Errors Fastify raises before a handler runs, mapped to our codes. */
const FRAMEWORK_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'body is empty but content-type is application/json' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'VALIDATION_ERROR', message: 'content-type must be application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'VALIDATION_ERROR', message: 'body is too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_ERROR', message: 'content-length does not match the body' },
};

function send(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown, extra?: Record<string, unknown>) {
  const error = details === undefined ? { code, message } : { code, message, details };
  return reply.status(statusOf(code)).send({ status: 'error', error, ...extra });
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return send(reply, error.code, error.message, error.details, error.topLevel);
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      return send(reply, 'VALIDATION_ERROR', validationMessage(error));
    }
    if ((error as unknown) instanceof ChainError) {
      request.log.warn({ err: error }, 'chain provider unavailable');
      return send(reply, 'CHAIN_UNAVAILABLE', `the chain provider is unavailable: ${error.message}`);
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return send(reply, known.code, known.message);
    if (error instanceof SyntaxError && error.statusCode === 400) return send(reply, 'INVALID_JSON', 'body is not valid JSON');
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return send(reply, 'INTERNAL_ERROR', 'internal error');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, 'VALIDATION_ERROR', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'INTERNAL_ERROR', 'internal error');
  });

  app.setNotFoundHandler((request, reply) => send(reply, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type RawServerDefault } from 'fastify';
import type { DestinationStream } from 'pino';
import type { LogLevel, TrustProxySetting } from './env.js';
import { createErrorHandler, type UnavailablePredicate } from './error-handler.js';
import { finishOpenApiDocument, type OpenApiObject } from './openapi/finish.js';
import { DOCS_CSP, SECURITY_HEADERS, writeClientError } from './security-headers.js';
import { compileValidator } from './validation.js';

export type HttpApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface HttpAppOptions {
  name: string;
  version: string;
  description?: string;
  logLevel: LogLevel;
  /** Where log lines go (stdout when omitted); tests pass a stream to read them. */
  logger?: DestinationStream;
  corsOrigins?: readonly string[];
  /** Errors any of these match (a dropped DB connection, an S3 outage) answer 503 instead of 500. */
  unavailableWhen?: UnavailablePredicate[];
  bodyLimit?: number;
  /** Whose X-Forwarded-For is believed (see trustProxyOption); none when omitted. */
  trustProxy?: TrustProxySetting;
}

export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
];

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

// A client-supplied id is only trusted when it cannot forge log structure or bloat every line.
function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The Fastify instance both services start from. It never listens. Register routes inside plugins
 * (`app.register(...)`) so the OpenAPI collector, registered here first, sees them.
 */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const handleError = createErrorHandler(options.unavailableWhen ?? []);
  const app = Fastify({
    logger: {
      level: options.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      ...(options.logger ? { stream: options.logger } : {}),
    },
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy as FastifyServerOptions['trustProxy'],
    // Oversized headers and unparsable requests are answered by Node's parser; this writes our envelope.
    clientErrorHandler: writeClientError,
    // Malformed URLs never reach onRequest, so they need the header and the envelope here.
    frameworkErrors: (err, request, reply) => {
      reply.header('x-request-id', request.id).headers(SECURITY_HEADERS);
      return handleError(err, request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(compileValidator);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0];
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `Route ${request.method} ${path} not found` } });
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).headers(SECURITY_HEADERS);
    done();
  });

  if (options.corsOrigins && options.corsOrigins.length > 0) {
    app.register(cors, {
      origin: [...options.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-request-id', 'etag', 'retry-after'],
      maxAge: 600,
    });
  }

  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.name, version: options.version, description: options.description },
      // Relative: the API is wherever this document is served from (behind any proxy or port).
      servers: [{ url: '/', description: 'The host serving this document' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transformObject: (document) => finishOpenApiDocument((document as { openapiObject: OpenApiObject }).openapiObject) as never,
  });
  // Replaces the API's CSP on /docs routes only (swagger-ui adds it in its own encapsulated onSend hook).
  app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });

  return app;
}

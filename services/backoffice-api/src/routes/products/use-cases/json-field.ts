import { compileValidator, type toErrorDetails } from '@brandi/http';
import type { TSchema } from 'typebox';

type AjvErrors = Parameters<typeof toErrorDetails>[0];
type BodyValidator = ((value: unknown) => boolean) & { errors?: AjvErrors | null };

const cache = new WeakMap<TSchema, BodyValidator>();

/** The same ajv setup Fastify uses for JSON bodies, for JSON that arrives inside a multipart field. */
export function compileBodyValidator(schema: TSchema): BodyValidator {
  let validate = cache.get(schema);
  if (!validate) {
    validate = compileValidator({
      schema: schema as Record<string, unknown>,
      httpPart: 'body',
      method: 'POST',
      url: '/products',
    }) as BodyValidator;
    cache.set(schema, validate);
  }
  return validate;
}

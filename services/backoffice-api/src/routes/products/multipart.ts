import { AppError, badRequest, payloadTooLarge, unsupportedMediaType } from '@brandi/http';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

export interface ProductForm {
  fields: Map<string, string>;
  files: UploadedFile[];
}

/** Busboy limits for the products scope: one more file than allowed, so a sixth is a clear 400. */
export function multipartLimits(maxFileBytes: number) {
  return { fileSize: maxFileBytes, files: 6, fields: 4, parts: 10, fieldSize: 2 * 1024 * 1024, headerPairs: 100 };
}

/**
 * Reads a product form: text fields named in `allowedFields` (each at most once) and files under `images`,
 * in order. Each file is buffered up to the size limit and the read stops at the first oversized one (413).
 */
export async function readProductForm(request: FastifyRequest, allowedFields: readonly string[]): Promise<ProductForm> {
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'images') throw unknownPart(part.fieldname);
        files.push({ filename: part.filename ?? '', buffer: await part.toBuffer() });
        continue;
      }
      if (!allowedFields.includes(part.fieldname)) throw unknownPart(part.fieldname);
      if (fields.has(part.fieldname)) throw badRequest(`Field ${part.fieldname} given twice`, [{ field: part.fieldname, message: 'must be given once' }]);
      if (part.valueTruncated) throw payloadTooLarge(`Field ${part.fieldname} is too large`);
      fields.set(part.fieldname, String(part.value));
    }
  } catch (err) {
    throw toFormError(err);
  }
  return { fields, files };
}

const unknownPart = (name: string) => badRequest(`Unexpected form part ${name}`, [{ field: name, message: 'is not allowed' }]);

// @fastify/multipart's errors carry codes; busboy's (malformed bodies) do not. Neither reaches a client as is.
function toFormError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  switch ((err as { code?: string } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return payloadTooLarge('An image is larger than the upload limit');
    case 'FST_FILES_LIMIT':
      return badRequest('Too many images', [{ field: 'images', message: 'must hold at most 5 files' }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return badRequest('Too many form parts');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return unsupportedMediaType('Send multipart/form-data');
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return badRequest('A form field is not valid JSON');
    case 'FST_PROTO_VIOLATION':
      return badRequest('Invalid form field name');
    case 'FST_MP_PREMATURE_CLOSE':
      return badRequest('The form ended early');
    default:
      return err instanceof Error && /multipart|part|boundary|form/i.test(err.message) ? badRequest('Malformed multipart body') : err;
  }
}

import type { IncomingMessage } from 'node:http';
import { AppError, badRequest, payloadTooLarge, unsupportedMediaType } from '@brandi/http';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { MAX_IMAGES } from './images.js';

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

export interface ProductForm {
  fields: Map<string, string>;
  files: UploadedFile[];
}

const FIELD_BYTES = 2 * 1024 * 1024;
// Room for the form's text parts (the product JSON, up to FIELD_BYTES), boundaries and part headers.
const FIELDS_ALLOWANCE = FIELD_BYTES + 64 * 1024;

/** Busboy limits for the products scope: one more file than allowed, so a sixth is a clear 400. */
export function multipartLimits(maxFileBytes: number) {
  return { fileSize: maxFileBytes, files: 6, fields: 4, parts: 10, fieldSize: FIELD_BYTES, headerPairs: 100 };
}

/** The most a product form may send in all: five files at the upload limit and the text fields. */
export const maxFormBytes = (maxFileBytes: number) => MAX_IMAGES * maxFileBytes + FIELDS_ALLOWANCE;

/**
 * Reads a product form: text fields named in `allowedFields` (each at most once) and files under `images`,
 * in order. Each file is buffered up to the size limit and the read stops at the first oversized one (413),
 * as it does when the whole body passes `maxBodyBytes` (declared up front, or counted as it arrives). Call it
 * only once the caller may write: nothing of the body is read before.
 */
export async function readProductForm(
  request: FastifyRequest,
  allowedFields: readonly string[],
  maxBodyBytes: number,
): Promise<ProductForm> {
  const declared = Number(request.headers['content-length']);
  if (declared > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  const cap = capBody(request.raw, maxBodyBytes);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'images') throw unknownPart(part.fieldname);
        files.push({ filename: part.filename ?? '', buffer: await part.toBuffer() });
        continue;
      }
      if (!allowedFields.includes(part.fieldname)) throw unknownPart(part.fieldname);
      if (fields.has(part.fieldname))
        throw badRequest(`Field ${part.fieldname} given twice`, [{ field: part.fieldname, message: 'must be given once' }]);
      if (part.valueTruncated) throw payloadTooLarge(`Field ${part.fieldname} is too large`);
      fields.set(part.fieldname, String(part.value));
    }
  } catch (err) {
    throw cap.exceeded ? bodyTooLarge(maxBodyBytes) : toFormError(err);
  } finally {
    cap.release();
  }
  if (cap.exceeded) throw bodyTooLarge(maxBodyBytes);
  return { fields, files };
}

const bodyTooLarge = (max: number) => payloadTooLarge(`The form is larger than ${max} bytes in all`);

/**
 * Counts the body's bytes as they arrive (beside @fastify/multipart's own pipe, which starts in the same tick,
 * so both see every chunk). Past `max` it stops reading: the pipe is cut, the stream paused, and the form
 * reader woken through the error the multipart iterator listens for. The rest of the body is never read
 * (unread-body.ts).
 */
function capBody(raw: IncomingMessage, max: number) {
  let received = 0;
  const state = { exceeded: false, release: () => raw.off('data', count) };
  function count(chunk: Buffer) {
    received += chunk.length;
    if (received <= max || state.exceeded) return;
    state.exceeded = true;
    raw.off('data', count);
    raw.unpipe();
    raw.pause();
    if (raw.listenerCount('error') > 0) raw.emit('error', bodyTooLarge(max));
  }
  raw.on('data', count);
  return state;
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

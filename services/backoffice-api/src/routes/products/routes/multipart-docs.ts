import { compileValidator } from '@brandi/http';
import type { FastifySchemaCompiler } from 'fastify';
import Type from 'typebox';
import { ImageOrder, NewProductBody, ProductPatch } from './input.schemas.js';

const Images = Type.Array(Type.String({ format: 'binary' }), {
  minItems: 1,
  maxItems: 5,
  description:
    '.jpg/.jpeg files with JPEG bytes, at most UPLOAD_MAX_BYTES each and at least UPLOAD_MIN_WIDTH×UPLOAD_MIN_HEIGHT; in order, the first is the main image. Each is decoded in full: one that does not decode as a whole JPEG or declares more than 40 megapixels is 400. Stored re-encoded without metadata (EXIF, GPS), with a 360 px wide WebP thumbnail beside it.',
});

/** OpenAPI description of POST /products' form; the handler reads and checks the parts itself. */
export const NewProductForm = Type.Object(
  {
    product: { ...NewProductBody, description: 'The product, a JSON part (an admin adds sellerId)' },
    images: Images,
  },
  { required: ['product', 'images'] },
);

/** OpenAPI description of PATCH /products/:id's form. */
export const ProductChangeForm = Type.Object({
  product: Type.Optional({ ...ProductPatch, description: 'Any subset of the product fields, a JSON part' }),
  imageOrder: Type.Optional({ ...ImageOrder, description: 'The final image list, a JSON part: [{"id": 12}, {"file": 0}]' }),
  images: Type.Optional({ ...Images, minItems: 0 }),
});

/**
 * Route validator compiler that leaves multipart bodies to the handler (they are streamed, never parsed into
 * `request.body`) and compiles everything else as the app does; the multipart schemas only document the form.
 */
export const documentOnlyMultipart: FastifySchemaCompiler<Record<string, unknown>> = (route) =>
  route.httpPart === 'body' && (route as { contentType?: string }).contentType === 'multipart/form-data'
    ? () => true
    : compileValidator(route);

/**
 * openapi-fetch `bodySerializer` for the back office's product forms (`POST /products`, multipart
 * `PATCH /products/{id}`): takes the body as the generated types describe it and builds the FormData the
 * service reads. Blobs and arrays of Blobs become file parts (`images`, in order); every other value is a JSON
 * part (`product`, `imageOrder`) sent as its JSON text, the way the service parses it. A Blob that is not a File
 * is named `<part>-<n>.jpg` (the service takes `.jpg`/`.jpeg` files); a File keeps its name.
 *
 *   await backoffice.POST('/products', { body: { product, images: [file] }, bodySerializer: multipartBody });
 */
export function multipartBody(body: Record<string, unknown> | undefined): FormData {
  const form = new FormData();
  const files: [string, Blob[]][] = [];
  for (const [name, value] of Object.entries(body ?? {})) {
    if (value === undefined) continue;
    if (value instanceof Blob) files.push([name, [value]]);
    else if (Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof Blob)) files.push([name, value]);
    else form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  // Text parts first, then the files, each group in the body's order.
  for (const [name, blobs] of files) {
    blobs.forEach((blob, index) => {
      form.append(name, blob, blob instanceof File ? blob.name : `${name}-${index + 1}.jpg`);
    });
  }
  return form;
}

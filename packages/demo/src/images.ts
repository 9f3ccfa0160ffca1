import jpeg from 'jpeg-js';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A real baseline JPEG of the given size: a vertical gradient from `top` to `bottom`. */
export function generateJpeg(width: number, height: number, top: Rgb, bottom: Rgb = top, quality = 60): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const t = height === 1 ? 0 : y / (height - 1);
    const r = Math.round(top.r + (bottom.r - top.r) * t);
    const g = Math.round(top.g + (bottom.g - top.g) * t);
    const b = Math.round(top.b + (bottom.b - top.b) * t);
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, quality).data;
}

export const SWATCHES: Rgb[] = [
  { r: 33, g: 33, b: 33 },
  { r: 240, g: 236, b: 228 },
  { r: 214, g: 196, b: 170 },
  { r: 38, g: 52, b: 92 },
  { r: 170, g: 60, b: 70 },
  { r: 120, g: 140, b: 100 },
  { r: 230, g: 180, b: 190 },
  { r: 140, g: 170, b: 210 },
];

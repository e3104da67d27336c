import { createHmac, timingSafeEqual } from 'node:crypto';
import { encodeRgbPng } from '../png.js';
import { SeededRandom } from './people.js';

export const MEDIA_KINDS = ['id-front', 'id-back', 'id-portrait', 'selfie'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export function isMediaKind(value: string): value is MediaKind {
  return (MEDIA_KINDS as readonly string[]).includes(value);
}

type Rgb = readonly [number, number, number];

/** A tiny RGB raster: enough to draw an ID-card-like picture and a face without an image library. */
class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, color: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const offset = (y * this.width + x) * 3;
    this.pixels[offset] = color[0];
    this.pixels[offset + 1] = color[1];
    this.pixels[offset + 2] = color[2];
  }

  fillRect(left: number, top: number, width: number, height: number, color: Rgb): void {
    for (let y = top; y < top + height; y++)
      for (let x = left; x < left + width; x++) this.setPixel(x, y, color);
  }

  fillEllipse(centerX: number, centerY: number, radiusX: number, radiusY: number, color: Rgb): void {
    for (let y = Math.floor(centerY - radiusY); y <= centerY + radiusY; y++) {
      for (let x = Math.floor(centerX - radiusX); x <= centerX + radiusX; x++) {
        if (((x - centerX) / radiusX) ** 2 + ((y - centerY) / radiusY) ** 2 <= 1) this.setPixel(x, y, color);
      }
    }
  }

  toPng(): Buffer {
    const rowLength = this.width * 3 + 1;
    const scanlines = Buffer.alloc(rowLength * this.height);
    for (let y = 0; y < this.height; y++) {
      // Filter type 0 (none) per row keeps the encoder trivial; deflate still compresses flat areas well.
      scanlines[y * rowLength] = 0;
      scanlines.set(this.pixels.subarray(y * this.width * 3, (y + 1) * this.width * 3), y * rowLength + 1);
    }
    return encodeRgbPng(this.width, this.height, scanlines);
  }
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((index) =>
    Math.round(from[index]! + (to[index]! - from[index]!) * amount),
  ) as unknown as Rgb;
}

interface Appearance {
  skinTone: number;
  hairTone: number;
  cardHue: number;
}

function drawFace(raster: Raster, centerX: number, centerY: number, size: number, look: Appearance): void {
  const skin = mix([246, 214, 186], [110, 72, 48], look.skinTone);
  const hair = mix([232, 200, 120], [30, 22, 18], look.hairTone);
  raster.fillEllipse(centerX, centerY + size * 1.25, size * 1.2, size * 0.7, [70, 90, 130]); // shoulders
  raster.fillEllipse(centerX, centerY + size * 0.75, size * 0.28, size * 0.3, skin); // neck
  raster.fillEllipse(centerX, centerY - size * 0.15, size * 0.72, size * 0.72, hair);
  raster.fillEllipse(centerX, centerY, size * 0.6, size * 0.75, skin);
  const eyeY = centerY - size * 0.12;
  for (const side of [-1, 1]) {
    raster.fillEllipse(centerX + side * size * 0.24, eyeY, size * 0.1, size * 0.06, [255, 255, 255]);
    raster.fillEllipse(centerX + side * size * 0.24, eyeY, size * 0.045, size * 0.05, [50, 40, 30]);
  }
  raster.fillEllipse(centerX, centerY + size * 0.1, size * 0.06, size * 0.12, mix(skin, [0, 0, 0], 0.15));
  raster.fillEllipse(centerX, centerY + size * 0.38, size * 0.22, size * 0.06, [170, 70, 70]);
}

/** Deterministic picture for a session's person: same seed and kind, same bytes. */
export function renderMediaPng(kind: MediaKind, seed: string, look: Appearance): Buffer {
  const random = new SeededRandom(`media:${kind}:${seed}`);
  const cardColor = mix([200, 225, 245], [235, 215, 190], look.cardHue);
  switch (kind) {
    case 'selfie': {
      const raster = new Raster(240, 320, mix([190, 200, 210], [225, 220, 205], random.next()));
      drawFace(raster, 120, 140, 80, look);
      return raster.toPng();
    }
    case 'id-portrait': {
      const raster = new Raster(120, 150, [235, 235, 235]);
      drawFace(raster, 60, 65, 40, look);
      return raster.toPng();
    }
    case 'id-front': {
      const raster = new Raster(428, 270, cardColor);
      raster.fillRect(0, 0, 428, 44, mix(cardColor, [20, 40, 90], 0.7));
      raster.fillRect(20, 62, 120, 150, [235, 235, 235]);
      drawFace(raster, 80, 127, 40, look);
      for (let line = 0; line < 6; line++) {
        raster.fillRect(160, 70 + line * 24, random.integer(120, 240), 9, [60, 60, 70]);
      }
      raster.fillRect(20, 228, 388, 8, [90, 90, 100]);
      return raster.toPng();
    }
    case 'id-back': {
      const raster = new Raster(428, 270, cardColor);
      raster.fillRect(30, 30, 180, 90, mix(cardColor, [0, 0, 0], 0.1));
      for (let line = 0; line < 3; line++) raster.fillRect(20, 190 + line * 22, 388, 12, [40, 40, 40]);
      return raster.toPng();
    }
  }
}

/** Presigned-looking URLs: anyone holding one can fetch the picture until it expires, with no API key. */
export class MediaSigner {
  constructor(private readonly secret: string) {}

  private signature(path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${expires}`).digest('hex');
  }

  url(baseUrl: string, sessionId: string, kind: MediaKind, expires: number): string {
    const path = `/media/${sessionId}/${kind}.png`;
    const query = new URLSearchParams({
      'X-Sandbox-Algorithm': 'HMAC-SHA256',
      expires: String(expires),
      signature: this.signature(path, expires),
    });
    return `${baseUrl}${path}?${query.toString()}`;
  }

  verify(path: string, expires: string | undefined, signature: string | undefined): boolean {
    if (!expires || !signature || !/^\d+$/.test(expires)) return false;
    const expected = Buffer.from(this.signature(path, Number(expires)), 'hex');
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

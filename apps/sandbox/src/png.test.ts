import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeRgbPng, PNG_SIGNATURE } from './png';

function chunks(png: Buffer) {
  const found: { type: string; data: Buffer; crcOk: boolean }[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    found.push({
      type: typeAndData.subarray(0, 4).toString('ascii'),
      data: typeAndData.subarray(4),
      crcOk: png.readUInt32BE(offset + 8 + length) === crc32(typeAndData) >>> 0,
    });
    offset += 12 + length;
  }
  return found;
}

describe('encodeRgbPng', () => {
  it('writes a signed PNG whose header, checksums and pixel data read back as given', () => {
    // Two rows of a filter byte and two RGB pixels: red, green / blue, white.
    const scanlines = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
    const png = encodeRgbPng(2, 2, scanlines);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const [header, data, end] = chunks(png);
    expect([header?.type, data?.type, end?.type]).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([header, data, end].every((chunk) => chunk?.crcOk)).toBe(true);
    expect(header?.data.readUInt32BE(0)).toBe(2);
    expect(header?.data.readUInt32BE(4)).toBe(2);
    expect([...(header?.data.subarray(8) ?? [])]).toEqual([8, 2, 0, 0, 0]);
    expect(inflateSync(data!.data).equals(scanlines)).toBe(true);
    expect(end?.data.length).toBe(0);
  });
});

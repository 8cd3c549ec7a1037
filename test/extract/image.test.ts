import { imageExtractor, isImage } from '../../src/core/extract/image';
import { contextWith } from './extract-helpers';

const bytes = (...values: Array<number | string>): Uint8Array =>
  new Uint8Array(
    values.flatMap((v) => (typeof v === 'number' ? [v] : v.split('').map((c) => c.charCodeAt(0)))),
  );

describe('image extractor', () => {
  it.each([
    ['png', bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['gif', bytes('GIF89a')],
    ['bmp', bytes('BM', 0x36, 0, 0, 0, 0, 0, 0, 0)],
    ['tiff little-endian', bytes('II', 0x2a, 0)],
    ['tiff big-endian', bytes('MM', 0, 0x2a)],
    ['webp', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ')],
    ['heic', bytes(0, 0, 0, 0x18, 'ftypheic')],
    ['avif', bytes(0, 0, 0, 0x1c, 'ftypavif')],
  ])('recognizes %s by its magic bytes', (_kind, head) => {
    expect(isImage(head)).toBe(true);
  });

  it.each([
    ['a text file starting with BM', bytes('BMW sales report')],
    ['an mp4 video', bytes(0, 0, 0, 0x18, 'ftypmp42')],
    ['a zip', bytes('PK', 3, 4)],
    ['an empty file', bytes()],
  ])('does not claim %s', (_kind, head) => {
    expect(isImage(head)).toBe(false);
  });

  it('reports images as not scanned, so policy can decide', () => {
    expect(imageExtractor.extract(bytes(0xff, 0xd8, 0xff), 'scan.jpg', contextWith())).toEqual({
      ok: false,
      reason: 'image',
      detail: "images are not OCR'd",
    });
  });
});

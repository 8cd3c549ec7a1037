import type { Extractor } from './extractor';

/**
 * Images are not OCR'd at Send (no OCR engine fits Outlook's JS-only runtime and its time
 * budget); they are reported as not scanned so policy can decide. Recognized by magic bytes.
 */

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false;
  return true;
}

const ascii = (text: string): number[] => text.split('').map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = ascii('GIF8');
const BMP = ascii('BM');
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const FTYP = ascii('ftyp');
/** ISO-BMFF brands of HEIF/HEIC/AVIF still images. */
const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif'];

function isHeif(head: Uint8Array): boolean {
  if (!startsWith(head, FTYP, 4) || head.length < 12) return false;
  const brand = String.fromCharCode(
    head[8] as number,
    head[9] as number,
    head[10] as number,
    head[11] as number,
  );
  return HEIF_BRANDS.indexOf(brand) >= 0;
}

/** True when the first bytes are those of a png, jpeg, gif, bmp, tiff, webp or heic/avif image. */
export function isImage(head: Uint8Array): boolean {
  return (
    startsWith(head, PNG) ||
    startsWith(head, JPEG) ||
    startsWith(head, GIF) ||
    // 'BM' alone is two common letters: also require the reserved zero bytes at 6..9.
    (startsWith(head, BMP) && startsWith(head, [0, 0, 0, 0], 6)) ||
    startsWith(head, TIFF_LE) ||
    startsWith(head, TIFF_BE) ||
    (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) ||
    isHeif(head)
  );
}

export const imageExtractor: Extractor = {
  id: 'image',
  extensions: ['png', 'jpg', 'jpeg', 'jpe', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'heif', 'avif'],
  contentTypes: [
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/bmp',
    'image/tiff',
    'image/webp',
    'image/heic',
    'image/heif',
    'image/avif',
  ],
  sniff: isImage,
  extract() {
    return { ok: false, reason: 'image', detail: "images are not OCR'd" };
  },
};

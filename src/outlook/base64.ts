/**
 * Base64 <-> bytes without atob/btoa/Buffer: classic Outlook's JavaScript-only runtime has no DOM
 * helpers, and attachments arrive from getAttachmentContentAsync as Base64 strings (up to ~35 MB).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const NOT_BASE64 = 255;

const DECODE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(NOT_BASE64);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62; // base64url, seen from some clients
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/** Decodes Base64, skipping whitespace and stopping at padding. Invalid characters throw. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let written = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) break;
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    const value = code < 256 ? (DECODE_TABLE[code] as number) : NOT_BASE64;
    if (value === NOT_BASE64) throw new Error(`Invalid Base64 character at offset ${i}`);
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, written);
}

/** Encodes bytes as Base64 (used by the mock mailbox, which plays Outlook's side). */
export function encodeBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let chunk = '';
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i] as number;
      const b1 = i + 1 < end ? (bytes[i + 1] as number) : 0;
      const b2 = i + 2 < end ? (bytes[i + 2] as number) : 0;
      const triple = (b0 << 16) | (b1 << 8) | b2;
      chunk += ALPHABET.charAt((triple >> 18) & 63) + ALPHABET.charAt((triple >> 12) & 63);
      chunk += i + 1 < end ? ALPHABET.charAt((triple >> 6) & 63) : '=';
      chunk += i + 2 < end ? ALPHABET.charAt(triple & 63) : '=';
    }
    chunks.push(chunk);
  }
  return chunks.join('');
}

/**
 * SHA-256 of a string, as lower-case hex: the JavaScript-only runtime has no crypto.subtle. Used to
 * remember a decision (justified, warned) against a fingerprint of the message instead of the
 * message itself. The hash is the core's own (written for PDF decryption, tested against Node's).
 */
import { sha256 } from '../core/extract/pdf-crypto';
import { encodeUtf8 } from '../core/extract/text-decode';

export function sha256Hex(text: string): string {
  const digest = sha256(encodeUtf8(text));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += ((digest[i] as number) + 0x100).toString(16).slice(1);
  return hex;
}

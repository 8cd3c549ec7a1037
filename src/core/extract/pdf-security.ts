import { aesCbcDecrypt, aesCbcEncrypt, md5, rc4, sha256, sha384, sha512 } from './pdf-crypto';
import { PdfDict, PdfString, asDict, asName, asNumber, type PdfValue } from './pdf-lexer';

/**
 * The standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4) for PDFs that open
 * with an EMPTY user password: "protected" files that every viewer shows without asking (the
 * owner password only restricts printing or copying). Their text is readable by anyone, so it is
 * scanned. Supported: RC4 40-128 bit (R2-R4), AES-128 (AESV2) and AES-256 (R5, and R6 with its
 * iterated hash). A real user password or a certificate handler stays 'encrypted'.
 */

const PASSWORD_PAD = new Uint8Array([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e,
  0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);
const AES_SALT = [0x73, 0x41, 0x6c, 0x54];

type Method = 'rc4' | 'aes128' | 'aes256' | 'none';

export interface Decryptor {
  /** Decrypts the bytes of a string or stream of object num/gen. */
  decrypt(bytes: Uint8Array, num: number, gen: number, kind: 'stream' | 'string'): Uint8Array;
}

function concat(...parts: Array<Uint8Array | number[]>): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function bytesOf(value: PdfValue | undefined): Uint8Array {
  return value instanceof PdfString ? value.bytes : new Uint8Array(0);
}

function equalPrefix(a: Uint8Array, b: Uint8Array, length: number): boolean {
  if (a.length < length || b.length < length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The method of a crypt filter (V4/V5 /CF entries); Identity means not encrypted. */
function filterMethod(encrypt: PdfDict, filterName: string | undefined, fallback: Method): Method {
  if (filterName === undefined || filterName === 'Identity')
    return filterName === 'Identity' ? 'none' : fallback;
  const filter = asDict(asDict(encrypt.get('CF'))?.get(filterName));
  const cfm = asName(filter?.get('CFM'));
  if (cfm === 'V2') return 'rc4';
  if (cfm === 'AESV2') return 'aes128';
  if (cfm === 'AESV3') return 'aes256';
  return cfm === 'None' ? 'none' : fallback;
}

/** Algorithm 2: the file key from the empty password (R2-R4). */
function rc4EraKey(encrypt: PdfDict, id0: Uint8Array, revision: number, length: number): Uint8Array {
  const p = (asNumber(encrypt.get('P')) ?? 0) | 0;
  const pBytes = [p & 0xff, (p >> 8) & 0xff, (p >> 16) & 0xff, (p >>> 24) & 0xff];
  const noMetadata =
    revision >= 4 && encrypt.get('EncryptMetadata') === false ? [0xff, 0xff, 0xff, 0xff] : [];
  let digest = md5(concat(PASSWORD_PAD, bytesOf(encrypt.get('O')).subarray(0, 32), pBytes, id0, noMetadata));
  if (revision >= 3) for (let i = 0; i < 50; i++) digest = md5(digest.subarray(0, length));
  return digest.slice(0, length);
}

/** Algorithms 4 and 5: does the empty password open the file? */
function emptyPasswordWorks(key: Uint8Array, encrypt: PdfDict, id0: Uint8Array, revision: number): boolean {
  const u = bytesOf(encrypt.get('U'));
  if (revision === 2) return equalPrefix(rc4(key, PASSWORD_PAD), u, 32);
  let value = rc4(key, md5(concat(PASSWORD_PAD, id0)));
  for (let i = 1; i <= 19; i++)
    value = rc4(
      key.map((b) => b ^ i),
      value,
    );
  return equalPrefix(value, u, 16);
}

/** Rounds of the R6 hash are at least 64; a forged file cannot make it loop much longer (E's last byte bounds it). */
const R6_MIN_ROUNDS = 64;
const R6_MAX_ROUNDS = 64 + 256 + 32;

/** Algorithm 2.B (ISO 32000-2): the iterated SHA-256/384/512 + AES-128 hash of R6, for the empty password. */
function r6Hash(salt: Uint8Array): Uint8Array {
  let k = sha256(salt);
  for (let round = 1; round <= R6_MAX_ROUNDS; round++) {
    const k1 = new Uint8Array(k.length * 64);
    for (let i = 0; i < 64; i++) k1.set(k, i * k.length);
    const e = aesCbcEncrypt(k.subarray(0, 16), k.subarray(16, 32), k1);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i] as number;
    k = sum % 3 === 0 ? sha256(e) : sum % 3 === 1 ? sha384(e) : sha512(e);
    if (round >= R6_MIN_ROUNDS && (e[e.length - 1] as number) <= round - 32) break;
  }
  return k.subarray(0, 32);
}

/** R5 and R6 (AES-256): validation and key salts in U, the file key wrapped in UE. */
function aes256Key(encrypt: PdfDict, revision: number): Uint8Array | undefined {
  const u = bytesOf(encrypt.get('U'));
  const ue = bytesOf(encrypt.get('UE'));
  if (u.length < 48 || ue.length < 32) return undefined;
  const hash = revision === 6 ? r6Hash : sha256;
  if (!equalPrefix(hash(u.subarray(32, 40)), u, 32)) return undefined;
  return aesCbcDecrypt(hash(u.subarray(40, 48)), ue.subarray(0, 32), new Uint8Array(16), false);
}

class StandardDecryptor implements Decryptor {
  constructor(
    private readonly key: Uint8Array,
    private readonly streams: Method,
    private readonly strings: Method,
  ) {}

  decrypt(bytes: Uint8Array, num: number, gen: number, kind: 'stream' | 'string'): Uint8Array {
    const method = kind === 'stream' ? this.streams : this.strings;
    if (method === 'none') return bytes;
    if (method === 'aes256') return bytes.length >= 16 ? aesCbcDecrypt(this.key, bytes) : new Uint8Array(0);
    // Algorithm 1: a key per object.
    const objectKey = md5(
      concat(
        this.key,
        [num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff],
        method === 'aes128' ? AES_SALT : [],
      ),
    ).subarray(0, Math.min(this.key.length + 5, 16));
    if (method === 'rc4') return rc4(objectKey, bytes);
    return bytes.length >= 16 ? aesCbcDecrypt(objectKey, bytes) : new Uint8Array(0);
  }
}

/**
 * A decryptor when the file opens with the empty user password; undefined when it needs a
 * password or uses a handler this reader does not implement.
 */
export function openWithEmptyPassword(encrypt: PdfDict, id0: Uint8Array): Decryptor | undefined {
  if (asName(encrypt.get('Filter')) !== 'Standard') return undefined;
  const version = asNumber(encrypt.get('V')) ?? 0;
  const revision = asNumber(encrypt.get('R')) ?? 0;
  if (version === 5 && (revision === 5 || revision === 6)) {
    const key = aes256Key(encrypt, revision);
    if (!key) return undefined;
    const streams = filterMethod(encrypt, asName(encrypt.get('StmF')), 'aes256');
    const strings = filterMethod(encrypt, asName(encrypt.get('StrF')), 'aes256');
    return new StandardDecryptor(key, streams, strings);
  }
  if (revision < 2 || revision > 4 || (version !== 1 && version !== 2 && version !== 4)) return undefined;
  const bits = version === 1 ? 40 : (asNumber(encrypt.get('Length')) ?? 40);
  const length = revision === 2 ? 5 : Math.max(5, Math.min(16, Math.floor(bits / 8)));
  const key = rc4EraKey(encrypt, id0, revision, length);
  if (!emptyPasswordWorks(key, encrypt, id0, revision)) return undefined;
  if (version === 4) {
    const streams = filterMethod(encrypt, asName(encrypt.get('StmF')), 'none');
    const strings = filterMethod(encrypt, asName(encrypt.get('StrF')), 'none');
    return new StandardDecryptor(key, streams, strings);
  }
  return new StandardDecryptor(key, 'rc4', 'rc4');
}

import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  md5,
  rc4,
  sha256,
  sha384,
  sha512,
} from '../../src/core/extract/pdf-crypto';
import { pdfExtractor } from '../../src/core/extract/pdf';
import { contextWith, locate, texts } from './extract-helpers';
import { buildPdf, flate, latin1Bytes, pageTree } from './pdf-fixtures';

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const md5Node = (...parts: Uint8Array[]): Buffer => createHash('md5').update(Buffer.concat(parts)).digest();

describe('pdf crypto primitives agree with node:crypto', () => {
  it.each([0, 1, 55, 56, 64, 1000])('md5 and sha256 of %i bytes', (n) => {
    const data = randomBytes(n);
    expect(hex(md5(data))).toBe(createHash('md5').update(data).digest('hex'));
    expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it.each([0, 111, 112, 128, 3000])('sha384 and sha512 of %i bytes', (n) => {
    const data = randomBytes(n);
    expect(hex(sha384(data))).toBe(createHash('sha384').update(data).digest('hex'));
    expect(hex(sha512(data))).toBe(createHash('sha512').update(data).digest('hex'));
  });

  it('AES-128-CBC encryption (no padding)', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const plain = randomBytes(64);
    const cipher = createCipheriv('aes-128-cbc', key, iv);
    cipher.setAutoPadding(false);
    expect(hex(aesCbcEncrypt(key, iv, plain))).toBe(
      hex(Buffer.concat([cipher.update(plain), cipher.final()])),
    );
  });

  it.each([16, 32])('AES-CBC with a %i-byte key', (keyLength) => {
    const key = randomBytes(keyLength);
    const iv = randomBytes(16);
    const plain = randomBytes(100);
    const cipher = createCipheriv(keyLength === 16 ? 'aes-128-cbc' : 'aes-256-cbc', key, iv);
    const encrypted = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    expect(hex(aesCbcDecrypt(key, encrypted))).toBe(hex(plain));
  });

  it('rc4 round-trips and matches the RFC 6229 key 0102030405 keystream', () => {
    const key = new Uint8Array([1, 2, 3, 4, 5]);
    expect(hex(rc4(key, new Uint8Array(16)))).toBe('b2396305f03dc027ccc3524a0a1118a8');
    const data = randomBytes(50);
    expect(hex(rc4(key, rc4(key, data)))).toBe(hex(data));
  });
});

/** The encryption side, for fixtures: what a writer with an empty user password does. */
function rc4Era(options: { aes: boolean; wrongUser?: boolean }) {
  const id0 = randomBytes(16);
  const o = randomBytes(32);
  const p = -3904;
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p);
  let key = md5Node(PAD, o, pBytes, id0);
  for (let i = 0; i < 50; i++) key = md5Node(key.subarray(0, 16));
  key = key.subarray(0, 16);
  let u: Uint8Array = rc4(key, md5Node(PAD, id0));
  for (let i = 1; i <= 19; i++)
    u = rc4(
      key.map((b) => b ^ i),
      u,
    );
  const uFull = Buffer.concat([u, randomBytes(16)]);
  if (options.wrongUser) uFull[0] = (uFull[0] as number) ^ 1;
  const objectKey = (num: number): Buffer =>
    md5Node(
      key,
      Buffer.from([num & 0xff, num >> 8, 0, 0, 0]),
      Buffer.from(options.aes ? 'sAlT' : '', 'latin1'),
    );
  const encrypt = (num: number, data: Uint8Array): Uint8Array => {
    if (!options.aes) return rc4(objectKey(num), data);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-cbc', objectKey(num), iv);
    return Buffer.concat([iv, cipher.update(data), cipher.final()]);
  };
  const dict = options.aes
    ? `<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <${hex(o)}> /U <${hex(uFull)}> /P ${p} >>`
    : `<< /Filter /Standard /V 2 /R 3 /Length 128 /O <${hex(o)}> /U <${hex(uFull)}> /P ${p} >>`;
  return { id0, dict, encrypt };
}

/** Page content in object 4, a form field in object 5 (its /V string encrypted), Helvetica in 6, /Encrypt in 7. */
function encryptedPdf(security: {
  id0: Uint8Array;
  dict: string;
  encrypt(num: number, data: Uint8Array): Uint8Array;
}) {
  const content = security.encrypt(4, flate('BT /F1 12 Tf 72 700 Td (Employee SSN: 536-22-8471) Tj ET'));
  const field = security.encrypt(5, latin1Bytes('287-65-4321'));
  return buildPdf(
    [
      ...pageTree(['/Contents 4 0 R /Annots [5 0 R] /Resources << /Font << /F1 6 0 R >> >>']),
      { dict: '/Filter /FlateDecode', data: content },
      `<< /Type /Annot /Subtype /Widget /FT /Tx /T (ssn) /V <${hex(field)}> >>`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      security.dict,
    ],
    { trailer: `/Encrypt 7 0 R /ID [<${hex(security.id0)}> <${hex(security.id0)}>]` },
  );
}

describe('pdf extractor: owner-password-only ("empty user password") files', () => {
  const context = contextWith();

  it.each([
    ['RC4 128-bit (R3)', false],
    ['AES-128 (V4 AESV2)', true],
  ])('opens %s and reads pages and form fields', (_name, aes) => {
    const outcome = pdfExtractor.extract(encryptedPdf(rc4Era({ aes })), 'x.pdf', context);
    expect(texts(outcome).map((t) => [t.where, t.text])).toEqual([
      ['page 1', 'Employee SSN: 536-22-8471'],
      ['page 1 form fields', '287-65-4321'],
    ]);
    expect(locate(outcome).map((f) => f.where)).toEqual(['page 1', 'page 1 form fields']);
  });

  /** ISO 32000-2 Algorithm 2.B for the empty password, written against node:crypto. */
  function r6HashNode(salt: Buffer): Buffer {
    let k = createHash('sha256').update(salt).digest();
    for (let i = 0; ;) {
      const k1 = Buffer.concat(Array.from({ length: 64 }, () => k));
      const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
      cipher.setAutoPadding(false);
      const e = Buffer.concat([cipher.update(k1), cipher.final()]);
      const mod = e.subarray(0, 16).reduce((a, b) => a + b, 0) % 3;
      k = createHash(['sha256', 'sha384', 'sha512'][mod] as string)
        .update(e)
        .digest();
      i++;
      if (i >= 64 && (e[e.length - 1] as number) <= i - 32) break;
    }
    return k.subarray(0, 32);
  }

  it.each([5, 6])('opens AES-256 R%i files', (revision) => {
    const hash = revision === 6 ? r6HashNode : (salt: Buffer) => createHash('sha256').update(salt).digest();
    const fileKey = randomBytes(32);
    const validationSalt = randomBytes(8);
    const keySalt = randomBytes(8);
    const u = Buffer.concat([hash(validationSalt), validationSalt, keySalt]);
    const wrap = createCipheriv('aes-256-cbc', hash(keySalt), Buffer.alloc(16));
    wrap.setAutoPadding(false);
    const ue = Buffer.concat([wrap.update(fileKey), wrap.final()]);
    const encrypt = (_num: number, data: Uint8Array): Uint8Array => {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', fileKey, iv);
      return Buffer.concat([iv, cipher.update(data), cipher.final()]);
    };
    const dict = `<< /Filter /Standard /V 5 /R ${revision} /Length 256 /CF << /StdCF << /CFM /AESV3 /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <${hex(randomBytes(48))}> /U <${hex(u)}> /UE <${hex(ue)}> /OE <${hex(randomBytes(32))}> /P -4 >>`;
    const outcome = pdfExtractor.extract(
      encryptedPdf({ id0: randomBytes(16), dict, encrypt }),
      'x.pdf',
      context,
    );
    expect(locate(outcome).map((f) => f.where)).toEqual(['page 1', 'page 1 form fields']);
  });

  it('reports files that need a user password as encrypted', () => {
    const outcome = pdfExtractor.extract(
      encryptedPdf(rc4Era({ aes: false, wrongUser: true })),
      'x.pdf',
      context,
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'encrypted' });
  });
});

/**
 * The primitives of the PDF standard security handler, in plain JavaScript (no WebCrypto: it is
 * asynchronous and missing from Outlook's JS-only runtime): MD5, RC4, SHA-256 and AES-CBC
 * decryption (128 and 256-bit keys). Used only to open PDFs whose user password is empty (owner
 * password "protection" that every viewer opens without asking); they protect nothing here.
 */

// ---------------------------------------------------------------- MD5 (RFC 1321)

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = (() => {
  const k = new Int32Array(64);
  for (let i = 0; i < 64; i++) k[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) | 0;
  return k;
})();

export function md5(data: Uint8Array): Uint8Array {
  const length = data.length;
  const padded = new Uint8Array(((length + 72) >> 6) << 6);
  padded.set(data);
  padded[length] = 0x80;
  const bits = length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 0x100000000), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  const m = new Int32Array(16);
  for (let block = 0; block < padded.length; block += 64) {
    for (let j = 0; j < 16; j++) m[j] = view.getInt32(block + j * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const shift = MD5_SHIFTS[(i >> 4) * 4 + (i & 3)] as number;
      const sum = (a + f + (MD5_K[i] as number) + (m[g] as number)) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  [a0, b0, c0, d0].forEach((v, i) => outView.setInt32(i * 4, v, true));
  return out;
}

// ---------------------------------------------------------------- RC4

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    const t = s[i] as number;
    s[i] = s[j] as number;
    s[j] = t;
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    const t = s[i] as number;
    s[i] = s[j] as number;
    s[j] = t;
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

// ---------------------------------------------------------------- SHA-256 (FIPS 180-4)

const SHA256_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

export function sha256(data: Uint8Array): Uint8Array {
  const length = data.length;
  const padded = new Uint8Array(((length + 72) >> 6) << 6);
  padded.set(data);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, (length * 8) >>> 0, false);
  view.setUint32(padded.length - 8, Math.floor((length * 8) / 0x100000000), false);
  const h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Int32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(block + i * 4, false);
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15] as number;
      const w2 = w[i - 2] as number;
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h[0] as number,
      b = h[1] as number,
      c = h[2] as number,
      d = h[3] as number;
    let e = h[4] as number,
      f = h[5] as number,
      g = h[6] as number,
      hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh +
          (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
          ((e & f) ^ (~e & g)) +
          (SHA256_K[i] as number) +
          (w[i] as number)) |
        0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
    h[4] = (h[4] as number) + e;
    h[5] = (h[5] as number) + f;
    h[6] = (h[6] as number) + g;
    h[7] = (h[7] as number) + hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((v, i) => outView.setInt32(i * 4, v, false));
  return out;
}

// ---------------------------------------------------------------- SHA-384/512 (FIPS 180-4), 64-bit words as hi/lo pairs

/** Round constants: first 64 bits of the fractional cube roots of the first 80 primes, [hi, lo] pairs. */
const SHA512_K = new Int32Array([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc, 0x3956c25b,
  0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242,
  0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2, 0x72be5d74, 0xf27b896f, 0x80deb1fe,
  0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65, 0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc,
  0xbd41fbd4, 0x76f988da, 0x831153b5, 0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f,
  0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967,
  0x0a0e6e70, 0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b, 0xa2bfe8a1,
  0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218,
  0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8, 0x19a4c116, 0xb8d2d0c8, 0x1e376c08,
  0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814,
  0xa1f0ab72, 0x8cc70208, 0x1a6439ec, 0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915,
  0xc67178f2, 0xe372532b, 0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f,
  0xee6ed178, 0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c, 0x4cc5d4be,
  0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]);
const SHA512_IV = [
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1, 0x510e527f,
  0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
];
const SHA384_IV = [
  0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939, 0x67332667,
  0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4,
];

/**
 * SHA-512 compression with 64-bit words as (hi, lo) int32 pairs, allocation-free: the R6 password
 * hash runs it a few dozen times on 3-4 KB. Rotations by n >= 32 swap the halves.
 */
function sha512Family(data: Uint8Array, iv: number[], outBytes: number): Uint8Array {
  const length = data.length;
  const padded = new Uint8Array(((length + 144) >> 7) << 7);
  padded.set(data);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, (length * 8) >>> 0, false);
  view.setUint32(padded.length - 8, Math.floor((length * 8) / 0x100000000), false);
  const H = new Int32Array(iv);
  const W = new Int32Array(160);
  const K = SHA512_K;
  const CARRY = 0x100000000;
  for (let block = 0; block < padded.length; block += 128) {
    for (let i = 0; i < 32; i++) W[i] = view.getInt32(block + i * 4, false);
    for (let t = 16; t < 80; t++) {
      const xh = W[2 * (t - 15)] as number;
      const xl = W[2 * (t - 15) + 1] as number;
      const yh = W[2 * (t - 2)] as number;
      const yl = W[2 * (t - 2) + 1] as number;
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
      const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
      const lo =
        ((W[2 * (t - 16) + 1] as number) >>> 0) +
        (s0l >>> 0) +
        ((W[2 * (t - 7) + 1] as number) >>> 0) +
        (s1l >>> 0);
      W[2 * t] =
        (W[2 * (t - 16)] as number) + s0h + (W[2 * (t - 7)] as number) + s1h + Math.floor(lo / CARRY);
      W[2 * t + 1] = lo;
    }
    let ah = H[0] as number,
      al = H[1] as number,
      bh = H[2] as number,
      bl = H[3] as number;
    let ch = H[4] as number,
      cl = H[5] as number,
      dh = H[6] as number,
      dl = H[7] as number;
    let eh = H[8] as number,
      el = H[9] as number,
      fh = H[10] as number,
      fl = H[11] as number;
    let gh = H[12] as number,
      gl = H[13] as number,
      hh = H[14] as number,
      hl = H[15] as number;
    for (let t = 0; t < 80; t++) {
      const bigS1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const bigS1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chooseH = (eh & fh) ^ (~eh & gh);
      const chooseL = (el & fl) ^ (~el & gl);
      const t1Low =
        (hl >>> 0) +
        (bigS1l >>> 0) +
        (chooseL >>> 0) +
        ((K[2 * t + 1] as number) >>> 0) +
        ((W[2 * t + 1] as number) >>> 0);
      const t1h =
        (hh + bigS1h + chooseH + (K[2 * t] as number) + (W[2 * t] as number) + Math.floor(t1Low / CARRY)) | 0;
      const t1l = t1Low | 0;
      const bigS0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const bigS0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const majH = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majL = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2Low = (bigS0l >>> 0) + (majL >>> 0);
      const t2h = (bigS0h + majH + Math.floor(t2Low / CARRY)) | 0;
      const t2l = t2Low | 0;
      hh = gh;
      hl = gl;
      gh = fh;
      gl = fl;
      fh = eh;
      fl = el;
      const eLow = (dl >>> 0) + (t1l >>> 0);
      eh = (dh + t1h + Math.floor(eLow / CARRY)) | 0;
      el = eLow | 0;
      dh = ch;
      dl = cl;
      ch = bh;
      cl = bl;
      bh = ah;
      bl = al;
      const aLow = (t1l >>> 0) + (t2l >>> 0);
      ah = (t1h + t2h + Math.floor(aLow / CARRY)) | 0;
      al = aLow | 0;
    }
    const words = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
    for (let i = 0; i < 16; i += 2) {
      const low = ((H[i + 1] as number) >>> 0) + ((words[i + 1] as number) >>> 0);
      H[i] = (H[i] as number) + (words[i] as number) + Math.floor(low / CARRY);
      H[i + 1] = low;
    }
  }
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) outView.setInt32(i * 4, H[i] as number, false);
  return out.slice(0, outBytes);
}

export function sha512(data: Uint8Array): Uint8Array {
  return sha512Family(data, SHA512_IV, 64);
}

export function sha384(data: Uint8Array): Uint8Array {
  return sha512Family(data, SHA384_IV, 48);
}

// ---------------------------------------------------------------- AES (FIPS 197), decryption

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
(() => {
  // Multiplicative inverse in GF(2^8) by generator walk, then the affine transform.
  let p = 1;
  let q = 1;
  do {
    p = (p ^ ((p << 1) & 0xff) ^ (p & 0x80 ? 0x1b : 0)) & 0xff;
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    const x = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63;
    SBOX[p] = x;
    INV_SBOX[x] = p;
  } while (p !== 1);
  SBOX[0] = 0x63;
  INV_SBOX[0x63] = 0;
})();

function rotl8(x: number, shift: number): number {
  return ((x << shift) | (x >> (8 - shift))) & 0xff;
}

function xtime(x: number): number {
  return ((x << 1) ^ (x & 0x80 ? 0x1b : 0)) & 0xff;
}

function mul(x: number, y: number): number {
  let result = 0;
  let a = x;
  for (let b = y; b > 0; b >>= 1) {
    if (b & 1) result ^= a;
    a = xtime(a);
  }
  return result;
}

/** Round keys for a 16- or 32-byte key. */
function expandKey(key: Uint8Array): Uint8Array {
  const nk = key.length / 4;
  const rounds = nk + 6;
  const w = new Uint8Array(16 * (rounds + 1));
  w.set(key);
  let rcon = 1;
  for (let i = nk; i < 4 * (rounds + 1); i++) {
    let t0 = w[(i - 1) * 4] as number;
    let t1 = w[(i - 1) * 4 + 1] as number;
    let t2 = w[(i - 1) * 4 + 2] as number;
    let t3 = w[(i - 1) * 4 + 3] as number;
    if (i % nk === 0) {
      const first = t0;
      t0 = (SBOX[t1] as number) ^ rcon;
      t1 = SBOX[t2] as number;
      t2 = SBOX[t3] as number;
      t3 = SBOX[first] as number;
      rcon = xtime(rcon);
    } else if (nk > 6 && i % nk === 4) {
      t0 = SBOX[t0] as number;
      t1 = SBOX[t1] as number;
      t2 = SBOX[t2] as number;
      t3 = SBOX[t3] as number;
    }
    const back = (i - nk) * 4;
    w[i * 4] = (w[back] as number) ^ t0;
    w[i * 4 + 1] = (w[back + 1] as number) ^ t1;
    w[i * 4 + 2] = (w[back + 2] as number) ^ t2;
    w[i * 4 + 3] = (w[back + 3] as number) ^ t3;
  }
  return w;
}

/** GF(2^8) products by the inverse MixColumns coefficients, tabulated once. */
const MUL = [2, 9, 11, 13, 14].reduce<Record<number, Uint8Array>>((tables, factor) => {
  const table = new Uint8Array(256);
  for (let x = 0; x < 256; x++) table[x] = mul(x, factor);
  tables[factor] = table;
  return tables;
}, {});
const X2 = MUL[2] as Uint8Array;
const X9 = MUL[9] as Uint8Array;
const X11 = MUL[11] as Uint8Array;
const X13 = MUL[13] as Uint8Array;
const X14 = MUL[14] as Uint8Array;
const scratch = new Uint8Array(16);

/** Decryption T-tables (InvSubBytes + InvMixColumns per byte, as words), built once. */
const TD = (() => {
  const td0 = new Int32Array(256);
  for (let x = 0; x < 256; x++) {
    const v = INV_SBOX[x] as number;
    td0[x] =
      ((X14[v] as number) << 24) | ((X9[v] as number) << 16) | ((X13[v] as number) << 8) | (X11[v] as number);
  }
  const rotate = (table: Int32Array, n: number): Int32Array => table.map((w) => (w >>> n) | (w << (32 - n)));
  return [td0, rotate(td0, 8), rotate(td0, 16), rotate(td0, 24)] as const;
})();

/** The equivalent inverse cipher's round keys: reversed, InvMixColumns applied to the inner rounds. */
function decryptionKeys(key: Uint8Array): Int32Array {
  const w = expandKey(key);
  const rounds = key.length / 4 + 6;
  const words = new Int32Array(4 * (rounds + 1));
  const [td0, td1, td2, td3] = TD;
  for (let round = 0; round <= rounds; round++) {
    for (let i = 0; i < 4; i++) {
      const at = ((rounds - round) * 4 + i) * 4;
      const b0 = w[at] as number;
      const b1 = w[at + 1] as number;
      const b2 = w[at + 2] as number;
      const b3 = w[at + 3] as number;
      words[round * 4 + i] =
        round === 0 || round === rounds
          ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
          : (td0[SBOX[b0] as number] as number) ^
            (td1[SBOX[b1] as number] as number) ^
            (td2[SBOX[b2] as number] as number) ^
            (td3[SBOX[b3] as number] as number);
    }
  }
  return words;
}

/**
 * AES-CBC decryption with a 16- or 32-byte key (T-table implementation). `iv` undefined: the
 * first block of `data` is the IV (as PDF streams and strings store it). PKCS#7 padding is
 * removed when `unpad`.
 */
export function aesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv?: Uint8Array, unpad = true): Uint8Array {
  const rk = decryptionKeys(key);
  const rounds = key.length / 4 + 6;
  const [td0, td1, td2, td3] = TD;
  const start = iv ? 0 : 16;
  const blocks = Math.floor((data.length - start) / 16);
  const out = new Uint8Array(blocks * 16);
  const input = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const output = new DataView(out.buffer);
  const first = iv ?? data.subarray(0, 16);
  const ivView = new DataView(first.buffer, first.byteOffset, 16);
  let p0 = ivView.getInt32(0);
  let p1 = ivView.getInt32(4);
  let p2 = ivView.getInt32(8);
  let p3 = ivView.getInt32(12);
  for (let b = 0; b < blocks; b++) {
    const at = start + b * 16;
    const c0 = input.getInt32(at);
    const c1 = input.getInt32(at + 4);
    const c2 = input.getInt32(at + 8);
    const c3 = input.getInt32(at + 12);
    let s0 = c0 ^ (rk[0] as number);
    let s1 = c1 ^ (rk[1] as number);
    let s2 = c2 ^ (rk[2] as number);
    let s3 = c3 ^ (rk[3] as number);
    for (let r = 1; r < rounds; r++) {
      const k = r * 4;
      const t0 =
        (td0[s0 >>> 24] as number) ^
        (td1[(s3 >>> 16) & 255] as number) ^
        (td2[(s2 >>> 8) & 255] as number) ^
        (td3[s1 & 255] as number) ^
        (rk[k] as number);
      const t1 =
        (td0[s1 >>> 24] as number) ^
        (td1[(s0 >>> 16) & 255] as number) ^
        (td2[(s3 >>> 8) & 255] as number) ^
        (td3[s2 & 255] as number) ^
        (rk[k + 1] as number);
      const t2 =
        (td0[s2 >>> 24] as number) ^
        (td1[(s1 >>> 16) & 255] as number) ^
        (td2[(s0 >>> 8) & 255] as number) ^
        (td3[s3 & 255] as number) ^
        (rk[k + 2] as number);
      const t3 =
        (td0[s3 >>> 24] as number) ^
        (td1[(s2 >>> 16) & 255] as number) ^
        (td2[(s1 >>> 8) & 255] as number) ^
        (td3[s0 & 255] as number) ^
        (rk[k + 3] as number);
      s0 = t0;
      s1 = t1;
      s2 = t2;
      s3 = t3;
    }
    const k = rounds * 4;
    const last = (a: number, b2: number, c: number, d: number, key: number): number =>
      (((INV_SBOX[a >>> 24] as number) << 24) |
        ((INV_SBOX[(b2 >>> 16) & 255] as number) << 16) |
        ((INV_SBOX[(c >>> 8) & 255] as number) << 8) |
        (INV_SBOX[d & 255] as number)) ^
      key;
    output.setInt32(b * 16, last(s0, s3, s2, s1, rk[k] as number) ^ p0);
    output.setInt32(b * 16 + 4, last(s1, s0, s3, s2, rk[k + 1] as number) ^ p1);
    output.setInt32(b * 16 + 8, last(s2, s1, s0, s3, rk[k + 2] as number) ^ p2);
    output.setInt32(b * 16 + 12, last(s3, s2, s1, s0, rk[k + 3] as number) ^ p3);
    p0 = c0;
    p1 = c1;
    p2 = c2;
    p3 = c3;
  }
  if (!unpad || out.length === 0) return out;
  const pad = out[out.length - 1] as number;
  return pad >= 1 && pad <= 16 ? out.subarray(0, out.length - pad) : out;
}

function encryptBlock(state: Uint8Array, w: Uint8Array, rounds: number): void {
  const t = scratch;
  for (let i = 0; i < 16; i++) state[i] = (state[i] as number) ^ (w[i] as number);
  for (let round = 1; round <= rounds; round++) {
    // Sub bytes + shift rows.
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) t[c * 4 + r] = SBOX[state[((c + r) % 4) * 4 + r] as number] as number;
    }
    state.set(t);
    if (round < rounds) {
      for (let c = 0; c < 4; c++) {
        const a0 = state[c * 4] as number;
        const a1 = state[c * 4 + 1] as number;
        const a2 = state[c * 4 + 2] as number;
        const a3 = state[c * 4 + 3] as number;
        const b0 = X2[a0] as number;
        const b1 = X2[a1] as number;
        const b2 = X2[a2] as number;
        const b3 = X2[a3] as number;
        state[c * 4] = b0 ^ b1 ^ a1 ^ a2 ^ a3;
        state[c * 4 + 1] = a0 ^ b1 ^ b2 ^ a2 ^ a3;
        state[c * 4 + 2] = a0 ^ a1 ^ b2 ^ b3 ^ a3;
        state[c * 4 + 3] = b0 ^ a0 ^ a1 ^ a2 ^ b3;
      }
    }
    for (let i = 0; i < 16; i++) state[i] = (state[i] as number) ^ (w[round * 16 + i] as number);
  }
}

/** AES-CBC encryption without padding (`data` is a whole number of blocks): the R6 password hash needs it. */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const w = expandKey(key);
  const rounds = key.length / 4 + 6;
  const out = new Uint8Array(data.length - (data.length % 16));
  const state = new Uint8Array(16);
  let previous = iv;
  for (let at = 0; at < out.length; at += 16) {
    for (let i = 0; i < 16; i++) state[i] = (data[at + i] as number) ^ (previous[i] as number);
    encryptBlock(state, w, rounds);
    out.set(state, at);
    previous = out.subarray(at, at + 16);
  }
  return out;
}

#!/usr/bin/env node
// Writes the add-in icons (assets/icon-16.png ... icon-128.png): a blue shield with a white check
// mark, drawn with 4x4 supersampling and written as RGBA PNG through zlib. No image tools needed.
// Run: node assets/generate-icons.js
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const SHIELD = [15, 108, 189]; // Fluent brand blue #0F6CBD
const MARK = [255, 255, 255];
const SAMPLES = 4;

function insideShield(u, v) {
  const dx = Math.abs(u - 0.5);
  if (v < 0.1 + 0.06 * Math.pow(dx / 0.4, 2) || v > 0.93) return false;
  if (v < 0.55) return dx < 0.4;
  const t = (v - 0.55) / 0.38;
  return dx < 0.4 * Math.sqrt(Math.max(0, 1 - t * t));
}

function distanceToSegment(u, v, [ax, ay], [bx, by]) {
  const abx = bx - ax;
  const aby = by - ay;
  const t = Math.max(0, Math.min(1, ((u - ax) * abx + (v - ay) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(u - (ax + t * abx), v - (ay + t * aby));
}

function onCheckMark(u, v) {
  const width = 0.065;
  return (
    distanceToSegment(u, v, [0.3, 0.5], [0.45, 0.65]) < width ||
    distanceToSegment(u, v, [0.45, 0.65], [0.72, 0.36]) < width
  );
}

function pixel(size, x, y) {
  let shield = 0;
  let mark = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const u = (x + (sx + 0.5) / SAMPLES) / size;
      const v = (y + (sy + 0.5) / SAMPLES) / size;
      if (!insideShield(u, v)) continue;
      shield++;
      if (onCheckMark(u, v)) mark++;
    }
  }
  const total = SAMPLES * SAMPLES;
  if (shield === 0) return [0, 0, 0, 0];
  const m = mark / shield;
  const rgb = SHIELD.map((c, i) => Math.round(c * (1 - m) + MARK[i] * m));
  return [...rgb, Math.round((255 * shield) / total)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      Buffer.from(pixel(size, x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png(size));
}
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')}`);

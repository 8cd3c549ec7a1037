/**
 * PDF benchmark (issue 3): a generated multi-page PDF with names, addresses and SSNs (Flate
 * content streams, some lines as TJ arrays with kerning, text typeset glyph by glyph, an object
 * stream + xref stream variant), read by SendWarden's own extractor and by pdfjs-dist (legacy
 * build, what people use in Node); each page's text goes through the same scanText. Reports time
 * (warm, best of five), peak memory (maxRSS high-water mark above the post-load baseline, each
 * contender in a fresh child process), whether both find the same SSNs on the same pages, and the
 * minified size each extractor adds to the send-time bundle (esbuild --bundle --minify, iife).
 * Prints a Markdown section. Needs the compiled core: `npm run build:cli`.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.join(__dirname, '../..');
const lib = (p) => require(path.join(root, 'lib/core', p));
const RUNS = 5;
const FIXTURES = path.join(os.tmpdir(), 'sendwarden-bench-pdf');
const SIZES = [
  { pages: 20, lines: 45, imageBytes: 0 },
  { pages: 400, lines: 45, imageBytes: 0 },
  // About 25 MB: every page carries a 500 KB JPEG (like a scan with a text layer), never decoded.
  { pages: 50, lines: 10, imageBytes: 500 * 1024 },
];

// ---------------------------------------------------------------- fixtures (deterministic)

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const NAMES = [
  'Ann Lee',
  'Bob Roe',
  'Carla Diaz',
  'Deng Wu',
  'Emil Berg',
  'Fatima Noor',
  'Greg Hall',
  'Hana Sato',
];
const STREETS = ['Main St', 'Oak Ave', 'Lake Rd', 'Pine Ct', 'Elm Blvd', 'Cedar Ln'];

function ssn(next) {
  const area = 100 + Math.floor(next() * 565); // 100..664: never 000, 666 or 9xx
  const group = 10 + Math.floor(next() * 89);
  const serial = 1000 + Math.floor(next() * 8999);
  return `${area}-${group}-${serial}`;
}

const escapePdf = (s) => s.replace(/[\\()]/g, (c) => '\\' + c);

/** Helvetica-ish widths for the glyph-by-glyph lines (1/1000 em): all 556 keeps it simple and exact. */
const WIDTH = 556;

function pageContent(next, lines, expected, page) {
  const ops = ['BT /F1 10 Tf'];
  const em = (WIDTH / 1000) * 10;
  for (let i = 0; i < lines; i++) {
    const y = 760 - 15 * i;
    const name = NAMES[Math.floor(next() * NAMES.length)];
    const street = `${1 + Math.floor(next() * 9999)} ${STREETS[Math.floor(next() * STREETS.length)]}`;
    const value = ssn(next);
    expected.push(`${page}:${value.replace(/-/g, '')}`);
    ops.push(`1 0 0 1 50 ${y} Tm`);
    const style = i % 3;
    if (style === 0) ops.push(`(${escapePdf(`${name}, ${street}, SSN ${value}`)}) Tj`);
    else if (style === 1) ops.push(`[(${name},)-250(${street},)-250(SS)15(N)-250(${value})] TJ`);
    else {
      // The number one glyph at a time, each placed by its own text matrix (how some report writers emit text).
      const prefix = `${name} ${street} SSN `;
      ops.push(`(${escapePdf(prefix)}) Tj`);
      value.split('').forEach((c, k) => {
        ops.push(`1 0 0 1 ${(50 + (prefix.length + k) * em).toFixed(2)} ${y} Tm (${c}) Tj`);
      });
    }
  }
  ops.push('ET');
  return ops.join('\n');
}

function buildPdf(pages, lines, seed, imageBytes) {
  const next = rng(seed);
  const expected = [];
  const objects = [];
  const widths = new Array(95).fill(WIDTH).join(' ');
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  const kids = [];
  const font = 3;
  objects[font] =
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [${widths}] >>`;
  for (let p = 0; p < pages; p++) {
    const pageNum = 4 + p * 3;
    const contentNum = pageNum + 1;
    const imageNum = pageNum + 2;
    kids.push(`${pageNum} 0 R`);
    const xobject = imageBytes > 0 ? ` /XObject << /Im1 ${imageNum} 0 R >>` : '';
    objects[pageNum] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${contentNum} 0 R /Resources << /Font << /F1 ${font} 0 R >>${xobject} >> >>`;
    const draw = imageBytes > 0 ? 'q 512 0 0 692 50 50 cm /Im1 Do Q\n' : '';
    const data = zlib.deflateSync(Buffer.from(draw + pageContent(next, lines, expected, p + 1), 'latin1'));
    objects[contentNum] = { dict: '/Filter /FlateDecode', data };
    if (imageBytes > 0) {
      const pixels = Buffer.alloc(imageBytes);
      for (let i = 0; i < imageBytes; i += 4) pixels.writeUInt32LE((next() * 0x100000000) >>> 0, i);
      objects[imageNum] = {
        dict: '/Type /XObject /Subtype /Image /Width 1024 /Height 1400 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode',
        data: pixels,
      };
    } else objects[imageNum] = 'null';
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  const chunks = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0].length;
  const offsets = [];
  for (let num = 1; num < objects.length; num++) {
    const o = objects[num];
    offsets[num] = length;
    const bytes =
      typeof o === 'string'
        ? Buffer.from(`${num} 0 obj\n${o}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${num} 0 obj\n<< ${o.dict} /Length ${o.data.length} >>\nstream\n`, 'latin1'),
            o.data,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    chunks.push(bytes);
    length += bytes.length;
  }
  const rows = offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`);
  chunks.push(
    Buffer.from(
      `xref\n0 ${objects.length}\n0000000000 65535 f \n${rows.join('')}trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return { bytes: Buffer.concat(chunks), expected: [...new Set(expected)].sort() };
}

// ---------------------------------------------------------------- contenders (run in a child)

function ssnsOf(pageTexts) {
  const { scanText } = lib('detect/scan-text.js');
  const found = new Set();
  pageTexts.forEach(({ page, text }) => {
    for (const f of scanText(text).findings) {
      if (f.entity === 'US_SSN') found.add(`${page}:${text.slice(f.start, f.end).replace(/\D/g, '')}`);
    }
  });
  return [...found].sort();
}

function sendWardenPages(bytes) {
  const { pdfExtractor } = lib('extract/pdf.js');
  const { parseExtractLimits } = lib('extract/limits.js');
  const context = { limits: parseExtractLimits(), deadline: Date.now() + 600000, now: Date.now, depth: 0 };
  const outcome = pdfExtractor.extract(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    'bench.pdf',
    context,
  );
  if (!outcome.ok) throw new Error(`extract failed: ${outcome.reason}`);
  return outcome.texts.map((t) => ({ page: Number(t.where.replace('page ', '')), text: t.text }));
}

async function pdfjsPages(bytes) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    pages.push({ page: p, text: content.items.map((i) => (i.str || '') + (i.hasEOL ? '\n' : '')).join('') });
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}

async function child(which, file) {
  const bytes = fs.readFileSync(file);
  const extract = which === 'sendwarden' ? async () => sendWardenPages(bytes) : () => pdfjsPages(bytes);
  if (which === 'pdfjs') await import('pdfjs-dist/legacy/build/pdf.mjs');
  lib('detect/scan-text.js');
  lib('extract/pdf.js');
  if (global.gc) global.gc();
  const baseline = process.memoryUsage().rss;
  let best = Infinity;
  let bestExtract = Infinity;
  let ssns = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const started = process.hrtime.bigint();
    const pages = await extract();
    const extracted = process.hrtime.bigint();
    ssns = ssnsOf(pages);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r > 0) {
      // Run 0 warms up.
      best = Math.min(best, ms);
      bestExtract = Math.min(bestExtract, Number(extracted - started) / 1e6);
    }
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  const peakMb = Math.max(0, peak - baseline) / 2 ** 20;
  process.stdout.write(JSON.stringify({ ms: best, extractMs: bestExtract, peakMb, ssns }));
}

function measure(which, file) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', path.join(__dirname, 'pdf.js'), '--child', which, file],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out);
}

// ---------------------------------------------------------------- bundle size

function bundleSize(entry) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2016',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gz: zlib.gzipSync(code).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => (n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MB` : kb(n));

// ---------------------------------------------------------------- main

function main() {
  fs.mkdirSync(FIXTURES, { recursive: true });
  const lines = ['## PDF extraction (issue 3)', ''];
  lines.push(
    'Generated PDFs: 45 lines per page (10 on the image pages) of name, address and SSN; one line in three as a TJ array with kerning,',
    'one in three with the SSN typeset glyph by glyph; Flate content streams. Each page text goes through the',
    "same scanText; 'same SSNs' compares the (page, SSN) pairs found with those generated. Warm, best of five;",
    'peak = maxRSS high-water mark above the baseline after loading, each contender in a fresh process.',
    '',
    '| PDF | Reader | Text extraction | Extraction + scanText | Peak memory | SSNs found / generated | Same as generated |',
    '| --- | --- | ---: | ---: | ---: | ---: | :---: |',
  );
  for (const size of SIZES) {
    const { bytes, expected } = buildPdf(size.pages, size.lines, 42 + size.pages, size.imageBytes);
    const file = path.join(FIXTURES, `bench-${size.pages}.pdf`);
    fs.writeFileSync(file, bytes);
    const label = `${size.pages} pages${size.imageBytes ? ' with a JPEG each' : ''}, ${mb(bytes.length)}`;
    for (const which of ['sendwarden', 'pdfjs']) {
      const r = measure(which, file);
      const same = r.ssns.length === expected.length && r.ssns.every((s, i) => s === expected[i]);
      const name = which === 'sendwarden' ? 'SendWarden pdf.ts' : 'pdfjs-dist (legacy) getTextContent';
      lines.push(
        `| ${label} | ${name} | ${r.extractMs.toFixed(1)} ms | ${r.ms.toFixed(1)} ms | ${r.peakMb.toFixed(1)} MB | ${r.ssns.length} / ${expected.length} | ${same ? 'yes' : 'no'} |`,
      );
    }
  }
  // A real producer's file: Chromium (Skia) prints with Type0 Identity-H fonts and ToUnicode maps.
  const chromium = path.join(root, 'test/fixtures/chromium-two-pages.pdf');
  for (const which of ['sendwarden', 'pdfjs']) {
    const r = measure(which, chromium);
    const same = r.ssns.length === 1 && r.ssns[0] === '2:536228471';
    const name = which === 'sendwarden' ? 'SendWarden pdf.ts' : 'pdfjs-dist (legacy) getTextContent';
    const label = `Chromium-printed, 2 pages, ${kb(fs.statSync(chromium).size)}`;
    lines.push(
      `| ${label} | ${name} | ${r.extractMs.toFixed(1)} ms | ${r.ms.toFixed(1)} ms | ${r.peakMb.toFixed(1)} MB | ${r.ssns.length} / 1 | ${same ? 'yes' : 'no'} |`,
    );
  }
  lines.push(
    '',
    '### Minified size added to the send-time bundle (esbuild --bundle --minify, ES2016 iife)',
    '',
  );
  lines.push('| Entry | Minified | gzip |', '| --- | ---: | ---: |');
  const entries = [
    ['src/core/extract/pdf.ts', 'pdf (with our inflate and the empty-password decryption)'],
    ['src/core/extract/ole-extractor.ts', 'ole router + xls + doc + msg'],
    ['src/core/extract/xls.ts', 'xls'],
    ['src/core/extract/doc.ts', 'doc'],
    ['src/core/extract/msg.ts', 'msg'],
    ['src/core/extract/eml.ts', 'eml (MIME parser)'],
    ['src/core/extract/image.ts', 'image'],
  ];
  for (const [entry, label] of entries) {
    const s = bundleSize(entry);
    lines.push(`| ${label} | ${kb(s.min)} | ${kb(s.gz)} |`);
  }
  const pdfjs = fs.statSync(path.join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.min.mjs')).size;
  const worker = fs.statSync(path.join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs')).size;
  lines.push(`| pdfjs-dist for comparison (pdf.min.mjs + pdf.worker.min.mjs) | ${kb(pdfjs + worker)} | |`);
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error) => {
    process.stderr.write(String(error && error.stack) + '\n');
    process.exit(1);
  });
} else {
  main();
}

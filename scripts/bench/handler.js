/**
 * Send-time handler benchmark (issue 5): builds dist/launchevent.js exactly as `npm run build`
 * does (into a temp folder), then runs it end to end in a fresh node:vm context per Send (classic
 * Outlook starts a new JavaScript-only runtime for every event) against the mock mailbox
 * (src/outlook/mock), which answers every Office.js call at once: the numbers are SendWarden's own
 * time, not Outlook's IPC. Scenarios: a plain internal mail; the MNsure-like roster .xlsx to an
 * outside broker, cold (read + scan at Send) and after scanning ahead (OnMessageAttachmentsChanged
 * in an earlier runtime, Send only evaluates); a 25 MB attachment, cold and scanned ahead.
 * Median and worst of several runs, the completion each run ended with, and the bundle size
 * minified and gzipped. Prints a Markdown section.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const root = path.join(__dirname, '../..');
const ROSTER_ROWS = 1587;
const BIG_BYTES = 25 * 2 ** 20;
/** X1's attachment benchmark writes its fixtures here; reuse them when present. */
const ROSTER_FIXTURES = path.join(os.tmpdir(), 'sendwarden-bench-roster');
const RUNS = { small: 15, roster: 9, big: 5 };

function buildBundle() {
  const webpack = require(path.join(root, 'node_modules/webpack'));
  const configs = require(path.join(root, 'webpack.config.js'))({}, { mode: 'production' });
  const config = configs.find((c) => c.name === 'launchevent');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendwarden-bench-handler-'));
  config.output = { ...config.output, path: outDir };
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error || stats.hasErrors()) reject(error || new Error(stats.toString('errors-only')));
      else resolve(fs.readFileSync(path.join(outDir, 'launchevent.js'), 'utf8'));
    });
  });
}

/** The TypeScript mock, bundled for Node by esbuild (it is browser-safe, so this is all it needs). */
function loadMock() {
  const esbuild = require(path.join(root, 'node_modules/esbuild'));
  const out = esbuild.buildSync({
    entryPoints: [path.join(root, 'src/outlook/mock/mock-mailbox.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
  });
  const module = { exports: {} };
  new Function('module', 'exports', out.outputFiles[0].text)(module, module.exports);
  return module.exports;
}

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pad = (n, width) => String(n).padStart(width, '0');

/** Same columns as scripts/bench/roster.js (used only when its fixtures are not there). */
function rosterRows(count, seed) {
  const r = rng(seed);
  const rows = [
    ['Name', 'Address', 'City', 'State', 'Zip', 'NPN', 'License Number', 'SSN', 'Phone', 'Email'],
  ];
  for (let i = 0; i < count; i++) {
    let area = 1 + Math.floor(r() * 898);
    if (area === 666) area = 667;
    rows.push([
      `Agent ${i}`,
      `${100 + Math.floor(r() * 9800)} Main St`,
      'Saint Paul',
      'MN',
      pad(55000 + Math.floor(r() * 999), 5),
      String(1000000 + Math.floor(r() * 8999999)),
      `IN-${pad(Math.floor(r() * 99999999), 8)}`,
      `${pad(area, 3)}-${pad(1 + Math.floor(r() * 99), 2)}-${pad(1 + Math.floor(r() * 9999), 4)}`,
      `(612) 555-${pad(Math.floor(r() * 9999), 4)}`,
      `agent${i}@agency.example`,
    ]);
  }
  return rows;
}

function rosterXlsx() {
  const reused = path.join(ROSTER_FIXTURES, 'roster.xlsx');
  if (fs.existsSync(reused))
    return { bytes: new Uint8Array(fs.readFileSync(reused)), source: 'scripts/bench/roster.js fixture' };
  const XLSX = require(path.join(root, 'node_modules/xlsx'));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rosterRows(ROSTER_ROWS, 1)), 'Roster');
  const bytes = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));
  return { bytes, source: 'generated here (SheetJS)' };
}

function bigCsv() {
  const reused = path.join(ROSTER_FIXTURES, 'roster25mb.csv');
  if (fs.existsSync(reused)) return new Uint8Array(fs.readFileSync(reused));
  const lines = [];
  let size = 0;
  for (let seed = 7; size < BIG_BYTES; seed++) {
    for (const row of rosterRows(1000, seed).slice(lines.length === 0 ? 0 : 1)) {
      const line = row.join(',') + '\n';
      lines.push(line);
      size += line.length;
      if (size >= BIG_BYTES) break;
    }
  }
  return new Uint8Array(Buffer.from(lines.join(''), 'utf8'));
}

function attachment(id, name, bytes) {
  return { id, name, attachmentType: 'file', bytes, base64: Buffer.from(bytes).toString('base64') };
}

/** One runtime: a fresh context with only ECMAScript globals, the mock Office, timers and console. */
function newRuntime(bundle, mailbox) {
  const quiet = () => undefined;
  const context = vm.createContext({
    Office: mailbox.office,
    setTimeout,
    clearTimeout,
    console: { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet },
  });
  const loadStart = process.hrtime.bigint();
  vm.runInContext(bundle, context, { filename: 'launchevent.js' });
  return Number(process.hrtime.bigint() - loadStart) / 1e6;
}

async function timeSend(bundle, mailbox) {
  const loadMs = newRuntime(bundle, mailbox);
  const start = process.hrtime.bigint();
  const options = await mailbox.fire('onMessageSendHandler');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, loadMs, options };
}

function outcome(options) {
  if (!options) return 'none';
  if (options.allowEvent) return 'allowed';
  let action = 'held';
  try {
    action = JSON.parse(options.contextData).verdict.action;
  } catch {
    // Not a verdict: the could-not-check message.
  }
  return action;
}

/**
 * Runs `runs` Sends, each in a fresh runtime. With scanAhead, OnMessageAttachmentsChanged runs once
 * first (timed) in its own runtime; every Send then starts from a new mailbox holding that item's
 * sessionData, as classic Outlook's new runtime per event would find it.
 */
async function scenario(bundle, Mock, name, makeDraft, runs, scanAhead) {
  const times = [];
  const loads = [];
  const outcomes = new Set();
  let aheadMs;
  let sessionData;
  if (scanAhead) {
    const mailbox = new Mock.MockMailbox(makeDraft(), { requirementSet: '1.15' });
    newRuntime(bundle, mailbox);
    const aheadStart = process.hrtime.bigint();
    await mailbox.fire('onMessageAttachmentsChangedHandler', 'OnMessageAttachmentsChanged');
    aheadMs = Number(process.hrtime.bigint() - aheadStart) / 1e6;
    sessionData = new Map(mailbox.sessionData);
    process.stderr.write(`handler: ${name} scan-ahead ${aheadMs.toFixed(0)} ms\n`);
  }
  for (let i = 0; i < runs; i++) {
    const mailbox = new Mock.MockMailbox(makeDraft(), { requirementSet: '1.15' });
    if (sessionData) sessionData.forEach((value, key) => mailbox.sessionData.set(key, value));
    if (global.gc) global.gc();
    const { ms, loadMs, options } = await timeSend(bundle, mailbox);
    times.push(ms);
    loads.push(loadMs);
    outcomes.add(outcome(options));
    process.stderr.write(`handler: ${name} run ${i + 1}/${runs} ${ms.toFixed(1)} ms\n`);
  }
  times.sort((a, b) => a - b);
  loads.sort((a, b) => a - b);
  const median = (list) => list[Math.floor(list.length / 2)];
  return {
    name,
    runs,
    median: median(times),
    worst: times[times.length - 1],
    load: median(loads),
    ahead: aheadMs,
    outcomes: [...outcomes],
  };
}

async function main() {
  process.stderr.write('handler: building launchevent.js\n');
  const bundle = await buildBundle();
  const Mock = loadMock();
  const roster = rosterXlsx();
  const big = bigCsv();
  const internal = [
    { address: 'bob@contoso.com', recipientType: 'user' },
    { address: 'carol@contoso.com', recipientType: 'user' },
  ];
  const broker = [{ address: 'agent@northstar-brokers.example', recipientType: 'externalUser' }];
  const base = (to, attachments) => ({
    subject: 'Agent roster for Q3',
    body: 'Hi,\n\nPlease find the updated roster attached. Let me know if anything is missing.\n\nThanks,\nAna',
    from: { address: 'ana@contoso.com', name: 'Ana' },
    to,
    cc: [],
    bcc: [],
    attachments,
  });
  const rosterAttachment = attachment('att-roster', 'MNsure agent roster.xlsx', roster.bytes);
  const bigAttachment = attachment('att-big', 'export-25mb.csv', big);
  const results = [];
  results.push(
    await scenario(bundle, Mock, 'Plain internal mail', () => base(internal, []), RUNS.small, false),
  );
  results.push(
    await scenario(
      bundle,
      Mock,
      'Roster .xlsx to outside broker, cold',
      () => base(broker, [rosterAttachment]),
      RUNS.roster,
      false,
    ),
  );
  results.push(
    await scenario(
      bundle,
      Mock,
      'Roster .xlsx to outside broker, scanned ahead',
      () => base(broker, [rosterAttachment]),
      RUNS.roster,
      true,
    ),
  );
  results.push(
    await scenario(
      bundle,
      Mock,
      '25 MB attachment to outside, cold',
      () => base(broker, [bigAttachment]),
      RUNS.big,
      false,
    ),
  );
  results.push(
    await scenario(
      bundle,
      Mock,
      '25 MB attachment to outside, scanned ahead',
      () => base(broker, [bigAttachment]),
      RUNS.big,
      true,
    ),
  );
  const minified = Buffer.byteLength(bundle);
  const gzipped = zlib.gzipSync(bundle, { level: 9 }).length;
  const lines = [
    '## Send-time handler (issue 5)',
    '',
    'End to end from the OnMessageSend event to `event.completed()`, running the production `dist/launchevent.js`',
    'in a fresh `node:vm` context per Send against the mock mailbox (Office.js answers instantly, so this is',
    'SendWarden\'s own time). "Scanned ahead" means OnMessageAttachmentsChanged ran in an earlier runtime and',
    "left its result in the item's sessionData; Send then only reads, evaluates and completes. The handler",
    'completes at 3.5 s at the latest (SEND_DEADLINE_MS); attachments scan-ahead has not covered are scanned at',
    'Send only within SEND_SCAN_MAX_BYTES (1 MiB), bigger ones are reported "not scanned in time" and the',
    "policy's fail mode decides (the default, fail open, warns when they go outside).",
    `Roster: ${ROSTER_ROWS} rows, ${(roster.bytes.length / 1024).toFixed(0)} KiB .xlsx (${roster.source}).`,
    '`node scripts/bench/handler.js` reproduces it.',
    '',
    '| Scenario | Runs | Send: median | Send: worst | Script load (median) | Scan-ahead before Send (once) | Completed with |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  const fmt = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
  for (const r of results) {
    const ahead = r.ahead === undefined ? '-' : fmt(r.ahead);
    lines.push(
      `| ${r.name} | ${r.runs} | ${fmt(r.median)} | ${fmt(r.worst)} | ${fmt(r.load)} | ${ahead} | ${r.outcomes.join(', ')} |`,
    );
  }
  lines.push(
    '',
    '| dist/launchevent.js | Size |',
    '|---|---:|',
    `| Minified | ${(minified / 1024).toFixed(1)} KiB |`,
    `| Gzipped | ${(gzipped / 1024).toFixed(1)} KiB |`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`handler bench failed: ${error.stack || error}\n`);
  process.exit(1);
});

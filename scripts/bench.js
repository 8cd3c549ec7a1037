/**
 * `npm run bench`: compiles the core, runs every scripts/bench/*.js in its own process (one at a
 * time, so they don't compete for the two cores) and writes their Markdown sections to
 * BENCHMARKS.md with the machine and the date. `npm run bench -- NAME...` runs the scripts whose
 * names start with NAME and prints their sections without touching BENCHMARKS.md.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const only = process.argv.slice(2);

function machine() {
  const cpu = os.cpus()[0];
  return `${os.cpus().length} x ${cpu ? cpu.model.trim() : 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function run() {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' });
  const benches = fs
    .readdirSync(path.join(__dirname, 'bench'))
    .filter((f) => f.endsWith('.js') && (only.length === 0 || only.some((o) => f.startsWith(o))))
    .sort();
  const sections = [];
  for (const file of benches) {
    process.stderr.write(`bench: ${file}\n`);
    try {
      const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'bench', file)], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      sections.push(out.trim());
    } catch (error) {
      sections.push(`## ${file}\n\nFailed: ${String(error.message).split('\n')[0]}`);
    }
  }
  if (only.length > 0) {
    // A partial run prints its sections; BENCHMARKS.md always holds one complete run.
    process.stdout.write(sections.join('\n\n') + '\n');
    return;
  }
  const header = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
    '',
    'Reproduce with `npm ci && npm run bench` (writes this file; `npm run bench -- detect` prints one section).',
    '',
  ];
  fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), header.concat(sections.join('\n\n'), '').join('\n'));
  process.stderr.write('bench: wrote BENCHMARKS.md\n');
}

run();

import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ACTIONS } from '../../core/policy/policy';
import { UsageError } from '../usage-error';
import { policyFromArgs } from './cli-policy';
import { renderReport, summarize } from './simulate-report';
import { simulateMessage, type MessageOutcome, type SimulateSettings } from './simulate-worker';

export const SIMULATE_USAGE =
  'usage: sendwarden simulate [--policy FILE] [--internal-domains a.com,...] [--partner-domains a.com,...] [--sender ADDR] [--out FILE] [--jobs N] DIR';

/** Folders deeper than this are not searched for .eml files. */
const MAX_DEPTH = 32;
const DEFAULT_OUT = 'sendwarden-report.html';

interface SimulateArgs {
  policyFile?: string;
  internalDomains?: string[];
  partnerDomains?: string[];
  sender?: string;
  out: string;
  jobs?: number;
  dir?: string;
}

function domainList(value: string | undefined, flag: string): string[] {
  const list = (value ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d.length > 0);
  if (list.length === 0) throw new UsageError(`${flag} takes a comma-separated list of domains`);
  return list;
}

function parseSimulateArgs(args: readonly string[]): SimulateArgs {
  const parsed: SimulateArgs = { out: DEFAULT_OUT };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--policy') parsed.policyFile = value();
    else if (flag === '--internal-domains') parsed.internalDomains = domainList(value(), flag);
    else if (flag === '--partner-domains') parsed.partnerDomains = domainList(value(), flag);
    else if (flag === '--sender') parsed.sender = value();
    else if (flag === '--out') parsed.out = value();
    else if (flag === '--jobs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 256)
        throw new UsageError('--jobs takes a whole number from 1 to 256');
      parsed.jobs = n;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (parsed.dir !== undefined) throw new UsageError('simulate takes one DIR');
    else parsed.dir = arg;
  }
  if (parsed.dir === undefined)
    throw new UsageError(`a folder of .eml messages is required\n${SIMULATE_USAGE}`);
  return parsed;
}

/** Every .eml file under dir, sorted, following no symbolic links out of the tree. */
export function findEmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.eml')) out.push(path);
    }
  };
  walk(dir, 0);
  return out.sort();
}

type Progress = (done: number, total: number) => void;

function progressBar(stream: NodeJS.WritableStream): Progress {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  if (!tty) return () => undefined;
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} messages ${percent}%`,
    );
    if (done === total) stream.write('\n');
  };
}

/** The compiled worker next to this file; absent when running from TypeScript sources (tests). */
function workerScript(): string | null {
  const path = join(__dirname, 'simulate-worker.js');
  return existsSync(path) ? path : null;
}

async function runInWorkers(
  files: readonly string[],
  settings: SimulateSettings,
  jobs: number,
  progress: Progress,
): Promise<MessageOutcome[]> {
  const script = workerScript();
  const outcomes: MessageOutcome[] = new Array(files.length);
  let done = 0;
  if (!script || jobs === 1) {
    files.forEach((file, i) => {
      outcomes[i] = simulateMessage(file, settings);
      progress(++done, files.length);
    });
    return outcomes;
  }
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolveWorker, reject) => {
      const worker = new Worker(script, { workerData: { sendwardenSimulate: settings } });
      const feed = (): void => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolveWorker());
          return;
        }
        const index = next++;
        worker.postMessage({ index, file: files[index] });
      };
      worker.on('message', (message: { index: number; outcome: MessageOutcome }) => {
        outcomes[message.index] = message.outcome;
        progress(++done, files.length);
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, runWorker));
  return outcomes;
}

function defaultJobs(): number {
  try {
    return availableParallelism();
  } catch {
    return cpus().length || 1;
  }
}

/**
 * `sendwarden simulate`: runs a policy over a folder of .eml messages on all cores and writes a
 * self-contained HTML report. IT's bench for tuning a policy on real mail before rollout.
 */
export async function simulateCommand(
  args: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const options = parseSimulateArgs(args);
  const dir = resolve(options.dir as string);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`not a folder: ${options.dir}`);
  const policy = policyFromArgs(options.policyFile, options.internalDomains, options.partnerDomains);
  const files = findEmlFiles(dir);
  const jobs = options.jobs ?? defaultJobs();
  const started = Date.now();
  const settings: SimulateSettings = { policy, ...(options.sender ? { sender: options.sender } : {}) };
  const outcomes = await runInWorkers(files, settings, jobs, progressBar(io.stderr));
  for (const o of outcomes) o.file = relative(dir, o.file);
  const summary = summarize(outcomes, {
    policy: { name: policy.name ?? options.policyFile ?? 'default', revision: policy.revision },
    generatedAt: new Date().toISOString(),
    wallMs: Date.now() - started,
    jobs: Math.min(jobs, Math.max(1, files.length)),
  });
  writeFileSync(options.out, renderReport(summary));
  const counts = ACTIONS.map((a) => `${summary.byAction[a]} ${a}`).join(', ');
  io.stdout.write(
    `${files.length} messages: ${counts}; ${summary.errors.length} unreadable. Report: ${options.out}\n`,
  );
  return 0;
}

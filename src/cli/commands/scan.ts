import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { snapshotFromEml } from '../../core/extract/eml';
import { scanMessage, type MessageScan } from '../../core/scan/scan-message';
import type { Confidence, EntityId, LocatedFinding, MessageSnapshot } from '../../core/types';
import type { Policy } from '../../core/policy/policy';
import { UsageError } from '../usage-error';
import { policyFromArgs, verdictFields } from './cli-policy';

export const SCAN_USAGE =
  'usage: sendwarden scan [--format json|table] [--internal-domains a.com,b.com] [--partner-domains a.com,...] [--policy FILE] [--sender ADDR] PATH...';

/** Progress is drawn only for at least this many files (and only on a terminal). */
const PROGRESS_MIN_FILES = 10;
const PROGRESS_WIDTH = 30;
/** Distinct masked samples listed per finding entry. */
const MAX_SAMPLES = 3;

export interface ScanArgs {
  format: 'json' | 'table';
  internalDomains: string[];
  paths: string[];
  partnerDomains: string[];
  policyFile?: string;
  /** The sender deciding the organization domain; default: each .eml From. */
  sender?: string;
  /** The policy in force, set by scanCommand from --policy and the domain flags. */
  policy?: Policy;
}

const DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

function optionValue(args: readonly string[], i: number, name: string): { value: string; next: number } {
  const arg = args[i] as string;
  if (arg.includes('=')) return { value: arg.slice(arg.indexOf('=') + 1), next: i };
  const value = args[i + 1];
  if (value === undefined) throw new UsageError(`${name} needs a value`);
  return { value, next: i + 1 };
}

/** A comma-separated domain list option, each checked like --internal-domains. */
function domainList(value: string, name: string): string[] {
  const domains = value
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  if (domains.length === 0 || domains.some((d) => !DOMAIN.test(d)))
    throw new UsageError(`${name} takes a comma-separated list of domains, got ${value}`);
  return domains;
}

export function parseScanArgs(args: readonly string[]): ScanArgs {
  const parsed: ScanArgs = { format: 'json', internalDomains: [], paths: [], partnerDomains: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const { value, next } = optionValue(args, i, '--format');
      if (value !== 'json' && value !== 'table')
        throw new UsageError(`--format takes json or table, got ${value}`);
      parsed.format = value;
      i = next;
    } else if (arg === '--internal-domains' || arg.startsWith('--internal-domains=')) {
      const { value, next } = optionValue(args, i, '--internal-domains');
      const domains = value
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter((d) => d !== '');
      const bad = domains.find((d) => !DOMAIN.test(d));
      if (bad !== undefined || domains.length === 0)
        throw new UsageError(`--internal-domains takes a comma-separated list of domains, got ${value}`);
      parsed.internalDomains = domains;
      i = next;
    } else if (arg === '--partner-domains' || arg.startsWith('--partner-domains=')) {
      const { value, next } = optionValue(args, i, '--partner-domains');
      parsed.partnerDomains = domainList(value, '--partner-domains');
      i = next;
    } else if (arg === '--policy' || arg.startsWith('--policy=')) {
      const { value, next } = optionValue(args, i, '--policy');
      if (value === '') throw new UsageError('--policy needs a FILE');
      parsed.policyFile = value;
      i = next;
    } else if (arg === '--sender' || arg.startsWith('--sender=')) {
      const { value, next } = optionValue(args, i, '--sender');
      if (!/^[^\s@]+@[^\s@]+$/.test(value))
        throw new UsageError(`--sender takes an e-mail address, got ${value}`);
      parsed.sender = value;
      i = next;
    } else if (arg === '--') {
      parsed.paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else parsed.paths.push(arg);
  }
  if (parsed.paths.length === 0) throw new UsageError('scan needs at least one PATH');
  return parsed;
}

/** Files under the given paths, directories recursed in name order. Missing paths are usage errors. */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (stat.isFile()) files.push(path);
  };
  for (const path of paths) {
    try {
      statSync(path);
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    visit(path);
  }
  return files;
}

/**
 * The message the CLI scans for one file: an .eml is the message itself (subject, body,
 * attachments); any other file is the one attachment of an otherwise empty message.
 */
export function snapshotForFile(path: string, bytes: Uint8Array): MessageSnapshot {
  const name = basename(path);
  if (/\.eml$/i.test(name)) {
    try {
      return snapshotFromEml(bytes);
    } catch {
      // Past the MIME part or nesting limits: scanned as an attachment, the eml reader reports why.
    }
  }
  return {
    subject: '',
    body: '',
    bodyType: 'text',
    recipients: [],
    attachments: [{ name, size: bytes.length, kind: 'file', bytes }],
  };
}

export interface FindingEntry {
  entity: EntityId;
  confidence: Confidence;
  count: number;
  locations: Array<{ part: string; name?: string; where?: string }>;
  samples: string[];
}

/** 'batch.zip > hr/memo.docx' for nested files, the attachment name otherwise. */
function displayName(name: string | undefined, path: string[] | undefined): string | undefined {
  return path && path.length > 1 ? path.join(' > ') : name;
}

/** One entry per entity and tier, in order of first appearance; locations and samples deduplicated. */
export function groupFindings(findings: readonly LocatedFinding[]): FindingEntry[] {
  const entries = new Map<string, FindingEntry & { seen: Set<string> }>();
  for (const f of findings) {
    const key = f.entity + '\u0000' + f.confidence;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        entity: f.entity,
        confidence: f.confidence,
        count: 0,
        locations: [],
        samples: [],
        seen: new Set(),
      };
      entries.set(key, entry);
    }
    entry.count++;
    const location: FindingEntry['locations'][number] = { part: f.location.part };
    const name = displayName(f.location.name, f.location.path);
    if (name !== undefined) location.name = name;
    if (f.location.where !== undefined) location.where = f.location.where;
    const locationKey = JSON.stringify(location);
    if (!entry.seen.has(locationKey)) {
      entry.seen.add(locationKey);
      entry.locations.push(location);
    }
    if (entry.samples.length < MAX_SAMPLES && entry.samples.indexOf(f.preview) < 0)
      entry.samples.push(f.preview);
  }
  return [...entries.values()].map(({ seen: _seen, ...entry }) => entry);
}

/** Everything a per-file report is built from; later options (policy, sender) add fields here. */
export interface FileScan {
  file: string;
  snapshot: MessageSnapshot;
  scan: MessageScan;
  args: ScanArgs;
}

/** The JSON object printed for one input. Additive: new fields go after the existing ones. */
export function fileReport(result: FileScan): Record<string, unknown> {
  return {
    file: result.file,
    findings: groupFindings(result.scan.findings),
    unscanned: result.scan.unscanned.map((u) => ({
      name: displayName(u.name, u.path) ?? u.name,
      reason: u.reason,
    })),
    elapsedMs: Math.round(result.scan.elapsedMs * 10) / 10,
    ...verdictFields(result.snapshot, result.scan, policyOf(result.args), result.args.sender),
  };
}

/** The policy of a scan: the one scanCommand loaded, or the default with the domain flags. */
function policyOf(args: ScanArgs): Policy {
  return args.policy ?? policyFromArgs(undefined, args.internalDomains, args.partnerDomains);
}

export function scanPath(file: string, args: ScanArgs): FileScan {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const snapshot = snapshotForFile(file, bytes);
  return { file, snapshot, scan: scanMessage(snapshot), args };
}

function tableLines(report: Record<string, unknown>): string[] {
  const findings = report.findings as FindingEntry[];
  const unscanned = report.unscanned as Array<{ name: string; reason: string }>;
  const lines = [`${String(report.file)}  (${String(report.elapsedMs)} ms)`];
  if (findings.length === 0 && unscanned.length === 0) lines.push('  no findings');
  for (const f of findings) {
    const first = f.locations[0];
    const where = first ? [first.part, first.name, first.where].filter((x) => x !== undefined).join(' ') : '';
    const more = f.locations.length > 1 ? ` (+${f.locations.length - 1} more)` : '';
    lines.push(
      `  ${f.entity.padEnd(20)} ${f.confidence.padEnd(6)} ${String(f.count).padStart(6)}  ${f.samples.join(', ')}  ${where}${more}`,
    );
  }
  for (const u of unscanned) lines.push(`  not scanned: ${u.name} (${u.reason})`);
  const verdict = report.verdict as { action: string; rules: string[] } | undefined;
  if (verdict)
    lines.push(`  verdict: ${verdict.action}${verdict.rules.length ? ` (${verdict.rules.join(', ')})` : ''}`);
  return lines;
}

function drawProgress(stderr: NodeJS.WritableStream, done: number, total: number): void {
  const filled = Math.round((done / total) * PROGRESS_WIDTH);
  stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(PROGRESS_WIDTH - filled)}] ${done}/${total}`);
  if (done === total) stderr.write('\r' + ' '.repeat(PROGRESS_WIDTH + 24) + '\r');
}

/** `sendwarden scan`: one JSON object (or table block) per input file. */
export async function scanCommand(
  args: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const options = parseScanArgs(args);
  options.policy = policyFromArgs(options.policyFile, options.internalDomains, options.partnerDomains);
  const files = collectFiles(options.paths);
  const progress = (io.stderr as { isTTY?: boolean }).isTTY === true && files.length >= PROGRESS_MIN_FILES;
  files.forEach((file, index) => {
    const report = fileReport(scanPath(file, options));
    io.stdout.write(
      options.format === 'json' ? JSON.stringify(report) + '\n' : tableLines(report).join('\n') + '\n',
    );
    if (progress) drawProgress(io.stderr, index + 1, files.length);
  });
  return 0;
}

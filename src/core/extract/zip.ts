import type { UnscannedReason } from '../types';
import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import type { ExtractBudget, ExtractContext, ExtractOutcome, Extractor, NestedFile } from './extractor';
import { InflateLimitError, inflateRaw } from './inflate';
import { RATIO_GRACE_BYTES } from './limits';
import { decodeUtf8Strict, decodeWindows1252 } from './text-decode';

/**
 * Zip reading with a central-directory pre-pass. Every entry's declared sizes are checked against
 * the limits BEFORE anything is inflated, so a zip bomb declaring gigabytes is refused in
 * milliseconds without allocating. Declared sizes are not trusted either: an entry inflates in
 * one call into a buffer of its declared size, and inflate.ts stops at the first byte past it.
 * Shared by the zip extractor and the Office Open XML / OpenDocument extractors.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

const u16 = (b: Uint8Array, at: number): number => ((b[at] as number) | ((b[at + 1] as number) << 8)) >>> 0;
const u32 = (b: Uint8Array, at: number): number =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) +
  (b[at + 3] as number) * 0x1000000;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x100000000;

function corrupt(detail: string): ExtractFailure {
  return new ExtractFailure('corrupt', detail);
}

/** True for a local file header (or the end record of an empty zip) at the start. */
export function isZip(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) return false;
  return (head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6);
}

function findEndRecord(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - END_RECORD_SIZE; at >= stop; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && u32(bytes, at) === END_SIGNATURE) return at;
  }
  throw corrupt('no zip end record');
}

interface DirectoryBounds {
  count: number;
  offset: number;
}

function directoryBounds(bytes: Uint8Array, end: number): DirectoryBounds {
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  const locator = end - 20;
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    locator >= 0 &&
    u32(bytes, locator) === ZIP64_LOCATOR_SIGNATURE
  ) {
    const end64 = u64(bytes, locator + 8);
    if (end64 + 56 > bytes.length || u32(bytes, end64) !== ZIP64_END_SIGNATURE)
      throw corrupt('bad zip64 end record');
    count = u64(bytes, end64 + 32);
    offset = u64(bytes, end64 + 48);
  }
  return { count, offset };
}

/** Applies the zip64 extended information extra field (id 1) to saturated 32-bit fields. */
function applyZip64(bytes: Uint8Array, entry: ZipEntry, extraStart: number, extraEnd: number): void {
  let at = extraStart;
  while (at + 4 <= extraEnd) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    if (id === 1) {
      let field = at + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(bytes, field);
        field += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(bytes, field);
        field += 8;
      }
      if (entry.localOffset === 0xffffffff) entry.localOffset = u64(bytes, field);
      return;
    }
    at += 4 + size;
  }
}

function entryName(bytes: Uint8Array, start: number, length: number, utf8: boolean): string {
  const raw = bytes.subarray(start, start + length);
  if (utf8) {
    const text = decodeUtf8Strict(raw);
    if (text !== undefined) return text;
  }
  // Without the UTF-8 flag names are CP437; their ASCII part (what extensions need) is the same.
  return decodeWindows1252(raw);
}

/** Reads the central directory; throws 'corrupt', or 'limit' past `maxEntries`. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const end = findEndRecord(bytes);
  const { count, offset } = directoryBounds(bytes, end);
  if (count > maxEntries) throw new ExtractFailure('limit', `zip has ${count} entries, limit ${maxEntries}`);
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL_SIGNATURE)
      throw corrupt('bad zip central directory');
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const entry: ZipEntry = {
      name: entryName(bytes, at + 46, nameLength, (flags & FLAG_UTF8) !== 0),
      method: u16(bytes, at + 10),
      flags,
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    };
    applyZip64(bytes, entry, at + 46 + nameLength, at + 46 + nameLength + extraLength);
    entries.push(entry);
    byName.set(entry.name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, byName };
}

export function isDirectoryEntry(entry: ZipEntry): boolean {
  return entry.name.charAt(entry.name.length - 1) === '/';
}

function budgetOf(context: ExtractContext): ExtractBudget {
  return context.budget ?? { inflatedBytes: 0 };
}

/**
 * Why an entry must not be inflated, judged from the central directory alone: encrypted,
 * an unsupported method, or declared sizes beyond the limits. Undefined when it may be read.
 */
export function refuseEntry(
  entry: ZipEntry,
  context: ExtractContext,
): { reason: UnscannedReason; detail: string } | undefined {
  const limits = context.limits;
  if ((entry.flags & FLAG_ENCRYPTED) !== 0 || entry.method === 99) {
    return { reason: 'encrypted', detail: 'password-protected zip entry' };
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    return { reason: 'unsupported', detail: `zip compression method ${entry.method}` };
  }
  if (entry.size > limits.maxAttachmentBytes) {
    return {
      reason: 'too-large',
      detail: `entry declares ${entry.size} bytes, limit ${limits.maxAttachmentBytes}`,
    };
  }
  const remaining = limits.maxInflatedBytes - budgetOf(context).inflatedBytes;
  if (entry.size > remaining) {
    return {
      reason: 'too-large',
      detail: `inflated bytes per message would pass ${limits.maxInflatedBytes}`,
    };
  }
  const ratio = entry.size / Math.max(1, entry.compressedSize);
  if (entry.size > RATIO_GRACE_BYTES && ratio > limits.maxCompressionRatio) {
    return {
      reason: 'too-large',
      detail: `compression ratio ${Math.round(ratio)} above ${limits.maxCompressionRatio}`,
    };
  }
  return undefined;
}

/**
 * Inflates raw deflate data, stopping at the first byte past `cap` (declared sizes lie in crafted
 * bombs). `sizeHint` preallocates the output when known. Damaged data throws InflateDataError,
 * which the extractors report as corrupt.
 */
export function inflateCapped(data: Uint8Array, cap: number, sizeHint: number): Uint8Array {
  // Some writers store an empty file as deflate with no data at all: nothing to inflate.
  if (data.length === 0) return new Uint8Array(0);
  try {
    return inflateRaw(data, { cap, sizeHint: Math.min(cap, Math.max(0, sizeHint)) });
  } catch (error) {
    if (error instanceof InflateLimitError)
      throw new ExtractFailure('too-large', `inflates past ${cap} bytes`);
    throw error;
  }
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) throw corrupt('bad zip local header');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt('zip entry runs past the end of the file');
  return bytes.subarray(start, end);
}

/**
 * The bytes of one entry, after {@link refuseEntry} said yes. Charges the message's inflate
 * budget; throws ExtractFailure ('too-large' when the data inflates past its declared size).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, context: ExtractContext): Uint8Array {
  const refusal = refuseEntry(entry, context);
  if (refusal) throw new ExtractFailure(refusal.reason, refusal.detail);
  const data = entryData(bytes, entry);
  if (entry.method === METHOD_STORED) {
    if (entry.size !== entry.compressedSize) throw corrupt('stored zip entry sizes differ');
    return data;
  }
  // The declared size is the cap: a lying bomb stops at the first byte past it.
  const out = inflateCapped(data, entry.size, entry.size);
  budgetOf(context).inflatedBytes += out.length;
  return out;
}

/** Reads a named part when present and readable; undefined when absent. Throws on refusal. */
export function readZipPart(
  bytes: Uint8Array,
  directory: ZipDirectory,
  name: string,
  context: ExtractContext,
): Uint8Array | undefined {
  const entry = directory.byName.get(name);
  return entry ? readZipEntry(bytes, entry, context) : undefined;
}

/** macOS resource-fork copies, not user files. */
function isMetadataEntry(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.charAt(name.lastIndexOf('/') + 1) === '.';
}

function extractZip(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  const directory = readZipDirectory(bytes, context.limits.maxEntries);
  const files: NestedFile[] = [];
  const unscanned: Array<{ name: string; reason: UnscannedReason; detail?: string }> = [];
  for (const entry of directory.entries) {
    if (isDirectoryEntry(entry) || isMetadataEntry(entry.name)) continue;
    checkDeadline(context);
    const refusal = refuseEntry(entry, context);
    if (refusal) {
      unscanned.push({ name: entry.name, ...refusal });
      continue;
    }
    try {
      files.push({ name: entry.name, bytes: readZipEntry(bytes, entry, context) });
    } catch (error) {
      const reason = error instanceof ExtractFailure ? error.reason : 'corrupt';
      unscanned.push({ name: entry.name, reason, detail: 'zip entry could not be inflated' });
    }
  }
  return { ok: true, texts: [], files, unscanned };
}

export const zipExtractor: Extractor = {
  id: 'zip',
  extensions: ['zip'],
  contentTypes: ['application/zip', 'application/x-zip-compressed', 'application/x-zip'],
  sniff: isZip,
  extract: (bytes, _name, context) => failSafely(() => extractZip(bytes, context), 'zip'),
};

const GZIP_FLAG_EXTRA = 4;
const GZIP_FLAG_NAME = 8;
const GZIP_FLAG_COMMENT = 16;
const GZIP_FLAG_HCRC = 2;

export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b && head[2] === 8;
}

function zeroTerminated(bytes: Uint8Array, at: number): { text: string; next: number } {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  let text = '';
  for (let i = at; i < end && i < at + 1024; i++) text += String.fromCharCode(bytes[i] as number);
  return { text, next: end + 1 };
}

function extractGzip(bytes: Uint8Array, name: string, context: ExtractContext): ExtractOutcome {
  if (bytes.length < 18 || !isGzip(bytes)) throw corrupt('bad gzip header');
  const flags = bytes[3] as number;
  let at = 10;
  if (flags & GZIP_FLAG_EXTRA) at += 2 + u16(bytes, at);
  let innerName = name.replace(/\.(?:gz|gzip)$/i, '').replace(/\.tgz$/i, '.tar');
  if (flags & GZIP_FLAG_NAME) {
    const stored = zeroTerminated(bytes, at);
    if (stored.text) innerName = stored.text;
    at = stored.next;
  }
  if (flags & GZIP_FLAG_COMMENT) at = zeroTerminated(bytes, at).next;
  if (flags & GZIP_FLAG_HCRC) at += 2;
  if (at > bytes.length - 8) throw corrupt('gzip header runs past the end');
  const budget = budgetOf(context);
  const remaining = context.limits.maxInflatedBytes - budget.inflatedBytes;
  const cap = Math.min(context.limits.maxAttachmentBytes, remaining);
  const declared = u32(bytes, bytes.length - 4);
  const ratioCap = Math.max(RATIO_GRACE_BYTES, (bytes.length - at) * context.limits.maxCompressionRatio);
  if (declared > cap || declared > ratioCap) {
    return { ok: false, reason: 'too-large', detail: `gzip declares ${declared} bytes` };
  }
  const out = inflateCapped(bytes.subarray(at, bytes.length - 8), Math.min(cap, ratioCap), declared);
  budget.inflatedBytes += out.length;
  return { ok: true, texts: [], files: [{ name: innerName, bytes: out }] };
}

export const gzipExtractor: Extractor = {
  id: 'gzip',
  extensions: ['gz', 'gzip', 'tgz'],
  contentTypes: ['application/gzip', 'application/x-gzip'],
  sniff: isGzip,
  extract: (bytes, name, context) => failSafely(() => extractGzip(bytes, name, context), 'gzip'),
};

import { pickExtractor } from '../extract';
import type { ExtractOutcome, NestedFile } from '../extract/extractor';
import { encodeUtf8 } from '../extract/text-decode';
import type { AttachmentInput, Location, Unscanned, UnscannedReason } from '../types';
import { attachmentCacheKey, type AttachmentScanCache } from './attachment-cache';
import { scanExtracted } from './scan-parts';
import { ScanSession, emptyParts, type ScanOptions, type ScanParts } from './scan-session';

/** Findings and could-not-scan entries of one attachment. */
export type AttachmentScan = ScanParts;

function unscanned(name: string, path: string[], reason: UnscannedReason, detail?: string): Unscanned {
  const entry: Unscanned = { name, reason };
  if (path.length > 1) entry.path = path;
  if (detail !== undefined) entry.detail = detail;
  return entry;
}

function extractSafely(session: ScanSession, file: NestedFile, depth: number): ExtractOutcome {
  const extractor = pickExtractor(file.name, file.contentType, file.bytes);
  if (!extractor) return { ok: false, reason: 'unsupported', detail: 'no reader for this file type' };
  try {
    return extractor.extract(file.bytes, file.name, session.context(depth));
  } catch {
    // Extractors should not throw; if one does, this file is 'corrupt' and the scan goes on.
    return { ok: false, reason: 'corrupt', detail: `${extractor.id} reader failed` };
  }
}

function scanNested(
  session: ScanSession,
  files: NestedFile[],
  path: string[],
  depth: number,
  out: ScanParts,
): void {
  files.forEach((inner, index) => {
    const innerPath = path.concat(inner.name);
    if (depth + 1 > session.limits.maxDepth) {
      out.unscanned.push(
        unscanned(inner.name, innerPath, 'limit', `nesting deeper than ${session.limits.maxDepth}`),
      );
    } else if (index >= session.limits.maxEntries) {
      out.unscanned.push(
        unscanned(inner.name, innerPath, 'limit', `more than ${session.limits.maxEntries} files inside`),
      );
    } else scanFile(session, inner, innerPath, depth + 1, out);
  });
}

/**
 * Extracts and scans one file and, recursively, the files inside it. `path` runs from the
 * top-level attachment to this file. Never throws on content.
 */
export function scanFile(
  session: ScanSession,
  file: NestedFile,
  path: string[],
  depth: number,
  out: ScanParts,
  displayName = file.name,
): void {
  if (session.expired()) {
    out.unscanned.push(unscanned(displayName, path, 'timeout', 'the scan deadline passed'));
    return;
  }
  if (file.bytes.length > session.limits.maxAttachmentBytes) {
    out.unscanned.push(
      unscanned(
        displayName,
        path,
        'too-large',
        `${file.bytes.length} bytes, limit ${session.limits.maxAttachmentBytes}`,
      ),
    );
    return;
  }
  const outcome = extractSafely(session, file, depth);
  if (!outcome.ok) {
    out.unscanned.push(unscanned(displayName, path, outcome.reason, outcome.detail));
    return;
  }
  const location: Location = { part: 'attachment', name: displayName };
  if (path.length > 1) location.path = path;
  for (const text of outcome.texts) {
    if (session.expired()) {
      out.unscanned.push(
        unscanned(
          displayName,
          path,
          'timeout',
          `the scan deadline passed before ${text.where ?? 'its text'}`,
        ),
      );
      return;
    }
    scanExtracted(session, text, location, displayName, out);
  }
  for (const part of outcome.unscanned ?? []) {
    out.unscanned.push(unscanned(part.name, path.concat(part.name), part.reason, part.detail));
  }
  if (outcome.files) scanNested(session, outcome.files, path, depth, out);
}

/** Scans one attachment within a message's session (budgets shared with the other parts). */
export function scanAttachmentIn(session: ScanSession, attachment: AttachmentInput): AttachmentScan {
  const out = emptyParts();
  const path = [attachment.name];
  if (attachment.kind === 'cloud') {
    out.unscanned.push(
      unscanned(attachment.name, path, 'cloud', 'a link to a cloud file; its content is not attached'),
    );
    return out;
  }
  const bytes =
    attachment.kind === 'item'
      ? attachment.eml === undefined
        ? undefined
        : encodeUtf8(attachment.eml)
      : attachment.bytes;
  if (bytes === undefined) {
    out.unscanned.push(
      unscanned(attachment.name, path, 'corrupt', 'the attachment content was not available'),
    );
    return out;
  }
  session.messageBytes += bytes.length;
  if (session.messageBytes > session.limits.maxMessageBytes) {
    out.unscanned.push(
      unscanned(
        attachment.name,
        path,
        'too-large',
        `attachments pass ${session.limits.maxMessageBytes} bytes per message`,
      ),
    );
    return out;
  }
  const name =
    attachment.kind === 'item' && !/\.eml$/i.test(attachment.name)
      ? attachment.name + '.eml'
      : attachment.name;
  const contentType = attachment.kind === 'item' ? 'message/rfc822' : attachment.contentType;
  scanFile(session, { name, bytes, contentType }, path, 0, out, attachment.name);
  return out;
}

/** Scans one attachment on its own (scan-ahead); with a cache, a repeated scan is a lookup. */
export function scanAttachment(
  attachment: AttachmentInput,
  options: ScanOptions & { cache?: AttachmentScanCache } = {},
): AttachmentScan {
  const session = new ScanSession(options);
  return scanCached(session, attachment, options.cache);
}

export function scanCached(
  session: ScanSession,
  attachment: AttachmentInput,
  cache?: AttachmentScanCache,
): AttachmentScan {
  if (!cache) return scanAttachmentIn(session, attachment);
  const key = attachmentCacheKey(attachment, session.minConfidence, session.detectors);
  const hit = cache.get(key);
  if (hit) return hit;
  const scan = scanAttachmentIn(session, attachment);
  cache.set(key, scan);
  return scan;
}

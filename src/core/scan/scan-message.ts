import { htmlToText } from '../extract/html';
import type { LocatedFinding, MessageSnapshot, Unscanned } from '../types';
import type { AttachmentScanCache } from './attachment-cache';
import { scanCached } from './scan-attachment';
import { scanExtracted } from './scan-parts';
import { ScanSession, emptyParts, mergeParts, type ScanOptions } from './scan-session';

export type { ScanOptions } from './scan-session';
export { scanAttachment, type AttachmentScan } from './scan-attachment';
export { AttachmentScanCache } from './attachment-cache';

/** Everything found in one message, and everything that could not be read. */
export interface MessageScan {
  findings: LocatedFinding[];
  unscanned: Unscanned[];
  /** True when some text was cut by a character limit. */
  truncated: boolean;
  elapsedMs: number;
  scannedChars: number;
}

/**
 * Scans subject, body and every attachment of a message. One failing attachment never stops
 * the others; the deadline is checked between parts and whatever was not reached is reported
 * 'timeout'. Throws RangeError only for invalid options.
 */
export function scanMessage(
  snapshot: MessageSnapshot,
  options: ScanOptions & { cache?: AttachmentScanCache } = {},
): MessageScan {
  const session = new ScanSession(options);
  const out = emptyParts();
  scanExtracted(session, { text: snapshot.subject }, { part: 'subject' }, 'subject', out);
  if (session.expired())
    out.unscanned.push({ name: 'body', reason: 'timeout', detail: 'the scan deadline passed' });
  else {
    const body = snapshot.bodyType === 'html' ? htmlToText(snapshot.body) : snapshot.body;
    scanExtracted(session, { text: body }, { part: 'body' }, 'body', out);
  }
  snapshot.attachments.forEach((attachment, index) => {
    if (session.expired()) {
      out.unscanned.push({ name: attachment.name, reason: 'timeout', detail: 'the scan deadline passed' });
      return;
    }
    if (index >= session.limits.maxEntries) {
      out.unscanned.push({
        name: attachment.name,
        reason: 'limit',
        detail: 'more attachments than the entry limit',
      });
      return;
    }
    mergeParts(out, scanCached(session, attachment, options.cache));
  });
  return { ...out, elapsedMs: Math.max(0, session.now() - session.startedAt) };
}

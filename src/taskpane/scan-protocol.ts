/**
 * Messages between the pane and its scan worker (scan-worker.ts). Attachments are scanned off the
 * main thread, so the pane stays responsive and its progress bar moves while a large file is read.
 */
import type { AttachmentInput, LocatedFinding, Unscanned } from '../core/types';

export interface ScanRequest {
  type: 'scan';
  id: number;
  attachments: AttachmentInput[];
}

export type ScanReply =
  | { type: 'progress'; id: number; done: number; total: number; current?: string }
  | { type: 'result'; id: number; findings: LocatedFinding[]; unscanned: Unscanned[] }
  | { type: 'error'; id: number };

/** Bytes an attachment contributes to the progress total. */
export function attachmentWeight(attachment: AttachmentInput): number {
  return attachment.bytes ? attachment.bytes.length : attachment.size || 0;
}

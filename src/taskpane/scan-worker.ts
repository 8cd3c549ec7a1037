/**
 * The pane's scan worker: scans attachments with the core, reports progress per attachment, and
 * keeps a scan cache so an unchanged attachment is not scanned twice. No Office, no DOM.
 */
import { AttachmentScanCache, scanAttachment } from '../core/scan/scan-message';
import type { LocatedFinding, Unscanned } from '../core/types';
import { attachmentWeight, type ScanReply, type ScanRequest } from './scan-protocol';

const cache = new AttachmentScanCache();

interface WorkerScope {
  postMessage(message: ScanReply): void;
  onmessage: ((event: { data: ScanRequest }) => void) | null;
}

const scope = self as unknown as WorkerScope;

function scan(request: ScanRequest): void {
  const total = request.attachments.reduce((n, a) => n + attachmentWeight(a), 0);
  const findings: LocatedFinding[] = [];
  const unscanned: Unscanned[] = [];
  let done = 0;
  for (const attachment of request.attachments) {
    scope.postMessage({ type: 'progress', id: request.id, done, total, current: attachment.name });
    const result = scanAttachment(attachment, { minConfidence: 'low', cache });
    findings.push(...result.findings);
    unscanned.push(...result.unscanned);
    done += attachmentWeight(attachment);
  }
  scope.postMessage({ type: 'result', id: request.id, findings, unscanned });
}

scope.onmessage = (event) => {
  try {
    scan(event.data);
  } catch {
    // Only the id goes back: an error message could quote content.
    scope.postMessage({ type: 'error', id: event.data.id });
  }
};

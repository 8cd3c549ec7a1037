import { scanText } from '../detect/scan-text';
import type { ExtractedText } from '../extract/extractor';
import type { Location, LocatedFinding } from '../types';
import type { ScanParts, ScanSession } from './scan-session';

/** 'Roster' + 'J2' -> 'Roster!J2'; either alone when the other is missing. */
function whereOf(text: ExtractedText, start: number): string | undefined {
  const cell = text.cellAt ? text.cellAt(start) : undefined;
  if (cell === undefined) return text.where;
  return text.where === undefined ? cell : `${text.where}!${cell}`;
}

/**
 * Runs the engine over one extracted text within the message's character budget and adds the
 * located findings to `out`. Hitting the budget is recorded (truncated + an Unscanned 'limit').
 */
export function scanExtracted(
  session: ScanSession,
  text: ExtractedText,
  location: Location,
  unscannedName: string,
  out: ScanParts,
): void {
  if (text.text.length === 0) return;
  if (session.charsLeft <= 0 || session.findingsLeft <= 0) {
    out.truncated = true;
    out.unscanned.push({
      name: unscannedName,
      path: location.path,
      reason: 'limit',
      detail: session.charsLeft <= 0 ? 'extracted-characters limit reached' : 'findings limit reached',
    });
    return;
  }
  const result = scanText(text.text, {
    minConfidence: session.minConfidence,
    detectors: session.detectors,
    maxChars: session.charsLeft,
    maxFindings: session.findingsLeft,
    headerAt: text.headerAt,
  });
  session.charsLeft -= result.scannedChars;
  session.findingsLeft = Math.max(0, session.findingsLeft - result.findings.length);
  out.scannedChars += result.scannedChars;
  if (result.truncated) {
    out.truncated = true;
    const where = text.where ? ` (${text.where})` : '';
    const limit = result.limitHit === 'maxFindings' ? 'findings' : 'extracted-characters';
    out.unscanned.push({
      name: unscannedName,
      path: location.path,
      reason: 'limit',
      detail: `text${where} passed the ${limit} limit`,
    });
  }
  // Findings are fresh objects from the engine: locate them in place (a roster yields tens of
  // thousands), sharing one Location per text unless cells make each one different.
  const shared: Location = text.where === undefined ? location : { ...location, where: text.where };
  for (const finding of result.findings) {
    const located = finding as LocatedFinding;
    const where = text.cellAt ? whereOf(text, finding.start) : undefined;
    located.location = where === undefined ? shared : { ...location, where };
    out.findings.push(located);
  }
}

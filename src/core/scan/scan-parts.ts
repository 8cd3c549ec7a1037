import { scanTextLocated } from '../detect/scan-text';
import type { ExtractedText } from '../extract/extractor';
import type { Location } from '../types';
import type { ScanParts, ScanSession } from './scan-session';

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
  const options = {
    minConfidence: session.minConfidence,
    detectors: session.detectors,
    maxChars: session.charsLeft,
    maxFindings: session.findingsLeft,
    headerAt: text.headerAt,
  };
  const result = scanTextLocated(text.text, options, locatorFor(text, location), out.findings);
  session.charsLeft -= result.scannedChars;
  session.findingsLeft = Math.max(0, session.findingsLeft - result.found);
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
}

/** Each finding's Location: one shared by the whole text unless its cells tell them apart. */
function locatorFor(text: ExtractedText, location: Location): (start: number) => Location {
  const shared: Location = text.where === undefined ? location : withWhere(location, text.where);
  const cellAt = text.cellAt;
  if (!cellAt) return () => shared;
  // 'Roster' + 'J2' -> 'Roster!J2'; the cell alone when the text has no name.
  const prefix = text.where === undefined ? '' : `${text.where}!`;
  return (start) => {
    const cell = cellAt.call(text, start);
    return cell === undefined ? shared : withWhere(location, prefix + cell);
  };
}

function withWhere(location: Location, where: string): Location {
  // Literals, not a spread: the keys in Location's declared order (part, name, where, path).
  const copy: Location =
    location.name === undefined
      ? { part: location.part, where }
      : { part: location.part, name: location.name, where };
  if (location.path !== undefined) copy.path = location.path;
  return copy;
}

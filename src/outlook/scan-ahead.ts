/**
 * Scanning ahead: when recipients or attachments change, every attachment not scanned yet is
 * fetched and scanned, and the result is kept per item, keyed by attachment id + size + name (a
 * replaced or edited attachment gets a new id or size and is rescanned; a removed one is dropped).
 * At Send, cached attachments are neither fetched nor scanned again.
 *
 * Two layers, because runtimes differ:
 * - memory (module level): the browser runtime of web/new Outlook/Mac can serve several events of
 *   the same item; the map is keyed by a per-item session key so a reused runtime never mixes items.
 * - item.sessionData: classic Outlook's JavaScript-only runtime ends when an event completes, so
 *   the scan is also written to the item's session data as a compact summary (entity, tier, where,
 *   count; masked previews and offsets are dropped: the verdict only needs counts and locations).
 */
import type { ScanParts } from '../core/scan/scan-session';
import type { Confidence, EntityId, LocatedFinding, Unscanned, UnscannedReason } from '../core/types';
import { officeCall } from './office-async';
import type { AttachmentSummary, ComposeItem } from './read-item';

export const SESSION_KEY = 'sendwarden.session';
export const SCAN_KEY_PREFIX = 'sendwarden.scan.';
/** sessionData holds 50,000 characters per item up to Mailbox 1.15; keep well under for others. */
export const MAX_PERSISTED_CHARS = 30000;
/** Items remembered in memory by a long-lived runtime. */
export const MAX_ITEMS_IN_MEMORY = 8;

const TIER_SCORE: Record<Confidence, number> = { low: 0.3, medium: 0.6, high: 0.9 };

export function attachmentKey(summary: AttachmentSummary): string {
  return `${summary.id}|${summary.size}|${summary.name}`;
}

/** One grouped finding: entity, tier, part, attachment name, path, count. */
type CompactFinding = [EntityId, Confidence, string, string, string, number];
interface CompactScan {
  f: CompactFinding[];
  u: [string, UnscannedReason][];
  t: boolean;
  c: number;
}

export function compactScan(parts: ScanParts): CompactScan {
  const groups = new Map<string, CompactFinding>();
  for (const finding of parts.findings) {
    const location = finding.location;
    const path = (location.path || []).join('\u001f');
    const id = [finding.entity, finding.confidence, location.part, location.name || '', path].join('\u001e');
    const group = groups.get(id);
    if (group) group[5]++;
    else groups.set(id, [finding.entity, finding.confidence, location.part, location.name || '', path, 1]);
  }
  return {
    f: Array.from(groups.values()),
    u: parts.unscanned.map((entry) => [entry.name, entry.reason] as [string, UnscannedReason]),
    t: parts.truncated,
    c: parts.scannedChars,
  };
}

export function expandScan(compact: CompactScan): ScanParts {
  const findings: LocatedFinding[] = [];
  for (const [entity, confidence, part, name, path, count] of compact.f) {
    const location = {
      part: part as LocatedFinding['location']['part'],
      name: name || undefined,
      path: path ? path.split('\u001f') : undefined,
    };
    // One object per group, referenced `count` times: a 25 MB roster expands to a million findings,
    // and the verdict only counts them.
    const finding: LocatedFinding = {
      entity,
      confidence,
      score: TIER_SCORE[confidence],
      start: 0,
      end: 0,
      preview: '',
      reasons: ['scan-ahead'],
      location,
    };
    for (let i = 0; i < count; i++) findings.push(finding);
  }
  const unscanned: Unscanned[] = compact.u.map(([name, reason]) => ({ name, reason }));
  return { findings, unscanned, truncated: compact.t, scannedChars: compact.c };
}

function randomKey(): string {
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 0x7fffffff).toString(36)}`;
}

/** A key for this compose item, created once and kept in its sessionData. */
export function itemSessionKey(item: ComposeItem): Promise<string> {
  if (!item.sessionData) return Promise.resolve('no-session');
  return officeCall<string>('sessionData.getAsync', (cb) =>
    item.sessionData.getAsync(SESSION_KEY, cb as (r: Office.AsyncResult<string>) => void),
  )
    .then((key) => key || Promise.reject(new Error('empty')))
    .catch(() => {
      const key = randomKey();
      return officeCall<void>('sessionData.setAsync', (cb) =>
        item.sessionData.setAsync(SESSION_KEY, key, cb as (r: Office.AsyncResult<void>) => void),
      ).then(
        () => key,
        () => key,
      );
    });
}

const memory = new Map<string, Map<string, ScanParts>>();

function itemMemory(itemKey: string): Map<string, ScanParts> {
  let entries = memory.get(itemKey);
  if (!entries) {
    entries = new Map();
    memory.set(itemKey, entries);
    while (memory.size > MAX_ITEMS_IN_MEMORY) {
      const oldest = memory.keys().next();
      if (oldest.done) break;
      memory.delete(oldest.value);
    }
  }
  return entries;
}

/** Forgets every item (tests). */
export function resetScanAheadMemory(): void {
  memory.clear();
}

/** Reads the scans of these attachments (memory first, then sessionData). */
export function cachedScans(
  item: ComposeItem,
  itemKey: string,
  summaries: AttachmentSummary[],
): Promise<Map<string, ScanParts>> {
  const entries = itemMemory(itemKey);
  const found = new Map<string, ScanParts>();
  const missing: AttachmentSummary[] = [];
  for (const summary of summaries) {
    const hit = entries.get(attachmentKey(summary));
    if (hit) found.set(attachmentKey(summary), hit);
    else missing.push(summary);
  }
  if (missing.length === 0 || !item.sessionData) return Promise.resolve(found);
  return officeCall<Record<string, string>>('sessionData.getAllAsync', (cb) =>
    item.sessionData.getAllAsync(cb as unknown as (r: Office.AsyncResult<object>) => void),
  ).then(
    (all) => {
      for (const summary of missing) {
        const text = all && all[SCAN_KEY_PREFIX + attachmentKey(summary)];
        if (!text) continue;
        try {
          const parts = expandScan(JSON.parse(text) as CompactScan);
          entries.set(attachmentKey(summary), parts);
          found.set(attachmentKey(summary), parts);
        } catch {
          // A damaged entry is rescanned.
        }
      }
      return found;
    },
    () => found,
  );
}

/** Remembers one attachment's scan in memory and, when small enough, in sessionData. */
export function rememberScan(
  item: ComposeItem,
  itemKey: string,
  summary: AttachmentSummary,
  parts: ScanParts,
): Promise<void> {
  if (parts.unscanned.some((entry) => entry.reason === 'timeout')) return Promise.resolve();
  itemMemory(itemKey).set(attachmentKey(summary), parts);
  if (!item.sessionData) return Promise.resolve();
  const text = JSON.stringify(compactScan(parts));
  if (text.length > MAX_PERSISTED_CHARS) return Promise.resolve();
  return officeCall<void>('sessionData.setAsync', (cb) =>
    item.sessionData.setAsync(
      SCAN_KEY_PREFIX + attachmentKey(summary),
      text,
      cb as (r: Office.AsyncResult<void>) => void,
    ),
  ).catch(() => undefined);
}

/** Drops scans of attachments no longer on the item (memory only; sessionData entries are inert). */
export function forgetRemoved(itemKey: string, current: AttachmentSummary[]): void {
  const entries = itemMemory(itemKey);
  const keep = new Set(current.map(attachmentKey));
  for (const key of Array.from(entries.keys())) if (!keep.has(key)) entries.delete(key);
}

import type { Detector } from '../detect/detector';
import type { AttachmentInput, Confidence } from '../types';
import type { ScanParts } from './scan-session';

/**
 * Scans of attachments kept between events, so the Outlook edge can scan ahead when attachments
 * change and Send only evaluates. Keyed by attachment id + size + an FNV-1a hash of the content
 * (an id alone is not enough: a file can be replaced under the same id), the minimum tier and
 * the detector set.
 * Least recently used entries are evicted past `capacity`. Results that hit the deadline are
 * never stored: they depend on the time available, not on the file.
 */
export class AttachmentScanCache {
  private readonly entries = new Map<string, ScanParts>();

  constructor(readonly capacity = 64) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): ScanParts | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, scan: ScanParts): void {
    if (scan.unscanned.some((u) => u.reason === 'timeout')) return;
    this.entries.delete(key);
    this.entries.set(key, scan);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** 8 hex digits (padStart is ES2017; older Outlook runtimes may lack it). */
function hex8(hash: number): string {
  return ('0000000' + (hash >>> 0).toString(16)).slice(-8);
}

/** 32-bit FNV-1a over bytes, as 8 hex digits. */
export function fnv1aBytes(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hex8(hash);
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1aString(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hex8(hash);
}

/** The cache key of an attachment; its content hash stands in when Outlook gave no id. */
export function attachmentCacheKey(
  attachment: AttachmentInput,
  minConfidence: Confidence,
  detectors?: readonly Detector[],
): string {
  const detectorSet = detectors ? detectors.map((d) => d.entity).join(',') : 'all';
  const content =
    attachment.bytes !== undefined
      ? fnv1aBytes(attachment.bytes)
      : attachment.eml !== undefined
        ? fnv1aString(attachment.eml)
        : fnv1aString(attachment.url ?? '');
  return [
    attachment.kind,
    attachment.id ?? attachment.name,
    attachment.size,
    content,
    minConfidence,
    detectorSet,
  ].join('|');
}

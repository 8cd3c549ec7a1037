import type { UnscannedReason } from '../types';
import type { ExtractLimits } from './limits';

/**
 * The extractor contract: bytes of one file in, text parts out (with where each part sits), plus
 * the files it contains (archive entries, attachments of an attached message) for the message
 * scanner to recurse into. Extractors never scan; they never throw on bad input either: they
 * return { ok: false, reason } so one broken attachment never stops the rest of the scan.
 */

export interface ExtractedText {
  text: string;
  /** Where inside the file: 'Roster!J2' style is built from this plus headerAt offsets; 'page 3', 'header', 'comments', 'deleted text'. */
  where?: string;
  /**
   * For tables laid out as text (spreadsheets): the column header for an offset of `text`. When
   * given, scanText uses it instead of guessing headers from delimiters.
   */
  headerAt?(offset: number): string | undefined;
  /** For tables: the cell reference ('J2') for an offset of `text`, to name the location precisely. */
  cellAt?(offset: number): string | undefined;
}

export interface NestedFile {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

export type ExtractOutcome =
  | {
      ok: true;
      texts: ExtractedText[];
      /** Files inside this one: zip entries, attachments of an attached message. */
      files?: NestedFile[];
      /** Parts inside that could not be read (an encrypted zip entry, an image-only PDF page). */
      unscanned?: Array<{ name: string; reason: UnscannedReason; detail?: string }>;
    }
  | { ok: false; reason: UnscannedReason; detail: string };

export interface ExtractContext {
  limits: ExtractLimits;
  /** Epoch milliseconds after which extractors should stop and report 'timeout'. */
  deadline: number;
  now(): number;
  /** Nesting depth of this file (0 for a top-level attachment). */
  depth: number;
  /**
   * Shared by every file of one message: inflated bytes so far, checked against
   * limits.maxInflatedBytes by everything that decompresses (zip, gzip, PDF Flate streams).
   */
  budget?: ExtractBudget;
}

/** Mutable per-message counters; absent means a fresh budget per file. */
export interface ExtractBudget {
  inflatedBytes: number;
}

export interface Extractor {
  /** 'docx', 'xlsx', 'pdf', 'zip', ... */
  readonly id: string;
  /** Lower-case extensions without the dot. */
  readonly extensions: readonly string[];
  /** MIME types it reads. */
  readonly contentTypes?: readonly string[];
  /** True when the first bytes say this is the extractor's format (magic numbers win over names). */
  sniff?(head: Uint8Array): boolean;
  extract(bytes: Uint8Array, name: string, context: ExtractContext): ExtractOutcome;
}

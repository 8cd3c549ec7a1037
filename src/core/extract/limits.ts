import { checkLimit } from '../detect/limits';

/**
 * Named, validated limits for reading attachments. Every limit that is hit is reported as an
 * Unscanned entry ('too-large', 'limit'), never hidden. Values are validated like the detection
 * limits: 0 or NaN must not silently disable a limit.
 */
export interface ExtractLimits {
  /** Bytes of one attachment (or one nested file) read at most; larger ones are 'too-large'. */
  maxAttachmentBytes: number;
  /** Bytes of all attachments of one message together. */
  maxMessageBytes: number;
  /** Bytes inflated from archives (zip, gzip, Office containers) per message, all entries together. */
  maxInflatedBytes: number;
  /** Largest uncompressed/compressed ratio of one archive entry (zip bomb guard). */
  maxCompressionRatio: number;
  /** Nesting depth: an attachment is depth 0, a zip entry in it 1, a file in a zip in it 2, ... */
  maxDepth: number;
  /** Entries read from one archive (zip central directory, attachments of one message). */
  maxEntries: number;
  /** Characters of extracted text handed to the detection engine per message. */
  maxExtractedChars: number;
  /** Findings kept per message; past it the rest is reported as not scanned ('limit'). */
  maxFindings: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_EXTRACT_LIMITS: Readonly<ExtractLimits> = Object.freeze({
  // Exchange Online's default maximum send size is 35 MB for the whole message; a single
  // attachment above it cannot be sent with default settings, so nothing legitimate is lost.
  maxAttachmentBytes: 35 * MIB,
  // Exchange Online's hard ceiling for a message (tenants may raise the 35 MB default up to it).
  maxMessageBytes: 150 * MIB,
  // Office files are zips of XML that inflate 5-20x; a 35 MB xlsx inflates to ~300 MB at worst in
  // practice, but Outlook's JS runtime has limited memory, so stop at 256 MiB per message.
  maxInflatedBytes: 256 * MIB,
  // Apache POI's ZipSecureFile refuses ratios above 100 (MIN_INFLATE_RATIO 0.01); sparse sheet XML
  // reaches ~60x. Entries below RATIO_GRACE_BYTES are exempt (tiny files compress absurdly well).
  maxCompressionRatio: 100,
  // Real mail nests a few levels (zip in a forwarded message in a zip); deeper is adversarial.
  maxDepth: 5,
  // An xlsx has tens of parts, a zip of documents hundreds; 10,000 bounds the central-directory
  // walk and per-entry overhead while never tripping on real archives.
  maxEntries: 10_000,
  // 32M chars (64 MB of UTF-16 at most) keeps a 25 MB text attachment fully scanned.
  maxExtractedChars: 32_000_000,
  // Each finding costs ~650 bytes with its location; 100,000 of them (~65 MB) keep a 25 MB
  // attachment of nothing but numbers within a few times its size, and are 1,000 times the
  // default policy's bulk threshold: the verdict is decided long before.
  maxFindings: 100_000,
});

/** Entries inflating to less than this are not ratio-checked (a 4 KB run of spaces is 400x). */
export const RATIO_GRACE_BYTES = 1 * MIB;

const BOUNDS: Record<keyof ExtractLimits, readonly [number, number]> = {
  maxAttachmentBytes: [1, 2 ** 31 - 1],
  maxMessageBytes: [1, 2 ** 31 - 1],
  maxInflatedBytes: [1, 2 ** 31 - 1],
  maxCompressionRatio: [1, 1_000_000],
  maxDepth: [0, 100],
  maxEntries: [1, 10_000_000],
  maxExtractedChars: [1, 1_000_000_000],
  maxFindings: [1, 100_000_000],
};

/** Defaults overridden by `partial`; throws RangeError naming the first invalid field. */
export function parseExtractLimits(partial: Partial<ExtractLimits> = {}): ExtractLimits {
  const limits: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS };
  for (const key of Object.keys(partial) as Array<keyof ExtractLimits>) {
    const bounds = BOUNDS[key];
    if (!bounds) throw new RangeError(`unknown extract limit ${String(key)}`);
    const value = partial[key];
    if (value === undefined) continue;
    limits[key] = checkLimit(value, key, bounds[0], bounds[1]);
  }
  return limits;
}

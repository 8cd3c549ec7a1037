/**
 * The shared vocabulary of the core. Everything here is plain data: it crosses from the
 * Outlook edge, the task pane, the playground and the CLI into the pure core and back.
 * Nothing in src/core may touch Office, the DOM or Node.
 */

/** Entity ids. They match Presidio's names where both exist. */
export const ENTITY_IDS = [
  'US_SSN',
  'US_ITIN',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_BANK_NUMBER',
  'ABA_ROUTING_NUMBER',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'US_NPI',
  'US_MBI',
  'MEDICAL_LICENSE',
  'US_EIN',
  'DATE_OF_BIRTH',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'IP_ADDRESS',
  'UK_NINO',
  'UK_NHS',
  'CA_SIN',
] as const;

export type EntityId = (typeof ENTITY_IDS)[number];

/** Purview-style tiers. Scores map to tiers through {@link tierOf} in detect/confidence.ts. */
export type Confidence = 'low' | 'medium' | 'high';

/**
 * One sensitive value found in one text. Offsets are UTF-16 code units of the ORIGINAL text
 * (before normalization). The raw value never leaves the core: only the masked preview does.
 */
export interface Finding {
  entity: EntityId;
  start: number;
  end: number;
  confidence: Confidence;
  /** 0..1, monotone in the evidence. */
  score: number;
  /** Masked form, e.g. ***-**-6789. Never the raw value. */
  preview: string;
  /** Why the score is what it is: 'pattern:formatted', 'checksum:luhn', 'context:ssn', 'header:SSN'. */
  reasons: readonly string[];
}

/** Where in a message a finding sits. */
export type MessagePart = 'subject' | 'body' | 'attachment';

export interface Location {
  part: MessagePart;
  /** Attachment file name (for part 'attachment'). */
  name?: string;
  /** Inside the attachment: 'Roster!J2', 'page 3', 'slide 2 notes', 'header', 'deleted text'. */
  where?: string;
  /** Path through archives and attached messages, outermost first: ['batch.zip', 'roster.xlsx']. */
  path?: string[];
}

export interface LocatedFinding extends Finding {
  location: Location;
}

/** Why something could not be scanned. A first-class result, never a silent pass. */
export type UnscannedReason =
  'encrypted' | 'too-large' | 'corrupt' | 'unsupported' | 'timeout' | 'image' | 'cloud' | 'limit';

export interface Unscanned {
  name: string;
  path?: string[];
  reason: UnscannedReason;
  /** Human-readable detail, never content. */
  detail?: string;
}

export type RecipientField = 'to' | 'cc' | 'bcc';

export interface RecipientInput {
  address: string;
  /** The display name. It never decides a class: a name that claims a domain means nothing. */
  name?: string;
  field: RecipientField;
  /** Outlook's recipientType ('user', 'externalUser', 'distributionList', 'group', 'other'): a hint only. */
  recipientType?: string;
}

/** An attachment as the Outlook edge (or the CLI) hands it to the core. */
export interface AttachmentInput {
  name: string;
  size: number;
  contentType?: string;
  /** 'file' has bytes; 'item' is an attached Outlook item given as .eml text; 'cloud' is a link. */
  kind: 'file' | 'item' | 'cloud';
  bytes?: Uint8Array;
  eml?: string;
  url?: string;
  /** Outlook's attachment id, used to cache scans ahead of Send. */
  id?: string;
  isInline?: boolean;
}

/** A message as plain data: what the edge reads from Outlook and the CLI reads from .eml files. */
export interface MessageSnapshot {
  subject: string;
  body: string;
  bodyType: 'text' | 'html';
  from?: { address: string; name?: string };
  recipients: RecipientInput[];
  attachments: AttachmentInput[];
  /** Internet headers set on the draft (X-SendWarden-Encrypt, ...), lower-cased names. */
  headers?: Record<string, string>;
  /** The sensitivity label id applied to the item, if any. */
  sensitivityLabel?: string;
  /** BCP 47 locale of the Outlook UI, for messages. */
  locale?: string;
}

/**
 * The seam between the task pane and Outlook. Components never call Office: they get a
 * TaskpaneHost. In Outlook it is backed by the Office wrappers in src/outlook (office-host.ts);
 * in the playground the same adapter runs over the mock mailbox.
 */
import type { MessageSnapshot, Unscanned } from '../core/types';
import type { AttachmentSummary } from '../outlook/read-item';

/** The draft as read from Outlook: the message, and attachments Outlook would not hand over. */
export interface DraftRead {
  snapshot: MessageSnapshot;
  unreadable: Unscanned[];
  /** Every attachment as Outlook lists it (name, type, size): what a decision's fingerprint covers. */
  attachmentList: AttachmentSummary[];
}

/** What the employee decided in the pane, stored on the item and audited. */
export interface PaneDecision {
  kind: 'justified' | 'encrypted' | 'false-positive' | 'removed-recipients' | 'redacted';
  /** The reason picked from IT's list, for 'justified'. */
  reason?: string;
  /** Free text the employee typed. Never message content. */
  note?: string;
}

export type SendResult = 'sent' | 'press-send';

export interface TaskpaneHost {
  /** The Outlook UI language (BCP 47). */
  readonly locale: string;
  /** Reads the draft as plain data (recipients, body, attachments with their bytes). */
  readDraft(): Promise<DraftRead>;
  /** Calls `listener` whenever recipients, attachments or the selected item change. Returns an unsubscribe. */
  onDraftChanged(listener: () => void): () => void;
  /** The contextData the Smart Alerts button passed ('' when the pane was opened from the ribbon). */
  getInitializationContext(): Promise<string>;
  /** Context data that arrives while the pane is already open (Mailbox 1.15). */
  onInitializationContext(listener: (data: string) => void): () => void;
  /** Marks the item for encryption by the policy's method (label, subject tag or header). */
  applyEncryption(): Promise<void>;
  /** Sends the item where Mailbox 1.15 allows it; 'press-send' tells the user to press Send. */
  send(): Promise<SendResult>;
  /** Removes these addresses from To, Cc and Bcc. */
  removeRecipients(addresses: readonly string[]): Promise<void>;
  /** The body in its own format (HTML stays HTML, so redaction keeps the formatting). */
  readBody(): Promise<{ body: string; type: 'text' | 'html' }>;
  /** Replaces the body, keeping its type. */
  setBody(body: string, type: 'text' | 'html'): Promise<void>;
  /** Stores the decision on the item (so the next Send passes) and writes the audit event. */
  recordDecision(decision: PaneDecision): Promise<void>;
}

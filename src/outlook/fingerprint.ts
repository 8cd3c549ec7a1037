/**
 * A fingerprint of what a decision was about: subject, body, recipients and attachments (name, kind
 * and size). The employee's decision (justified, warned) is stored with this hash, never with the
 * content, so the next Send of the SAME content passes and any change asks again.
 */
import type { RecipientInput } from '../core/types';
import type { AttachmentSummary } from './read-item';
import { sha256Hex } from './sha256';

export interface FingerprintInput {
  subject: string;
  body: string;
  recipients: RecipientInput[];
  attachments: AttachmentSummary[];
}

export function messageFingerprint(input: FingerprintInput): string {
  const recipients = input.recipients.map((r) => `${r.field}:${r.address.trim().toLowerCase()}`).sort();
  // Attachment ids are session-scoped and differ between the task pane and the event runtime.
  const attachments = input.attachments.map((a) => `${a.attachmentType}:${a.size}:${a.name}`).sort();
  // Line endings differ between clients' text coercions; they do not change what is sent.
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  return sha256Hex(JSON.stringify([input.subject.trim(), body, recipients, attachments]));
}

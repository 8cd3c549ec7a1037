/**
 * The task pane's side of a justification: the employee picked a reason (or wrote one); it is stored
 * on the item with the fingerprint of the current content, and the next Send of that same content
 * passes and is audited as 'sent-with-justification' by the send handler.
 */
import { MAX_JUSTIFICATION_CHARS, writeDecision, type StoredDecision } from './decision-store';
import { messageFingerprint } from './fingerprint';
import { listAttachments, readBody, readRecipients, readSubject, type ComposeItem } from './read-item';
import { detectSupport } from './requirements';

export interface Justification {
  reasonId?: string;
  freeText?: string;
}

/** The fingerprint of the draft as it is now (the same the send handler computes). */
export function currentFingerprint(item: ComposeItem): Promise<string> {
  return Promise.all([readSubject(item), readBody(item), readRecipients(item), listAttachments(item)]).then(
    ([subject, body, recipients, attachments]) =>
      messageFingerprint({ subject: subject || '', body: body.body, recipients, attachments }),
  );
}

/** Stores the justification on the item. Rejects (OfficeCallError) when Outlook refuses. */
export function recordJustification(
  item: ComposeItem,
  justification: Justification,
  now: () => number = Date.now,
): Promise<StoredDecision> {
  if (!justification.reasonId && !(justification.freeText || '').trim()) {
    return Promise.reject(new Error('A justification needs a reason or a text'));
  }
  return currentFingerprint(item).then((fingerprint) => {
    const decision: StoredDecision = {
      kind: 'justified',
      fingerprint,
      reasonId: justification.reasonId,
      freeText: justification.freeText ? justification.freeText.slice(0, MAX_JUSTIFICATION_CHARS) : undefined,
      at: now(),
    };
    return writeDecision(item, decision, detectSupport().sessionData).then(() => decision);
  });
}

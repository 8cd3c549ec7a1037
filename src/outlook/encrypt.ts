/**
 * Marks the draft for encryption the way the policy says; Exchange (a mail flow rule on the subject
 * tag or the X- header) or Purview (an encrypting sensitivity label) does the encryption. Called by
 * the task pane's Encrypt action; the next Send then finds the mark and passes.
 */
import { applyEncryptionMark, type EncryptionMarkChange } from '../core/policy/encryption-mark';
import type { Policy } from '../core/policy/policy';
import { officeCall, OfficeCallError } from './office-async';
import { readSubject, type ComposeItem } from './read-item';
import { detectSupport } from './requirements';

function setSubject(item: ComposeItem, subject: string): Promise<void> {
  return officeCall<void>('subject.setAsync', (cb) =>
    (item.subject as Office.Subject).setAsync(subject, cb as (r: Office.AsyncResult<void>) => void),
  );
}

function setHeader(item: ComposeItem, name: string, value: string): Promise<void> {
  const headers = (item as Office.MessageCompose).internetHeaders;
  if (!headers) return Promise.reject(new OfficeCallError('internetHeaders.setAsync', 'unsupported'));
  return officeCall<void>('internetHeaders.setAsync', (cb) =>
    headers.setAsync({ [name]: value }, cb as (r: Office.AsyncResult<void>) => void),
  );
}

/** Labels need Mailbox 1.13 and the tenant's label catalog enabled for this user. */
function setLabel(item: ComposeItem, labelId: string): Promise<void> {
  const catalog = Office.context.sensitivityLabelsCatalog;
  if (!detectSupport().labels || !catalog || !item.sensitivityLabel) {
    return Promise.reject(new OfficeCallError('sensitivityLabel.setAsync', 'unsupported'));
  }
  return officeCall<boolean>('sensitivityLabelsCatalog.getIsEnabledAsync', (cb) =>
    catalog.getIsEnabledAsync(cb as (r: Office.AsyncResult<boolean>) => void),
  ).then((enabled) => {
    if (!enabled) throw new OfficeCallError('sensitivityLabel.setAsync', 'catalog-disabled');
    return officeCall<void>('sensitivityLabel.setAsync', (cb) =>
      item.sensitivityLabel.setAsync(labelId, cb as (r: Office.AsyncResult<void>) => void),
    );
  });
}

/**
 * Applies the policy's encryption method to the draft and returns what was changed. Rejects with
 * OfficeCallError (operation and code, e.g. 'catalog-disabled') when Outlook refuses.
 */
export function markForEncryption(
  item: ComposeItem,
  encryption: Policy['encryption'],
): Promise<EncryptionMarkChange> {
  const method = encryption.method;
  const subjectNeeded = 'subjectTag' in method ? readSubject(item) : Promise.resolve('');
  return subjectNeeded.then((subject) => {
    const change = applyEncryptionMark(method, subject);
    const steps: Promise<void>[] = [];
    if (change.subject !== undefined && change.subject !== subject)
      steps.push(setSubject(item, change.subject));
    if (change.header) steps.push(setHeader(item, change.header.name, change.header.value));
    if (change.labelId) steps.push(setLabel(item, change.labelId));
    return Promise.all(steps).then(() => change);
  });
}

/** The header names the send handler must read to see header markers of this policy. */
export function markerHeaderNames(encryption: Policy['encryption']): string[] {
  const names: string[] = [];
  for (const marker of [encryption.method, ...encryption.accept]) {
    if ('header' in marker && names.indexOf(marker.header.name) === -1) names.push(marker.header.name);
  }
  return names;
}

import type { EncryptionMarker, Policy } from './policy';

export interface MessageMarks {
  subject: string;
  /** Internet headers of the draft; names are compared case-insensitively. */
  headers?: Record<string, string>;
  sensitivityLabel?: string;
}

/** What the Outlook edge must set on the draft to mark it: pure data, applied there. */
export interface EncryptionMarkChange {
  subject?: string;
  header?: { name: string; value: string };
  labelId?: string;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
  return undefined;
}

/** Does the message carry this one marker? Tags and header values compare case-insensitively. */
export function hasMarker(marker: EncryptionMarker, message: MessageMarks): boolean {
  if ('subjectTag' in marker)
    return message.subject.toLowerCase().indexOf(marker.subjectTag.toLowerCase()) >= 0;
  if ('labelId' in marker)
    return (message.sensitivityLabel ?? '').toLowerCase() === marker.labelId.toLowerCase();
  const value = headerValue(message.headers, marker.header.name);
  return value !== undefined && value.trim().toLowerCase() === marker.header.value.trim().toLowerCase();
}

/** Marked by the configured method or any other accepted marker. */
export function isMarkedForEncryption(encryption: Policy['encryption'], message: MessageMarks): boolean {
  return [encryption.method, ...encryption.accept].some((marker) => hasMarker(marker, message));
}

/** The change that marks a message by `method`; a subject keeps an existing tag instead of doubling it. */
export function applyEncryptionMark(method: EncryptionMarker, subject = ''): EncryptionMarkChange {
  if ('subjectTag' in method) {
    const tagged = subject.toLowerCase().indexOf(method.subjectTag.toLowerCase()) >= 0;
    return { subject: tagged ? subject : subject ? `${method.subjectTag} ${subject}` : method.subjectTag };
  }
  if ('labelId' in method) return { labelId: method.labelId };
  return { header: { name: method.header.name, value: method.header.value } };
}

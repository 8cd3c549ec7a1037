import type { AttachmentInput, MessageSnapshot, RecipientField, RecipientInput } from '../types';
import type { ExtractContext, ExtractedText, Extractor, NestedFile } from './extractor';
import { checkDeadline, failSafely } from './extract-failure';
import { decodeCharset, decodeWords, parseHeaders, parseMime, type MimePart } from './eml-mime';
import { DEFAULT_EXTRACT_LIMITS } from './limits';
import { htmlToText } from './html';
import { decodeUtf8 } from './text-decode';

/**
 * Attached messages (.eml, message/rfc822): subject and body as texts, attachments as nested
 * files (the message scanner recurses into them, attached messages included). snapshotFromEml
 * turns a whole .eml into the MessageSnapshot the CLI scans like a message from Outlook.
 */

interface BodyPiece {
  text: string;
  html: boolean;
}

interface Walked {
  body: BodyPiece[];
  attachments: MimePart[];
}

function fileName(part: MimePart): string | undefined {
  const raw = part.dispositionParams.get('filename') ?? part.params.get('name');
  return raw === undefined ? undefined : decodeWords(raw);
}

function isBodyText(part: MimePart): boolean {
  return (
    (part.type === 'text/plain' || part.type === 'text/html') &&
    part.disposition !== 'attachment' &&
    fileName(part) === undefined
  );
}

function textOf(part: MimePart): string {
  return decodeCharset(part.body, part.params.get('charset'));
}

/** Which alternative to read: 'plain' for scanning (cheaper, same content), 'html' for snapshots (as Outlook gives it). */
type Preference = 'plain' | 'html';

function chooseAlternative(children: MimePart[], prefer: Preference): MimePart | undefined {
  const wanted = prefer === 'plain' ? 'text/plain' : 'text/html';
  return children.find((c) => c.type === wanted && isBodyText(c)) ?? children[children.length - 1];
}

function walk(part: MimePart, prefer: Preference, out: Walked, bodyWanted: boolean): void {
  if (part.children.length > 0) {
    if (part.type === 'multipart/alternative') {
      const chosen = chooseAlternative(part.children, prefer);
      // Only the chosen alternative gives the body; inline images of the others are still attachments.
      for (const child of part.children) walk(child, prefer, out, bodyWanted && child === chosen);
    } else {
      for (const child of part.children) walk(child, prefer, out, bodyWanted);
    }
    return;
  }
  if (isBodyText(part)) {
    if (bodyWanted) out.body.push({ text: textOf(part), html: part.type === 'text/html' });
    return;
  }
  if (part.type.indexOf('multipart/') === 0) return;
  out.attachments.push(part);
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'application/pdf': 'pdf',
};

function attachmentName(part: MimePart, index: number): string {
  const named = fileName(part);
  if (named) return named;
  if (part.type === 'message/rfc822') {
    const subject = decodeWords(parseHeaders(part.body).first('subject') ?? '').trim();
    return (subject || 'attached message') + '.eml';
  }
  return `attachment ${index + 1}.${EXTENSIONS[part.type] ?? 'bin'}`;
}

function readMessage(bytes: Uint8Array, prefer: Preference, maxParts: number, deadline: () => void) {
  const root = parseMime(bytes, maxParts, deadline);
  const out: Walked = { body: [], attachments: [] };
  walk(root, prefer, out, true);
  return { root, subject: decodeWords(root.headers.first('subject') ?? ''), ...out };
}

function extractEml(bytes: Uint8Array, context: ExtractContext) {
  return failSafely(() => {
    const message = readMessage(bytes, 'plain', context.limits.maxEntries, () => checkDeadline(context));
    const texts: ExtractedText[] = [];
    if (message.subject.trim() !== '') texts.push({ text: message.subject, where: 'subject' });
    const body = message.body.map((p) => (p.html ? htmlToText(p.text) : p.text)).join('\n');
    if (body.trim() !== '') texts.push({ text: body, where: 'body' });
    const files: NestedFile[] = message.attachments.map((part, i) => ({
      name: attachmentName(part, i),
      bytes: part.body,
      contentType: part.type,
    }));
    return { ok: true, texts, files };
  }, 'the message');
}

export const emlExtractor: Extractor = {
  id: 'eml',
  extensions: ['eml', 'mht', 'mhtml'],
  contentTypes: ['message/rfc822'],
  extract: (bytes, _name, context) => extractEml(bytes, context),
};

/** Splits an address list on commas outside quotes, angle brackets and comments. */
function splitAddresses(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let paren = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\' && quoted) {
      current += c + value.charAt(++i);
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle++;
    else if (!quoted && c === '>') angle = Math.max(0, angle - 1);
    else if (!quoted && c === '(') paren++;
    else if (!quoted && c === ')') paren = Math.max(0, paren - 1);
    if ((c === ',' || c === ';') && !quoted && angle === 0 && paren === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

const GROUP_LABEL = /^[^"<@:]{0,200}:/;
const COMMENT = /\([^()]{0,500}\)/g;

/** 'Ann Lee <ann@x.com>', '"Lee, Ann" <ann@x.com>', 'ann@x.com (Ann)', 'Team: a@x.com, b@x.com;' */
export function parseAddressList(value: string | undefined): Array<{ address: string; name?: string }> {
  if (value === undefined) return [];
  const out: Array<{ address: string; name?: string }> = [];
  for (let item of splitAddresses(value)) {
    item = item.replace(GROUP_LABEL, '').trim();
    if (item === '') continue;
    const open = item.lastIndexOf('<');
    const close = item.lastIndexOf('>');
    if (open >= 0 && close > open) {
      const address = item.slice(open + 1, close).trim();
      const name = decodeWords(
        item.slice(0, open).trim().replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'),
      ).trim();
      if (address !== '') out.push(name === '' ? { address } : { address, name });
    } else {
      const address = item.replace(COMMENT, '').trim();
      if (address.indexOf('@') > 0) out.push({ address });
    }
  }
  return out;
}

function snapshotBody(body: BodyPiece[]): { body: string; bodyType: 'text' | 'html' } {
  if (body.length > 0 && body.every((p) => p.html))
    return { body: body.map((p) => p.text).join('\n'), bodyType: 'html' };
  return { body: body.map((p) => (p.html ? htmlToText(p.text) : p.text)).join('\n'), bodyType: 'text' };
}

function toAttachment(part: MimePart, index: number): AttachmentInput {
  const name = attachmentName(part, index);
  if (part.type === 'message/rfc822') {
    return { name, size: part.body.length, contentType: part.type, kind: 'item', eml: decodeUtf8(part.body) };
  }
  const inline = part.disposition === 'inline';
  return {
    name,
    size: part.body.length,
    contentType: part.type,
    kind: 'file',
    bytes: part.body,
    ...(inline ? { isInline: true } : {}),
  };
}

const RECIPIENT_FIELDS: RecipientField[] = ['to', 'cc', 'bcc'];

/**
 * A whole .eml as the message snapshot the core scans: recipients, subject, body (HTML when the
 * message has it, as Outlook hands it over), attachments (attached messages as 'item' with their
 * .eml text) and headers with lower-cased names. Throws only on the part/nesting limits.
 */
export function snapshotFromEml(bytes: Uint8Array): MessageSnapshot {
  const message = readMessage(bytes, 'html', DEFAULT_EXTRACT_LIMITS.maxEntries, () => undefined);
  const headers: Record<string, string> = {};
  message.root.headers.all.forEach((values, name) => {
    headers[name] = values[0] as string;
  });
  const recipients: RecipientInput[] = [];
  for (const field of RECIPIENT_FIELDS) {
    for (const r of parseAddressList(message.root.headers.first(field))) recipients.push({ ...r, field });
  }
  const from = parseAddressList(message.root.headers.first('from'))[0];
  return {
    subject: message.subject,
    ...snapshotBody(message.body),
    ...(from ? { from } : {}),
    recipients,
    attachments: message.attachments.map(toAttachment),
    headers,
  };
}

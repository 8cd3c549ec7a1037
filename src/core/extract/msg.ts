import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor, NestedFile } from './extractor';
import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import { htmlToText } from './html';
import { OleFile, decodeUtf16le, isEncryptedOfficePackage, type OleEntry } from './ole';
import { decodeUtf8Strict, decodeWindows1252 } from './text-decode';

/**
 * Outlook .msg files ([MS-OXMSG]): an OLE file whose properties are streams named
 * __substg1.0_<tag><type>. Reads the subject (0x0037), the plain body (0x1000, else the HTML
 * body 0x1013 as text), and each attachment (__attach_version1.0_#N): its data (0x3701) with
 * its name (0x3707, else 0x3704) and MIME type (0x370E) as a nested file for the message
 * scanner. An attached message (0x3701 as a storage) is read in place, its texts located as
 * 'attached message N: subject' / '...: body'. Written here instead of @kenjiuno/msgreader
 * (~200 KB with its own CFB reader): with ole.ts it is about 150 lines.
 */

const TYPE_UNICODE = '001F';
const TYPE_STRING8 = '001E';
const TYPE_BINARY = '0102';
const TYPE_OBJECT = '000D';
const PROP_SUBJECT = '0037';
const PROP_BODY = '1000';
const PROP_HTML = '1013';
const PROP_ATTACH_DATA = '3701';
const PROP_ATTACH_LONG_NAME = '3707';
const PROP_ATTACH_NAME = '3704';
const PROP_ATTACH_MIME = '370E';
const ATTACH_PREFIX = '__attach_version1.0_#';
/** Attached messages inside attached messages read at most; deeper is adversarial. */
export const MSG_MAX_EMBEDDED_DEPTH = 3;

/** True when the OLE container holds an Outlook message. */
export function isOutlookMessage(ole: OleFile): boolean {
  return (
    ole.find('__properties_version1.0') !== undefined ||
    ole.root.children.some((c) => c.name.toLowerCase().indexOf('__substg1.0_') === 0)
  );
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : prefix + '/' + name;
}

function stripNuls(text: string): string {
  const nul = text.indexOf('\u0000');
  return nul < 0 ? text : text.slice(0, nul);
}

/** A string property: UTF-16LE (001F) or 8-bit (001E, UTF-8 when valid, else Windows-1252). */
function stringProp(ole: OleFile, storage: string, tag: string): string | undefined {
  const unicode = ole.readPath(join(storage, `__substg1.0_${tag}${TYPE_UNICODE}`));
  if (unicode) return stripNuls(decodeUtf16le(unicode));
  const eight = ole.readPath(join(storage, `__substg1.0_${tag}${TYPE_STRING8}`));
  if (!eight) return undefined;
  return stripNuls(decodeUtf8Strict(eight) ?? decodeWindows1252(eight));
}

function bodyOf(ole: OleFile, storage: string): string | undefined {
  const plain = stringProp(ole, storage, PROP_BODY);
  if (plain !== undefined && plain.trim() !== '') return plain;
  const html = ole.readPath(join(storage, `__substg1.0_${PROP_HTML}${TYPE_BINARY}`)) ?? undefined;
  if (html) return htmlToText(decodeUtf8Strict(html) ?? decodeWindows1252(html));
  return stringProp(ole, storage, PROP_HTML);
}

interface MessageParts {
  texts: ExtractedText[];
  files: NestedFile[];
  unscanned: Array<{ name: string; reason: 'unsupported'; detail: string }>;
}

/** An attached message's storage has property streams of its own; an embedded OLE object (a chart, a package) does not. */
function holdsMessage(embedded: OleEntry): boolean {
  return embedded.children.some((c) => c.name.toLowerCase().indexOf('__substg1.0_') === 0);
}

function attachmentStorages(ole: OleFile, storage: string): OleEntry[] {
  const parent = storage === '' ? ole.root : ole.find(storage);
  if (!parent) return [];
  return parent.children
    .filter((c) => c.type === 'storage' && c.name.toLowerCase().indexOf(ATTACH_PREFIX) === 0)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function readMessage(
  ole: OleFile,
  storage: string,
  label: string,
  depth: number,
  out: MessageParts,
  context: ExtractContext,
): void {
  checkDeadline(context);
  const prefix = label === '' ? '' : label + ': ';
  const subject = stringProp(ole, storage, PROP_SUBJECT);
  if (subject) out.texts.push({ text: subject, where: prefix + 'subject' });
  const body = bodyOf(ole, storage);
  if (body) out.texts.push({ text: body, where: prefix + 'body' });
  attachmentStorages(ole, storage).forEach((attachment, index) => {
    const path = attachment.path;
    const name =
      stringProp(ole, path, PROP_ATTACH_LONG_NAME) ||
      stringProp(ole, path, PROP_ATTACH_NAME) ||
      `attachment ${index + 1}`;
    const embedded = ole.find(join(path, `__substg1.0_${PROP_ATTACH_DATA}${TYPE_OBJECT}`));
    if (embedded && embedded.type === 'storage') {
      if (!holdsMessage(embedded)) {
        out.unscanned.push({ name, reason: 'unsupported', detail: 'an embedded OLE object is not read' });
        return;
      }
      if (depth >= MSG_MAX_EMBEDDED_DEPTH)
        throw new ExtractFailure('limit', 'attached messages nest too deeply');
      readMessage(ole, embedded.path, `${prefix}attached message ${name}`, depth + 1, out, context);
      return;
    }
    const data = ole.readPath(join(path, `__substg1.0_${PROP_ATTACH_DATA}${TYPE_BINARY}`));
    if (!data) return;
    const contentType = stringProp(ole, path, PROP_ATTACH_MIME);
    out.files.push(contentType ? { name, bytes: data, contentType } : { name, bytes: data });
  });
}

/** Reads an OLE container that holds an Outlook message. */
export function extractMsg(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  return failSafely(() => {
    const ole = new OleFile(bytes, context.limits.maxAttachmentBytes);
    if (isEncryptedOfficePackage(ole))
      throw new ExtractFailure('encrypted', 'the Office file is password-protected');
    if (!isOutlookMessage(ole))
      throw new ExtractFailure('corrupt', 'the file holds no Outlook message properties');
    const out: MessageParts = { texts: [], files: [], unscanned: [] };
    readMessage(ole, '', '', 0, out, context);
    if (out.files.length > context.limits.maxEntries) {
      throw new ExtractFailure('limit', 'the message has more attachments than the entry limit');
    }
    const result = { ok: true as const, texts: out.texts, files: out.files };
    return out.unscanned.length > 0 ? { ...result, unscanned: out.unscanned } : result;
  }, 'the Outlook message');
}

export const msgExtractor: Extractor = {
  id: 'msg',
  extensions: ['msg'],
  contentTypes: ['application/vnd.ms-outlook'],
  // No sniff: every OLE file shares one signature; oleExtractor (ole-extractor.ts) routes by streams.
  extract: (bytes, _name, context) => extractMsg(bytes, context),
};

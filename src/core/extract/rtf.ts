import type { ExtractOutcome, Extractor } from './extractor';
import { decodeWindows1252 } from './text-decode';

/**
 * Rich Text Format: control words stripped, \'hh (Windows-1252 bytes) and \uN (Unicode, with its
 * \ucN fallback characters skipped) decoded; \par and \line end lines, \tab and \cell give tabs,
 * \row ends a table row. Destinations that hold no readable text (font and color tables,
 * stylesheets, pictures, embedded objects, \* extensions) are skipped by group. Linear, one pass.
 */

const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'pict',
  'object',
  'objdata',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'filetbl',
  'revtbl',
  'pgdsctbl',
  'fldinst',
  'bkmkstart',
  'bkmkend',
]);

const NEWLINE_WORDS = new Set(['par', 'line', 'row', 'sect', 'page']);
const TAB_WORDS = new Set(['tab', 'cell']);
/** Nesting bound for groups; deeper input is adversarial and its excess is treated flat. */
const MAX_GROUP_DEPTH = 256;

const CONTROL_WORD = /\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/y;

interface Group {
  skip: boolean;
  uc: number;
}

export function isRtf(head: Uint8Array): boolean {
  return head[0] === 0x7b && head[1] === 0x5c && head[2] === 0x72 && head[3] === 0x74 && head[4] === 0x66;
}

export function rtfToText(rtf: string): string {
  const out: string[] = [];
  const stack: Group[] = [];
  let group: Group = { skip: false, uc: 1 };
  let pendingSkip = 0;
  let i = 0;
  const emit = (text: string): void => {
    if (pendingSkip > 0) {
      const drop = Math.min(pendingSkip, text.length);
      pendingSkip -= drop;
      text = text.slice(drop);
    }
    if (!group.skip && text) out.push(text);
  };
  while (i < rtf.length) {
    const c = rtf.charAt(i);
    if (c === '{') {
      if (stack.length < MAX_GROUP_DEPTH) stack.push(group);
      group = { skip: group.skip, uc: group.uc };
      if (rtf.startsWith('\\*', i + 1)) group.skip = true;
      i++;
    } else if (c === '}') {
      group = stack.pop() ?? { skip: false, uc: 1 };
      i++;
    } else if (c === '\\') {
      const next = rtf.charAt(i + 1);
      if (next === "'") {
        const code = parseInt(rtf.slice(i + 2, i + 4), 16);
        if (!isNaN(code)) emit(decodeWindows1252(new Uint8Array([code])));
        i += 4;
      } else if (next === '\\' || next === '{' || next === '}') {
        emit(next);
        i += 2;
      } else if (next === '~') {
        emit('\u00a0');
        i += 2;
      } else if (next === '_') {
        emit('-');
        i += 2;
      } else if (next === '\n' || next === '\r') {
        emit('\n');
        i += 2;
      } else {
        CONTROL_WORD.lastIndex = i;
        const m = CONTROL_WORD.exec(rtf);
        if (!m) {
          i += 2;
          continue;
        }
        i = CONTROL_WORD.lastIndex;
        const word = m[1] as string;
        const arg = m[2] === undefined ? undefined : Number(m[2]);
        if (word === 'u' && arg !== undefined) {
          emit(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
          pendingSkip = group.uc;
        } else if (word === 'uc' && arg !== undefined) group.uc = Math.max(0, Math.min(arg, 10));
        else if (SKIPPED_DESTINATIONS.has(word)) group.skip = true;
        else if (NEWLINE_WORDS.has(word)) emit('\n');
        else if (TAB_WORDS.has(word)) emit('\t');
        else if (word === 'emdash' || word === 'endash') emit('-');
      }
    } else if (c === '\n' || c === '\r') i++;
    else {
      let end = i + 1;
      while (end < rtf.length && '{}\\\r\n'.indexOf(rtf.charAt(end)) < 0) end++;
      emit(rtf.slice(i, end));
      i = end;
    }
  }
  return out.join('');
}

export const rtfExtractor: Extractor = {
  id: 'rtf',
  extensions: ['rtf'],
  contentTypes: ['application/rtf', 'text/rtf'],
  sniff: isRtf,
  extract(bytes): ExtractOutcome {
    // RTF is 7-bit ASCII with escapes; any raw high bytes are in the document's ANSI code page.
    const text = rtfToText(decodeWindows1252(bytes));
    return { ok: true, texts: text ? [{ text }] : [] };
  },
};

import * as XLSX from 'xlsx';

/** The `cfb` writer bundled with SheetJS, typed for the few calls the fixtures make. */
interface CfbApi {
  utils: { cfb_new(): unknown; cfb_add(container: unknown, path: string, content: Uint8Array): void };
  write(container: unknown, options: { type: 'buffer' }): Uint8Array;
}
const CFB = XLSX.CFB as CfbApi;

/** Writes an OLE compound file holding `streams` (paths like 'sub/Name'). */
export function buildOle(streams: Record<string, Uint8Array | string>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [path, content] of Object.entries(streams)) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    CFB.utils.cfb_add(container, '/' + path, bytes);
  }
  return new Uint8Array(CFB.write(container, { type: 'buffer' }));
}

/** UTF-16LE bytes of a string (OLE string properties). */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

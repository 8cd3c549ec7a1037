import { ExtractFailure } from './extract-failure';

/**
 * A small reader for OLE compound files (MS-CFB), the container of .xls, .doc, .msg and of
 * password-protected .xlsx/.docx/.pptx (an EncryptedPackage stream inside a CFB). It reads the
 * header, the FAT (with DIFAT), the mini FAT, the directory tree and streams by path. Every chain
 * walk is bounded by the file's sector count, so a looping or forged chain ends as 'corrupt'.
 *
 * Written here rather than taking the `cfb` package (~400 KB unpacked, with write support and
 * Node fs paths we do not need): reading is about 200 lines.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_SIZE = 512;
const DIRECTORY_ENTRY_SIZE = 128;
const HEADER_DIFAT_ENTRIES = 109;
/** Sector ids at or above this are markers (free, end of chain, FAT, DIFAT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
/** Directory entries read at most; real files have tens, a forged one could claim millions. */
export const OLE_MAX_DIRECTORY_ENTRIES = 65_536;

export type OleEntryType = 'storage' | 'stream' | 'root';

export interface OleEntry {
  name: string;
  /** Slash-separated path from the root, without the root's name: '__attach_version1.0_#00000000/__substg1.0_3701000D'. */
  path: string;
  type: OleEntryType;
  size: number;
  start: number;
  children: OleEntry[];
}

/** True when the bytes start with the compound file signature. */
export function isOleFile(head: Uint8Array): boolean {
  if (head.length < SIGNATURE.length) return false;
  for (let i = 0; i < SIGNATURE.length; i++) if (head[i] !== SIGNATURE[i]) return false;
  return true;
}

function corrupt(detail: string): ExtractFailure {
  return new ExtractFailure('corrupt', detail);
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(offset: number): number {
    return this.view.getUint16(offset, true);
  }
  u32(offset: number): number {
    return this.view.getUint32(offset, true);
  }
}

export class OleFile {
  readonly root: OleEntry;
  private readonly reader: Reader;
  private readonly sectorSize: number;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private readonly sectorCount: number;
  private readonly fat: Uint32Array;
  private readonly miniFat: Uint32Array;
  private miniStream: Uint8Array | undefined;
  private readonly byPath = new Map<string, OleEntry>();

  /**
   * Parses the container. Throws ExtractFailure('corrupt') on a broken structure and
   * ExtractFailure('too-large') when one stream is above maxStreamBytes.
   */
  constructor(
    bytes: Uint8Array,
    private readonly maxStreamBytes: number,
  ) {
    if (!isOleFile(bytes) || bytes.length < HEADER_SIZE) throw corrupt('not an OLE compound file');
    this.reader = new Reader(bytes);
    const sectorShift = this.reader.u16(0x1e);
    const miniShift = this.reader.u16(0x20);
    if ((sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) throw corrupt('bad OLE sector size');
    this.sectorSize = 1 << sectorShift;
    this.miniSectorSize = 1 << miniShift;
    this.miniCutoff = this.reader.u32(0x38);
    this.sectorCount = Math.floor((bytes.length - this.sectorSize) / this.sectorSize) + 1;
    this.fat = this.readFat();
    const miniFatStart = this.reader.u32(0x3c);
    this.miniFat = miniFatStart >= MAX_REGULAR_SECTOR ? new Uint32Array(0) : this.chainWords(miniFatStart);
    this.root = this.readDirectory();
  }

  /** The entry at a slash-separated path (case-insensitive, as in the spec), or undefined. */
  find(path: string): OleEntry | undefined {
    return this.byPath.get(path.toLowerCase());
  }

  /** All streams, depth first. */
  streams(): OleEntry[] {
    const out: OleEntry[] = [];
    this.byPath.forEach((entry) => {
      if (entry.type === 'stream') out.push(entry);
    });
    return out;
  }

  /** The bytes of a stream. */
  read(entry: OleEntry): Uint8Array {
    if (entry.type !== 'stream') throw corrupt('not an OLE stream');
    if (entry.size > this.maxStreamBytes)
      throw new ExtractFailure('too-large', 'an OLE stream is above the size limit');
    if (entry.size < this.miniCutoff) return this.readMini(entry.start, entry.size);
    return this.readChain(entry.start, entry.size);
  }

  /** The bytes of the stream at `path`, or undefined when there is none. */
  readPath(path: string): Uint8Array | undefined {
    const entry = this.find(path);
    return entry && entry.type === 'stream' ? this.read(entry) : undefined;
  }

  private sectorOffset(sector: number): number {
    const offset = (sector + 1) * this.sectorSize;
    if (sector >= MAX_REGULAR_SECTOR || offset >= this.reader.bytes.length) {
      throw corrupt('OLE sector out of range');
    }
    return offset;
  }

  private readFat(): Uint32Array {
    const fatSectors = this.fatSectorIds();
    const perSector = this.sectorSize / 4;
    const fat = new Uint32Array(fatSectors.length * perSector);
    fatSectors.forEach((sector, i) => {
      const offset = this.sectorOffset(sector);
      for (let j = 0; j < perSector; j++) {
        const at = offset + j * 4;
        fat[i * perSector + j] = at + 4 <= this.reader.bytes.length ? this.reader.u32(at) : NO_STREAM;
      }
    });
    return fat;
  }

  /** FAT sector ids: 109 in the header, the rest in the DIFAT chain. */
  private fatSectorIds(): number[] {
    const count = this.reader.u32(0x2c);
    if (count > this.sectorCount) throw corrupt('OLE FAT larger than the file');
    const ids: number[] = [];
    for (let i = 0; i < HEADER_DIFAT_ENTRIES && ids.length < count; i++)
      ids.push(this.reader.u32(0x4c + i * 4));
    let difat = this.reader.u32(0x44);
    const perSector = this.sectorSize / 4 - 1;
    let guard = 0;
    while (ids.length < count && difat < MAX_REGULAR_SECTOR) {
      if (++guard > this.sectorCount) throw corrupt('OLE DIFAT chain loops');
      const offset = this.sectorOffset(difat);
      for (let i = 0; i < perSector && ids.length < count; i++) ids.push(this.reader.u32(offset + i * 4));
      difat = this.reader.u32(offset + perSector * 4);
    }
    if (ids.length < count) throw corrupt('OLE DIFAT is short');
    return ids;
  }

  /** The sector ids of a FAT chain, bounded by the sector count. */
  private chain(start: number, table: Uint32Array, limit: number): number[] {
    const ids: number[] = [];
    let sector = start;
    while (sector !== END_OF_CHAIN) {
      if (sector >= table.length || ids.length >= limit) throw corrupt('OLE chain is broken or loops');
      ids.push(sector);
      sector = table[sector] as number;
    }
    return ids;
  }

  private readChain(start: number, size: number): Uint8Array {
    const out = new Uint8Array(size);
    let written = 0;
    for (const sector of this.chain(start, this.fat, this.sectorCount)) {
      if (written >= size) break;
      const offset = this.sectorOffset(sector);
      const piece = this.reader.bytes.subarray(
        offset,
        Math.min(offset + this.sectorSize, offset + size - written),
      );
      out.set(piece, written);
      written += piece.length;
    }
    if (written < size) throw corrupt('OLE stream is shorter than its size');
    return out;
  }

  private chainWords(start: number): Uint32Array {
    const ids = this.chain(start, this.fat, this.sectorCount);
    const bytes = this.readChain(start, ids.length * this.sectorSize);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4).slice();
  }

  private readMini(start: number, size: number): Uint8Array {
    if (!this.miniStream) {
      const rootSize = this.root.size;
      if (rootSize > this.maxStreamBytes)
        throw new ExtractFailure('too-large', 'the OLE mini stream is too large');
      this.miniStream = this.readChain(this.root.start, rootSize);
    }
    const mini = this.miniStream;
    const out = new Uint8Array(size);
    let written = 0;
    const limit = Math.ceil(mini.length / this.miniSectorSize) + 1;
    for (const sector of this.chain(start, this.miniFat, limit)) {
      if (written >= size) break;
      const offset = sector * this.miniSectorSize;
      if (offset >= mini.length) throw corrupt('OLE mini sector out of range');
      const piece = mini.subarray(offset, Math.min(offset + this.miniSectorSize, offset + size - written));
      out.set(piece, written);
      written += piece.length;
    }
    if (written < size) throw corrupt('OLE mini stream is shorter than its size');
    return out;
  }

  private readDirectory(): OleEntry {
    const start = this.reader.u32(0x30);
    const ids = this.chain(start, this.fat, this.sectorCount);
    const dir = this.readChain(start, ids.length * this.sectorSize);
    const count = Math.min(dir.length / DIRECTORY_ENTRY_SIZE, OLE_MAX_DIRECTORY_ENTRIES);
    const raw: RawEntry[] = [];
    const view = new Reader(dir);
    for (let i = 0; i < count; i++) raw.push(readRawEntry(view, i * DIRECTORY_ENTRY_SIZE));
    const rootRaw = raw[0];
    if (!rootRaw || rootRaw.type !== 5) throw corrupt('OLE directory has no root');
    const root: OleEntry = {
      name: rootRaw.name,
      path: '',
      type: 'root',
      size: rootRaw.size,
      start: rootRaw.start,
      children: [],
    };
    this.linkChildren(raw, root, rootRaw.child, new Set<number>([0]));
    return root;
  }

  /** Walks the red-black sibling tree of one storage without recursion, refusing cycles. */
  private linkChildren(raw: RawEntry[], parent: OleEntry, first: number, seen: Set<number>): void {
    const pending: Array<{ id: number; parent: OleEntry }> = [{ id: first, parent }];
    while (pending.length > 0) {
      const { id, parent: owner } = pending.pop() as { id: number; parent: OleEntry };
      if (id === NO_STREAM) continue;
      const r = raw[id];
      if (!r || seen.has(id)) throw corrupt('OLE directory tree is broken');
      seen.add(id);
      pending.push({ id: r.left, parent: owner }, { id: r.right, parent: owner });
      if (r.type !== 1 && r.type !== 2) continue;
      const path = owner.path === '' ? r.name : owner.path + '/' + r.name;
      const entry: OleEntry = {
        name: r.name,
        path,
        type: r.type === 1 ? 'storage' : 'stream',
        size: r.size,
        start: r.start,
        children: [],
      };
      owner.children.push(entry);
      this.byPath.set(path.toLowerCase(), entry);
      if (r.type === 1) pending.push({ id: r.child, parent: entry });
    }
  }
}

interface RawEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

function readRawEntry(view: Reader, offset: number): RawEntry {
  const nameBytes = Math.min(view.u16(offset + 0x40), 64);
  let name = '';
  // The stored length counts the terminating NUL.
  for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(view.u16(offset + i));
  return {
    name,
    type: view.bytes[offset + 0x42] as number,
    left: view.u32(offset + 0x44),
    right: view.u32(offset + 0x48),
    child: view.u32(offset + 0x4c),
    start: view.u32(offset + 0x74),
    // The high 32 bits of the size are unused in version 3 files and a stream above 4 GB is refused anyway.
    size: view.u32(offset + 0x78),
  };
}

/** Streams that mean "this Office file is password-protected" (MS-OFFCRYPTO). */
const ENCRYPTION_STREAMS = ['encryptioninfo', 'encryptedpackage'];

/** True when the container is a password-protected Office document (an encrypted .xlsx/.docx/.pptx). */
export function isEncryptedOfficePackage(ole: OleFile): boolean {
  return ENCRYPTION_STREAMS.some((name) => ole.find(name) !== undefined);
}

/** Decodes UTF-16LE bytes (OLE string properties, Word text pieces). */
export function decodeUtf16le(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = start; i + 1 < end; i += CHUNK * 2) {
    const stop = Math.min(end, i + CHUNK * 2);
    const codes: number[] = [];
    for (let j = i; j + 1 < stop; j += 2) codes.push((bytes[j] as number) | ((bytes[j + 1] as number) << 8));
    parts.push(String.fromCharCode.apply(null, codes));
  }
  return parts.join('');
}

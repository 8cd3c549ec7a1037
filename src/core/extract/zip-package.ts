import type { ExtractContext } from './extractor';
import { decodeUtf8 } from './text-decode';
import { readZipDirectory, readZipPart, type ZipDirectory } from './zip';
import { parseRelationships, relsPathOf, resolvePartPath } from './xml';

/**
 * A zip-based document package (Office Open XML, OpenDocument): parts read on demand by name,
 * each through the zip limits (declared sizes, ratio, per-message inflate budget).
 */
export class ZipPackage {
  readonly directory: ZipDirectory;

  constructor(
    readonly bytes: Uint8Array,
    readonly context: ExtractContext,
  ) {
    this.directory = readZipDirectory(bytes, context.limits.maxEntries);
  }

  has(name: string): boolean {
    return this.directory.byName.has(name);
  }

  names(): string[] {
    return this.directory.entries.map((e) => e.name);
  }

  /** The part as text (Office XML parts are UTF-8), or undefined when absent. */
  text(name: string): string | undefined {
    const bytes = readZipPart(this.bytes, this.directory, name, this.context);
    return bytes ? decodeUtf8(bytes) : undefined;
  }

  /** Relationship id -> resolved part path, for the part's .rels (empty when it has none). */
  relationships(part: string): Map<string, string> {
    const xml = this.text(relsPathOf(part));
    const resolved = new Map<string, string>();
    if (xml === undefined) return resolved;
    for (const [id, target] of parseRelationships(xml)) resolved.set(id, resolvePartPath(part, target));
    return resolved;
  }

  /** The main part named by the package relationships, e.g. 'word/document.xml'. */
  mainPart(fallback: string): string {
    const xml = this.text('_rels/.rels');
    if (xml !== undefined) {
      for (const target of parseRelationships(xml).values()) {
        const path = resolvePartPath('', target);
        if (path === fallback || (this.has(path) && path.split('/')[0] === fallback.split('/')[0]))
          return path;
      }
    }
    return fallback;
  }
}

/** Numbers in a part name, for ordering 'slide10.xml' after 'slide9.xml'. */
export function partNumber(name: string): number {
  const m = /(\d{1,9})\.xml$/.exec(name);
  return m ? Number(m[1]) : 0;
}

/**
 * Offline manifest checks shared by the source-manifest and the build tests: a strict XML parse
 * (xml2js, which office-addin-manifest itself uses), then walks over the parsed tree.
 */
// xml2js ships no types; it is office-addin-manifest's own XML parser (a dependency of it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseString } = require('xml2js') as {
  parseString(
    text: string,
    options: Record<string, unknown>,
    callback: (error: unknown, result: unknown) => void,
  ): void;
};

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

interface Xml2jsNode {
  '#name': string;
  $?: Record<string, string>;
  $$?: Xml2jsNode[];
  _?: string;
}

function convert(node: Xml2jsNode): XmlNode {
  return {
    name: node['#name'],
    attributes: node.$ ?? {},
    children: (node.$$ ?? []).map(convert),
    text: node._ ?? '',
  };
}

/** Parses strictly (throws on malformed XML); element names keep their prefixes (bt:Url). */
export function parseXml(text: string): XmlNode {
  let root: XmlNode | undefined;
  let failure: unknown;
  parseString(
    text,
    { strict: true, explicitChildren: true, preserveChildrenOrder: true, explicitRoot: true, charkey: '_' },
    (error: unknown, parsed: unknown) => {
      const result = parsed as Record<string, Xml2jsNode>;
      if (error) failure = error;
      else {
        const [name, node] = Object.entries(result)[0] as [string, Xml2jsNode];
        root = convert({ ...node, '#name': name });
      }
    },
  );
  if (failure || !root) throw failure instanceof Error ? failure : new Error('XML did not parse');
  return root;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (current: XmlNode) => {
    if (current.name === name) found.push(current);
    current.children.forEach(walk);
  };
  walk(node);
  return found;
}

export function first(node: XmlNode, name: string): XmlNode | undefined {
  return all(node, name)[0];
}

/** Every attribute named resid anywhere in the tree. */
export function resids(node: XmlNode): string[] {
  const found: string[] = [];
  const walk = (current: XmlNode) => {
    if (current.attributes.resid !== undefined) found.push(current.attributes.resid);
    current.children.forEach(walk);
  };
  walk(node);
  return found;
}

/** Every https?:// URL in DefaultValue / Value attributes and element text. */
export function urls(node: XmlNode): string[] {
  const found: string[] = [];
  const walk = (current: XmlNode) => {
    for (const value of Object.values(current.attributes)) if (/^[a-z]+:\/\//i.test(value)) found.push(value);
    if (/^[a-z]+:\/\//i.test(current.text.trim())) found.push(current.text.trim());
    current.children.forEach(walk);
  };
  walk(node);
  return found;
}

/** FunctionName attributes of LaunchEvent and Event elements. */
export function functionNames(node: XmlNode): string[] {
  return [...all(node, 'LaunchEvent'), ...all(node, 'Event')].map(
    (event) => event.attributes.FunctionName ?? '',
  );
}

/** Every string value in a JSON document that looks like a URL. */
export function jsonUrls(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(jsonUrls);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonUrls);
  return [];
}

interface UnifiedManifest {
  extensions: {
    runtimes: {
      id: string;
      code: { page: string; script?: string };
      actions: { id: string; type: string }[];
    }[];
    autoRunEvents: { events: { type: string; actionId: string; options?: { sendMode: string } }[] }[];
    ribbons: { tabs: { groups: { controls: { id: string; actionId: string }[] }[] }[] }[];
  }[];
}

export function unifiedActions(manifest: UnifiedManifest): string[] {
  return manifest.extensions.flatMap((e) =>
    e.runtimes.flatMap((r) => r.actions.filter((a) => a.type === 'executeFunction').map((a) => a.id)),
  );
}

export function unifiedEvents(manifest: UnifiedManifest) {
  return manifest.extensions.flatMap((e) => e.autoRunEvents.flatMap((a) => a.events));
}

export function unifiedControls(manifest: UnifiedManifest): string[] {
  return manifest.extensions.flatMap((e) =>
    e.ribbons.flatMap((r) => r.tabs.flatMap((t) => t.groups.flatMap((g) => g.controls.map((c) => c.id)))),
  );
}

export type { UnifiedManifest };

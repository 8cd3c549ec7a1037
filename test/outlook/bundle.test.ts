/**
 * Builds the send-time bundle the way `npm run build -- --env url=... --env policy=...` does (the
 * launchevent compilation only, into a temp folder), then checks what classic Outlook's
 * JavaScript-only runtime needs: one ES2016 script, no imports or dev-server code, a size budget,
 * and that it runs in a bare node:vm context holding only a mock Office and ECMAScript globals.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as zlib from 'zlib';
import { parse } from 'acorn';
import webpack from 'webpack';
import { MockMailbox, type MockDraft, type MockOptions } from '../../src/outlook/mock/mock-mailbox';
import { parseTaskPaneContext } from '../../src/outlook/smart-alerts';
import { SECRET_SSN, draft, sensitiveBody } from './helpers';
import {
  all,
  functionNames,
  jsonUrls,
  parseXml,
  unifiedActions,
  unifiedEvents,
  urls,
  type UnifiedManifest,
} from './manifest-check';

const HOST_URL = 'https://addins.contoso.com/sendwarden/';
const POLICY_URL = `${HOST_URL}policy.json`;
/**
 * Minified budget for dist/launchevent.js. Measured 250 KiB (88 KiB gzipped) with the engine, all
 * 19 detectors, every extractor the send path registers (docx/xlsx/pptx, OpenDocument, xls/doc/msg,
 * PDF text, eml, zip/gzip, rtf, html), the policy and the messages. Classic Outlook downloads and
 * parses this file for every event; 400 KiB keeps about 60% headroom for growth while still
 * failing loudly if a large dependency slips in (pdfjs-dist alone is about 1.7 MB).
 */
const SIZE_BUDGET_BYTES = 400 * 1024;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require('../../webpack.config.js') as (
  env: Record<string, string>,
  argv: Record<string, string>,
) => webpack.Configuration[];

let outDir = '';
let bundle = '';

function build(): Promise<void> {
  const configs = webpackConfig({ url: HOST_URL, policy: POLICY_URL }, { mode: 'production' });
  const config = configs.find((c) => c.name === 'launchevent') as webpack.Configuration;
  config.output = { ...config.output, path: outDir };
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else resolve();
    });
  });
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendwarden-build-'));
  await build();
  bundle = fs.readFileSync(path.join(outDir, 'launchevent.js'), 'utf8');
}, 240000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

interface Runtime {
  mailbox: MockMailbox;
  logged: string[];
  fetched: string[];
}

/** Runs the bundle in a fresh bare context: ECMAScript globals + Office + timers + console only. */
function runBundle(
  d: MockDraft,
  options: MockOptions = {},
  fetchImpl?: (url: string) => Promise<unknown>,
): Runtime {
  const mailbox = new MockMailbox(d, options);
  const logged: string[] = [];
  const fetched: string[] = [];
  const log = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  const sandbox: Record<string, unknown> = {
    Office: mailbox.office,
    setTimeout,
    clearTimeout,
    console: { log, info: log, warn: log, error: log, debug: log },
  };
  if (fetchImpl) {
    sandbox.fetch = (url: string) => {
      fetched.push(url);
      return fetchImpl(url);
    };
  }
  const context = vm.createContext(sandbox);
  // Classic Outlook's pre-2403 engine is ES2016-era: take away later built-ins (globalThis,
  // padStart) and the bundle must still run: the core reaches optional globals through typeof.
  vm.runInContext('delete String.prototype.padStart; delete globalThis.globalThis;', context);
  vm.runInContext(bundle, context, { filename: 'launchevent.js' });
  return { mailbox, logged, fetched };
}

async function fireOnce(runtime: Runtime, actionId: string) {
  const options = await runtime.mailbox.fire(actionId);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { options, calls: runtime.mailbox.completions.length };
}

describe('dist/launchevent.js', () => {
  test('is ES2016 syntax (acorn also checks regular expression syntax)', () => {
    expect(() => parse(bundle, { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
  });

  test('is one self-contained script: no module syntax, loaders, workers or dev-server client', () => {
    expect(() =>
      parse(bundle, { ecmaVersion: 2016, sourceType: 'script', allowImportExportEverywhere: false }),
    ).not.toThrow();
    const forbidden = [
      /\brequire\(/,
      /\bimport\(/,
      /importScripts/,
      /new Worker\(/,
      /webpack-dev-server/,
      /webpackHotUpdate/,
      /sockjs/i,
      /__webpack_require__\.e\b/,
    ];
    // Report the pattern and a little context, not the whole bundle.
    const found = forbidden.flatMap((pattern) => {
      const at = bundle.search(pattern);
      return at < 0 ? [] : [`${pattern}: ...${bundle.slice(Math.max(0, at - 120), at + 40)}...`];
    });
    expect(found).toEqual([]);
    expect(fs.readdirSync(outDir).filter((name) => name.endsWith('.js'))).toEqual(['launchevent.js']);
  });

  test(`fits the size budget (${SIZE_BUDGET_BYTES / 1024} KiB minified)`, () => {
    const size = Buffer.byteLength(bundle);
    const gzipped = zlib.gzipSync(bundle).length;
    expect(size).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    expect(gzipped).toBeLessThan(size);
  });

  test('registers exactly the handlers every manifest names', () => {
    const runtime = runBundle(draft());
    const xmlNames = ['manifest.xml', 'manifest-itemsend.xml'].flatMap((file) =>
      functionNames(parseXml(fs.readFileSync(path.join(outDir, file), 'utf8'))),
    );
    const jsonNames = unifiedActions(JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')));
    const expected = Array.from(new Set([...xmlNames, ...jsonNames])).sort();
    expect(Array.from(runtime.mailbox.associations.keys()).sort()).toEqual(expected);
  });

  test('in the HTML page (a window exists) the handlers are also page globals, for legacy ItemSend', () => {
    const mailbox = new MockMailbox(draft());
    const page: Record<string, unknown> = {};
    const context = vm.createContext({ Office: mailbox.office, setTimeout, clearTimeout, window: page });
    vm.runInContext(bundle, context);
    expect(Object.keys(page).sort()).toEqual(Array.from(mailbox.associations.keys()).sort());
  });

  test('clean internal mail: completed once with allowEvent true (policy server down -> built-in policy)', async () => {
    const runtime = runBundle(draft(), {}, () => Promise.reject(new Error('offline')));
    expect(await fireOnce(runtime, 'onMessageSendHandler')).toEqual({
      options: { allowEvent: true },
      calls: 1,
    });
    expect(runtime.fetched).toEqual([POLICY_URL]);
  });

  test('an SSN to personal mail: held once, with the task pane button and the verdict', async () => {
    const runtime = runBundle(draft({ body: sensitiveBody(), to: [{ address: 'x@gmail.com' }] }));
    const { options, calls } = await fireOnce(runtime, 'onMessageSendHandler');
    expect(calls).toBe(1);
    expect(options).toMatchObject({ allowEvent: false, commandId: 'msgComposeOpenPaneButton' });
    expect(parseTaskPaneContext(options?.contextData)?.verdict.action).toBe('encrypt');
    expect(runtime.logged.join('\n')).not.toContain(SECRET_SSN);
  });

  test('the policy is fetched from its absolute URL and used', async () => {
    const policy = {
      version: 1,
      revision: 'it-2026-11',
      organization: { domains: ['contoso.com'] },
      rules: [{ id: 'all-outside', when: { recipients: ['external', 'personal'] }, action: 'block' }],
    };
    const respond = () =>
      Promise.resolve({ ok: true, status: 200, text: () => Promise.resolve(JSON.stringify(policy)) });
    const runtime = runBundle(draft({ to: [{ address: 'x@fabrikam.com' }] }), {}, respond);
    const { options } = await fireOnce(runtime, 'onMessageSendHandler');
    expect(runtime.fetched).toEqual([POLICY_URL]);
    const verdict = parseTaskPaneContext(options?.contextData)?.verdict;
    expect(verdict?.action).toBe('block');
    expect(verdict?.policyRevision).toBe('it-2026-11');
  });

  test('scan-ahead events complete once without options; ItemSend maps to allowEvent', async () => {
    const runtime = runBundle(draft());
    await runtime.mailbox.fire('onMessageAttachmentsChangedHandler', 'OnMessageAttachmentsChanged');
    await runtime.mailbox.fire('onItemSendHandler', 'ItemSend');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runtime.mailbox.completions).toEqual([
      { eventType: 'OnMessageAttachmentsChanged', options: undefined },
      { eventType: 'ItemSend', options: { allowEvent: true } },
    ]);
  });
});

describe('the hosted folder (--env url=...)', () => {
  const appPages = (): string[] => {
    const configs = webpackConfig({ url: HOST_URL }, { mode: 'production' });
    const app = configs.find((c) => c.name === 'app');
    return (app?.plugins ?? [])
      .map((plugin) => (plugin as { userOptions?: { filename?: string } }).userOptions?.filename)
      .filter((name): name is string => typeof name === 'string');
  };

  function assertHosted(url: string) {
    expect(url.startsWith(HOST_URL) || url === HOST_URL.replace(/\/sendwarden\/$/, '')).toBe(true);
    if (!url.startsWith(HOST_URL)) return;
    const file = url.slice(HOST_URL.length);
    const emitted = fs.existsSync(path.join(outDir, file)) || appPages().includes(file);
    expect({ url, emitted }).toEqual({ url, emitted: true });
  }

  test('XML manifests: every URL rewritten to the host and served from the folder', () => {
    for (const file of [
      'manifest.xml',
      'manifest-block.xml',
      'manifest-promptuser.xml',
      'manifest-itemsend.xml',
    ]) {
      const text = fs.readFileSync(path.join(outDir, file), 'utf8');
      expect(text).not.toContain('localhost:3000');
      const root = parseXml(text);
      const own = urls(root).filter((u) => !/^http:\/\/(schemas\.microsoft\.com|www\.w3\.org)/.test(u));
      expect(own.length).toBeGreaterThan(5);
      own.forEach(assertHosted);
    }
  });

  test('one source, one file per send mode', () => {
    const modes = (file: string) =>
      all(parseXml(fs.readFileSync(path.join(outDir, file), 'utf8')), 'LaunchEvent')
        .map((event) => event.attributes.SendMode)
        .filter(Boolean);
    expect(modes('manifest.xml')).toEqual(['SoftBlock', 'SoftBlock']);
    expect(modes('manifest-block.xml')).toEqual(['Block', 'Block']);
    expect(modes('manifest-promptuser.xml')).toEqual(['PromptUser', 'PromptUser']);
    const jsonModes = (file: string) =>
      unifiedEvents(JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8')) as UnifiedManifest)
        .map((event) => event.options?.sendMode)
        .filter(Boolean);
    expect(jsonModes('manifest.json')).toEqual(['softBlock', 'softBlock']);
    expect(jsonModes('manifest-block.json')).toEqual(['block', 'block']);
    expect(jsonModes('manifest-promptuser.json')).toEqual(['promptUser', 'promptUser']);
  });

  test('unified manifest URLs are rewritten and served', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
    jsonUrls(manifest)
      .filter((u) => !u.includes('json-schemas'))
      .forEach(assertHosted);
  });

  test('the CORS allow file lists the hosted launchevent.js; icons are emitted', () => {
    const allowed = JSON.parse(
      fs.readFileSync(path.join(outDir, '.well-known/microsoft-officeaddins-allowed.json'), 'utf8'),
    );
    expect(allowed).toEqual({ allowed: [`${HOST_URL}launchevent.js`] });
    for (const size of [16, 32, 64, 80, 128]) {
      const png = fs.readFileSync(path.join(outDir, `assets/icon-${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
    }
    expect(fs.readFileSync(path.join(outDir, 'launchevent.html'), 'utf8')).toMatch(
      /<script[^>]+src="launchevent\.js"/,
    );
  });

  test('a non-https URL is refused', () => {
    expect(() => webpackConfig({ url: 'http://addins.contoso.com/' }, { mode: 'production' })).toThrow(
      /https/,
    );
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { TASKPANE_COMMAND_ID } from '../../src/outlook/smart-alerts';
import { HANDLERS } from '../../src/launchevent/launchevent';
import {
  all,
  first,
  functionNames,
  jsonUrls,
  parseXml,
  resids,
  unifiedActions,
  unifiedControls,
  unifiedEvents,
  urls,
  type UnifiedManifest,
  type XmlNode,
} from './manifest-check';

const ROOT = path.resolve(__dirname, '../..');
const read = (name: string) => fs.readFileSync(path.join(ROOT, name), 'utf8');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESID_MAX = 32;

function resourceIds(root: XmlNode): Set<string> {
  const ids = new Set<string>();
  for (const kind of ['bt:Url', 'bt:Image', 'bt:String'])
    for (const node of all(root, kind)) ids.add(node.attributes.id ?? '');
  return ids;
}

describe.each(['manifest.xml', 'manifest-itemsend.xml'])('%s', (file) => {
  const root = parseXml(read(file));

  test('has the required top-level elements', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attributes['xsi:type']).toBe('MailApp');
    expect(first(root, 'Id')?.text).toMatch(GUID);
    expect(first(root, 'Version')?.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const name of [
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
    ]) {
      expect(first(root, name)).toBeDefined();
    }
    expect(first(root, 'Host')?.attributes.Name).toBe('Mailbox');
    expect(first(root, 'Permissions')?.text).toBe('ReadWriteItem');
    const overrides = all(root, 'VersionOverrides').map((node) => node.attributes['xsi:type']);
    expect(overrides).toEqual(['VersionOverridesV1_0', 'VersionOverridesV1_1']);
  });

  test('every resid is at most 32 characters and names a resource', () => {
    const ids = resourceIds(root);
    const used = resids(root);
    expect(used.length).toBeGreaterThan(5);
    for (const resid of used) {
      expect(resid.length).toBeLessThanOrEqual(RESID_MAX);
      expect(ids.has(resid)).toBe(true);
    }
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(RESID_MAX);
  });

  test('every URL is https and points at localhost:3000 (rewritten by the build)', () => {
    for (const url of urls(root).filter(
      (u) => !u.startsWith('http://schemas.microsoft.com') && !u.startsWith('http://www.w3.org'),
    )) {
      expect(url.startsWith('https://localhost:3000/') || url === 'https://localhost:3000').toBe(true);
    }
  });

  test('names are localized in es, fr and de', () => {
    for (const element of [first(root, 'DisplayName'), first(root, 'Description')]) {
      const locales = all(element as XmlNode, 'Override').map((node) => node.attributes.Locale);
      expect(locales).toEqual(expect.arrayContaining(['es-ES', 'fr-FR', 'de-DE']));
    }
  });

  test('every FunctionName is a handler the bundle associates', () => {
    const names = functionNames(root);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(Object.keys(HANDLERS)).toContain(name);
  });

  test('the Smart Alerts commandId is the compose task pane control', () => {
    const control = all(root, 'Control').find((node) => node.attributes.id === TASKPANE_COMMAND_ID);
    expect(first(control as XmlNode, 'Action')?.attributes['xsi:type']).toBe('ShowTaskpane');
  });

  test("office-addin-manifest's reader reads it (its CLI: the package is ESM-only under jest)", () => {
    const cli = path.join(ROOT, 'node_modules/office-addin-manifest/cli.js');
    const info = execFileSync(process.execPath, [cli, 'info', path.join(ROOT, file)], { encoding: 'utf8' });
    expect(info).toContain(`Id: ${first(root, 'Id')?.text}`);
    expect(info).toMatch(/Name: SendWarden/);
    expect(info).toContain('Permissions: ReadWriteItem');
  });
});

describe('manifest.xml Smart Alerts wiring', () => {
  const root = parseXml(read('manifest.xml'));

  test('launch events, send mode and the runtime', () => {
    const events = all(root, 'LaunchEvent').map((node) => node.attributes);
    expect(events).toEqual([
      { Type: 'OnMessageSend', FunctionName: 'onMessageSendHandler', SendMode: 'SoftBlock' },
      { Type: 'OnAppointmentSend', FunctionName: 'onAppointmentSendHandler', SendMode: 'SoftBlock' },
      { Type: 'OnMessageRecipientsChanged', FunctionName: 'onMessageRecipientsChangedHandler' },
      { Type: 'OnMessageAttachmentsChanged', FunctionName: 'onMessageAttachmentsChangedHandler' },
    ]);
    const runtimes = all(root, 'Runtime');
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0] as XmlNode;
    const overrides = all(runtime, 'Override');
    expect(overrides).toHaveLength(1);
    expect(overrides[0]?.attributes.type).toBe('javascript');
    const launchPoint = all(root, 'ExtensionPoint').find(
      (node) => node.attributes['xsi:type'] === 'LaunchEvent',
    );
    expect(first(launchPoint as XmlNode, 'SourceLocation')?.attributes.resid).toBe(runtime.attributes.resid);
    const urlOf = (id: string) =>
      all(root, 'bt:Url').find((node) => node.attributes.id === id)?.attributes.DefaultValue;
    expect(urlOf(runtime.attributes.resid ?? '')).toBe('https://localhost:3000/launchevent.html');
    expect(urlOf(overrides[0]?.attributes.resid ?? '')).toBe('https://localhost:3000/launchevent.js');
    expect(first(root, 'bt:Sets')?.attributes.DefaultMinVersion).toBe('1.12');
  });
});

describe('manifest-itemsend.xml', () => {
  test('one synchronous ItemSend event on the shared function file', () => {
    const root = parseXml(read('manifest-itemsend.xml'));
    expect(all(root, 'Event').map((node) => node.attributes)).toEqual([
      { Type: 'ItemSend', FunctionExecution: 'synchronous', FunctionName: 'onItemSendHandler' },
    ]);
    const resid = first(root, 'FunctionFile')?.attributes.resid;
    const url = all(root, 'bt:Url').find((node) => node.attributes.id === resid)?.attributes.DefaultValue;
    expect(url).toBe('https://localhost:3000/launchevent.html');
  });
});

describe('manifest.json (unified)', () => {
  const manifest = JSON.parse(read('manifest.json')) as UnifiedManifest & { id: string };

  test('same add-in id as the XML manifest', () => {
    expect(manifest.id).toBe(first(parseXml(read('manifest.xml')), 'Id')?.text);
  });

  test('autoRunEvents use the same handlers, send mode softBlock', () => {
    const events = unifiedEvents(manifest);
    expect(events.map((e) => e.type)).toEqual([
      'messageSending',
      'appointmentSending',
      'messageRecipientsChanged',
      'messageAttachmentsChanged',
    ]);
    for (const event of events) {
      expect(unifiedActions(manifest)).toContain(event.actionId);
      expect(event.actionId.length).toBeLessThanOrEqual(64);
    }
    expect(events.filter((e) => e.options).map((e) => e.options?.sendMode)).toEqual([
      'softBlock',
      'softBlock',
    ]);
    for (const action of unifiedActions(manifest)) expect(Object.keys(HANDLERS)).toContain(action);
  });

  test('the runtime has both the page and the script; the commandId is a control', () => {
    const runtime = manifest.extensions[0]?.runtimes.find((r) => r.code.script);
    expect(runtime?.code).toEqual({
      page: 'https://localhost:3000/launchevent.html',
      script: 'https://localhost:3000/launchevent.js',
    });
    expect(unifiedControls(manifest)).toContain(TASKPANE_COMMAND_ID);
    for (const url of jsonUrls(manifest)) {
      if (!url.includes('json-schemas')) expect(url.startsWith('https://localhost:3000/')).toBe(true);
    }
  });
});

describe('office-addin-manifest validate (offline schema check of the unified manifest)', () => {
  const cli = path.join(ROOT, 'node_modules/office-addin-manifest/cli.js');
  const validate = (file: string) => {
    try {
      execFileSync(process.execPath, [cli, 'validate', file], { encoding: 'utf8', stdio: 'pipe' });
      return 'valid';
    } catch (error) {
      return (
        String((error as { stdout?: string }).stdout ?? '') +
        String((error as { stderr?: string }).stderr ?? '')
      );
    }
  };

  test('manifest.json passes; a wrong send mode fails', () => {
    expect(validate(path.join(ROOT, 'manifest.json'))).toBe('valid');
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sw-manifest-')), 'manifest.json');
    fs.writeFileSync(
      broken,
      read('manifest.json').replace('"sendMode": "softBlock"', '"sendMode": "sometimes"'),
    );
    expect(validate(broken)).toMatch(/Invalid value|invalid/i);
  });
});

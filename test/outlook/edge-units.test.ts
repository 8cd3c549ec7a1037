import { createHash } from 'crypto';
import { decodeBase64, encodeBase64 } from '../../src/outlook/base64';
import { completeOnce, type Timers } from '../../src/outlook/complete-once';
import { OfficeCallError, officeCall } from '../../src/outlook/office-async';
import {
  POLICY_STORAGE_KEY,
  loadPolicyFrom,
  resetPolicyMemory,
  type KeyValueStorage,
} from '../../src/outlook/policy-source';
import { sha256Hex } from '../../src/outlook/sha256';
import { compactScan, expandScan } from '../../src/outlook/scan-ahead';
import { encodeUtf8 } from '../../src/core/extract/text-decode';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import type { LocatedFinding } from '../../src/core/types';

describe('base64', () => {
  test.each([0, 1, 2, 3, 4, 100, 4097, 12289])('round trip of %i bytes matches Buffer', (length) => {
    const bytes = new Uint8Array(length).map((_, i) => (i * 37 + 11) & 0xff);
    const encoded = encodeBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(decodeBase64(encoded)).equals(Buffer.from(bytes))).toBe(true);
  });

  test('skips line breaks, rejects garbage', () => {
    expect(Array.from(decodeBase64('AQID\r\nBA=='))).toEqual([1, 2, 3, 4]);
    expect(() => decodeBase64('AQ*D')).toThrow(/offset 2/);
  });
});

describe('sha256 and utf8', () => {
  test.each(['', 'abc', 'a'.repeat(1000), 'naïve – ünïcödé 😀', '\ud800 lone'])(
    'matches node:crypto (case %#)',
    (text) => {
      const expected = createHash('sha256')
        .update(Buffer.from(encodeUtf8(text)))
        .digest('hex');
      expect(sha256Hex(text)).toBe(expected);
    },
  );

  test('the fallback encoder (no TextEncoder) agrees with Buffer', () => {
    const saved = globalThis.TextEncoder;
    (globalThis as { TextEncoder?: unknown }).TextEncoder = undefined;
    try {
      for (const text of ['plain', 'é', '€', '😀', 'a\ud800b']) {
        expect(Buffer.from(encodeUtf8(text)).toString('hex')).toBe(Buffer.from(text, 'utf8').toString('hex'));
      }
    } finally {
      globalThis.TextEncoder = saved;
    }
  });
});

describe('officeCall', () => {
  test('resolves on succeeded, rejects with the operation and code otherwise', async () => {
    await expect(officeCall('x', (cb) => cb({ status: 'succeeded', value: 5 }))).resolves.toBe(5);
    await expect(
      officeCall('body.getAsync', (cb) =>
        cb({ status: 'failed', value: undefined, error: { code: 9002, name: 'InternalError' } }),
      ),
    ).rejects.toEqual(new OfficeCallError('body.getAsync', 'InternalError'));
    await expect(
      officeCall('y', () => {
        throw new TypeError('not a function');
      }),
    ).rejects.toMatchObject({ operation: 'y', code: 'threw' });
  });
});

describe('completeOnce', () => {
  function manualTimers() {
    const pending: { callback: () => void; id: number }[] = [];
    let next = 1;
    const timers: Timers = {
      setTimeout: (callback) => {
        pending.push({ callback, id: next });
        return next++;
      },
      clearTimeout: (handle) => {
        const index = pending.findIndex((entry) => entry.id === handle);
        if (index >= 0) pending.splice(index, 1);
      },
    };
    return { timers, fire: () => pending.splice(0).forEach((entry) => entry.callback()), pending };
  }

  test('work wins: one completion, the deadline timer is cleared', async () => {
    const { timers, pending } = manualTimers();
    const event = { completed: jest.fn() };
    await completeOnce(
      event,
      () => Promise.resolve({ allowEvent: true }),
      () => ({ allowEvent: false }),
      { timers },
    );
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: true }]]);
    expect(pending).toHaveLength(0);
  });

  test('deadline wins: the late result is dropped', async () => {
    const { timers, fire } = manualTimers();
    const event = { completed: jest.fn() };
    let release: (value: { allowEvent: boolean }) => void = () => undefined;
    const done = completeOnce(
      event,
      () => new Promise((resolve) => (release = resolve)),
      (kind) => ({ allowEvent: false, errorMessage: kind }),
      { timers },
    );
    fire();
    await done;
    release({ allowEvent: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: false, errorMessage: 'deadline' }]]);
  });

  test('a synchronous throw and a rejection both take the error path once', async () => {
    for (const work of [
      () => {
        throw new Error('boom');
      },
      () => Promise.reject(new Error('boom')),
    ]) {
      const event = { completed: jest.fn() };
      await completeOnce(event, work, (kind) => ({ allowEvent: kind === 'error' }), {
        timers: manualTimers().timers,
      });
      expect(event.completed.mock.calls).toEqual([[{ allowEvent: true }]]);
    }
  });

  test('undefined completes without options (non-send events)', async () => {
    const event = { completed: jest.fn() };
    await completeOnce(
      event,
      () => Promise.resolve(undefined),
      () => undefined,
      { timers: manualTimers().timers },
    );
    expect(event.completed.mock.calls).toEqual([[]]);
  });
});

describe('scan-ahead compaction', () => {
  test('groups findings by entity, tier and place; expands back to the same counts', () => {
    const finding = (entity: LocatedFinding['entity'], name: string): LocatedFinding => ({
      entity,
      start: 3,
      end: 14,
      confidence: 'high',
      score: 0.95,
      preview: '***-**-8451',
      reasons: ['header:SSN'],
      location: { part: 'attachment', name, where: 'Roster!B2', path: ['batch.zip', name] },
    });
    const parts = {
      findings: [finding('US_SSN', 'a.xlsx'), finding('US_SSN', 'a.xlsx'), finding('CREDIT_CARD', 'b.csv')],
      unscanned: [{ name: 'scan.png', reason: 'image' as const }],
      truncated: false,
      scannedChars: 1234,
    };
    const compact = compactScan(parts);
    expect(compact.f).toHaveLength(2);
    expect(JSON.stringify(compact)).not.toContain('8451');
    const back = expandScan(JSON.parse(JSON.stringify(compact)));
    expect(back.findings.map((f) => [f.entity, f.confidence, f.location.name, f.location.path])).toEqual([
      ['US_SSN', 'high', 'a.xlsx', ['batch.zip', 'a.xlsx']],
      ['US_SSN', 'high', 'a.xlsx', ['batch.zip', 'a.xlsx']],
      ['CREDIT_CARD', 'high', 'b.csv', ['batch.zip', 'b.csv']],
    ]);
    expect(back.unscanned).toEqual([{ name: 'scan.png', reason: 'image' }]);
  });
});

describe('policy source', () => {
  const good = { version: 1, revision: 'srv-7', organization: { domains: ['contoso.com'] } };
  const storage = (): KeyValueStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (key) => Promise.resolve(data.get(key) ?? null),
      setItem: (key, value) => {
        data.set(key, value);
        return Promise.resolve();
      },
    };
  };
  const respond = (body: unknown, status = 200) =>
    jest.fn(() =>
      Promise.resolve({ ok: status === 200, status, text: () => Promise.resolve(JSON.stringify(body)) }),
    );

  beforeEach(resetPolicyMemory);

  test('no URL: the built-in policy, no fetch', async () => {
    const fetch = respond(good);
    expect(await loadPolicyFrom({ url: '', fetch })).toEqual({ policy: DEFAULT_POLICY, origin: 'builtin' });
    expect(fetch).not.toHaveBeenCalled();
  });

  test('fresh fetch is validated and cached; a fresh cache skips the network', async () => {
    const store = storage();
    const fetch = respond(good);
    const first = await loadPolicyFrom({
      url: 'https://x/policy.json',
      fetch,
      storage: store,
      now: () => 1000,
    });
    expect(first.origin).toBe('fresh');
    expect(first.policy.revision).toBe('srv-7');
    expect(JSON.parse(store.data.get(POLICY_STORAGE_KEY) ?? '{}').fetchedAt).toBe(1000);
    resetPolicyMemory(); // a new runtime: only OfficeRuntime.storage survives
    const second = await loadPolicyFrom({
      url: 'https://x/policy.json',
      fetch,
      storage: store,
      now: () => 2000,
    });
    expect(second.origin).toBe('cached');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('server error or invalid policy: the stale copy, else the built-in default', async () => {
    const store = storage();
    store.data.set(POLICY_STORAGE_KEY, JSON.stringify({ fetchedAt: 0, json: good }));
    const later = () => 10 * 60 * 60 * 1000;
    const stale = await loadPolicyFrom({
      url: 'https://x/p',
      fetch: respond({}, 500),
      storage: store,
      now: later,
    });
    expect(stale).toMatchObject({ origin: 'stale-cache', policy: { revision: 'srv-7' } });
    resetPolicyMemory();
    const invalid = await loadPolicyFrom({ url: 'https://x/p', fetch: respond({ version: 9 }), now: later });
    expect(invalid).toEqual({ policy: DEFAULT_POLICY, origin: 'fallback' });
  });

  test('a fetch that never answers gives up after the timeout', async () => {
    jest.useFakeTimers();
    try {
      const hanging = jest.fn(() => new Promise<never>(() => undefined));
      const loading = loadPolicyFrom({ url: 'https://x/p', fetch: hanging, timeoutMs: 1200 });
      await jest.advanceTimersByTimeAsync(1200);
      await expect(loading).resolves.toEqual({ policy: DEFAULT_POLICY, origin: 'fallback' });
    } finally {
      jest.useRealTimers();
    }
  });
});

import { buildAuditEvent, isAuditable, sanitizeJustification } from '../../src/core/audit/audit-event';
import {
  HttpsAuditSink,
  NO_AUDIT_SINK,
  formatAuditBody,
  type FetchLike,
} from '../../src/core/audit/audit-sink';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import { evaluate } from '../../src/core/policy/evaluate';
import type { Verdict } from '../../src/core/policy/verdict';
import type { LocatedFinding } from '../../src/core/types';

const SSN_VALUE = '078-05-1120';
const CARD_VALUE = '4111 1111 1111 1111';
const SUBJECT = `Payroll for Jane Roe ${SSN_VALUE}`;

function finding(name: string): LocatedFinding {
  return {
    entity: 'US_SSN',
    start: 21,
    end: 32,
    confidence: 'high',
    score: 0.95,
    preview: '***-**-1120',
    reasons: ['context:ssn'],
    location: { part: 'attachment', name, where: 'Roster!B2', path: ['batch.zip', name] },
  };
}

const verdict: Verdict = evaluate(
  {
    findings: [finding('Jane Roe salary.xlsx'), finding('Jane Roe salary.xlsx')],
    unscanned: [{ name: 'John Doe medical.zip', reason: 'encrypted', detail: 'password' }],
    recipients: [
      { address: 'jane.roe@gmail.com', name: 'Jane Roe', field: 'to' },
      { address: 'boss@contoso.com', field: 'cc' },
    ],
    sender: 'payroll@contoso.com',
    subject: SUBJECT,
  },
  DEFAULT_POLICY,
);
const TIME = new Date('2026-11-27T10:00:00Z');

describe('buildAuditEvent', () => {
  const event = buildAuditEvent({
    verdict,
    decision: 'sent-with-justification',
    policy: DEFAULT_POLICY,
    time: TIME,
    sender: 'payroll@contoso.com',
    client: { host: 'outlook-web', version: '1.0.0' },
    justification: {
      reasonId: 'own-data',
      text: `She asked, her SSN is ${SSN_VALUE} and card ${CARD_VALUE}, call 555 0100`,
    },
  });

  it('records time, decision, verdict, rules, counts, domains, client and policy version', () => {
    expect(event).toMatchObject({
      schema: 'sendwarden.audit/1',
      time: '2026-11-27T10:00:00.000Z',
      decision: 'sent-with-justification',
      action: 'encrypt',
      rules: ['sensitive-outside', 'unscanned-outside'],
      counts: { US_SSN: 2 },
      total: 2,
      locations: { subject: 0, body: 0, attachments: 2 },
      recipients: { internal: 1, personal: ['gmail.com'], partner: [], external: [], lookalike: [] },
      senderDomain: 'contoso.com',
      unscanned: { encrypted: 1 },
      client: { host: 'outlook-web', version: '1.0.0' },
      policy: { version: 1, revision: 'builtin-1', overrides: [] },
    });
    expect(event.justification?.reasonId).toBe('own-data');
  });

  it('never carries content, values, previews, names or addresses by default', () => {
    const json = JSON.stringify(event);
    for (const forbidden of [
      SSN_VALUE,
      '1120',
      '4111',
      '1111',
      'Jane',
      'Roe',
      'John',
      'salary',
      'medical',
      'Payroll for',
      'Roster',
      'jane.roe@',
      'boss@',
      'payroll@',
      '555',
    ])
      expect([forbidden, json.includes(forbidden)]).toEqual([forbidden, false]);
    expect(event.addresses).toBeUndefined();
    expect(event.sender).toBeUndefined();
  });

  it('includes addresses only when the policy says so', () => {
    const withAddresses = buildAuditEvent({
      verdict,
      decision: 'verdict',
      policy: { audit: { ...DEFAULT_POLICY.audit, includeAddresses: true } },
      sender: 'Payroll@Contoso.com',
    });
    expect(withAddresses.addresses).toEqual([
      { address: 'jane.roe@gmail.com', class: 'personal' },
      { address: 'boss@contoso.com', class: 'internal' },
    ]);
    expect(withAddresses.sender).toBe('payroll@contoso.com');
    expect(JSON.stringify(withAddresses)).not.toContain(SSN_VALUE);
  });

  it('masks values and digits in free-text justifications', () => {
    expect(sanitizeJustification(`SSN ${SSN_VALUE} please`)).not.toMatch(/[0-9]/);
    expect(sanitizeJustification('client asked on the phone')).toBe('client asked on the phone');
    expect(sanitizeJustification('x'.repeat(2000))).toHaveLength(500);
  });

  it('audits every non-allow verdict and every decision, but not plain allows', () => {
    const allow = evaluate({ findings: [], unscanned: [], recipients: [], subject: '' }, DEFAULT_POLICY);
    expect(isAuditable(allow, 'verdict')).toBe(false);
    expect(isAuditable(allow, 'cancelled')).toBe(true);
    expect(isAuditable(verdict, 'verdict')).toBe(true);
    for (const decision of [
      'sent-after-warning',
      'encrypted',
      'cancelled',
      'reported-false-positive',
    ] as const)
      expect(buildAuditEvent({ verdict, decision, policy: DEFAULT_POLICY }).decision).toBe(decision);
  });
});

describe('audit sinks', () => {
  const event = buildAuditEvent({ verdict, decision: 'verdict', policy: DEFAULT_POLICY, time: TIME });

  it('formats bodies for plain JSON, JSON arrays and Splunk HEC', () => {
    expect(JSON.parse(formatAuditBody(event, 'json'))).toEqual(event);
    expect(JSON.parse(formatAuditBody(event, 'json-array'))).toEqual([event]);
    expect(JSON.parse(formatAuditBody(event, 'splunk-hec'))).toEqual({
      time: TIME.getTime() / 1000,
      sourcetype: 'sendwarden:audit',
      event,
    });
  });

  it('the default sink sends nothing', async () => {
    NO_AUDIT_SINK.send(event);
    await expect(NO_AUDIT_SINK.flush()).resolves.toBeUndefined();
  });

  it('refuses a non-HTTPS endpoint', () => {
    expect(() => new HttpsAuditSink({ endpoint: 'http://x', fetch: jest.fn(), sleep: jest.fn() })).toThrow(
      /https/,
    );
  });

  it('posts JSON with the configured headers', async () => {
    const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push({ url, headers: init.headers, body: init.body });
      return { ok: true, status: 200 };
    };
    const sink = new HttpsAuditSink({
      endpoint: 'https://c.example/e',
      fetch,
      sleep: async () => undefined,
      headers: { Authorization: 'Splunk t' },
    });
    sink.send(event);
    await sink.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Splunk t' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(event);
    expect(sink.stats).toEqual({ queued: 0, sent: 1, dropped: 0, failed: 0 });
  });

  it('retries with exponential backoff, then gives up and counts the failure', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const fetch: FetchLike = async () => {
      attempts++;
      if (attempts === 1) throw new Error('offline');
      return { ok: false, status: 503 };
    };
    const sink = new HttpsAuditSink({
      endpoint: 'https://c.example',
      fetch,
      sleep: async (ms) => void waits.push(ms),
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 500,
    });
    sink.send(event);
    await sink.flush();
    expect(attempts).toBe(5);
    expect(waits).toEqual([100, 200, 400, 500]);
    expect(sink.stats.failed).toBe(1);
  });

  it('does not retry a request the collector refuses (4xx)', async () => {
    const fetch = jest.fn(async () => ({ ok: false, status: 400 }));
    const sink = new HttpsAuditSink({ endpoint: 'https://c.example', fetch, sleep: async () => undefined });
    sink.send(event);
    await sink.flush();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sink.stats.failed).toBe(1);
  });

  it('keeps a bounded queue: drops the oldest and counts drops, delivering the rest in order', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const delivered: string[] = [];
    const fetch: FetchLike = async (_url, init) => {
      await gate;
      delivered.push((JSON.parse(init.body) as { decision: string; time: string }).time);
      return { ok: true, status: 200 };
    };
    const sink = new HttpsAuditSink({
      endpoint: 'https://c.example',
      fetch,
      sleep: async () => undefined,
      maxQueue: 3,
    });
    for (let i = 0; i < 10; i++) sink.send({ ...event, time: `t${i}` });
    expect(sink.stats.dropped).toBe(6);
    release();
    await sink.flush();
    // t0 was already in flight; of the waiting events the newest three survived the bound.
    expect(delivered).toEqual(['t0', 't7', 't8', 't9']);
    expect(sink.stats.sent).toBe(4);
  });
});

import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import { loadPolicy } from '../../src/core/policy/load-policy';
import type { Policy } from '../../src/core/policy/policy';
import { resetAuditSink } from '../../src/outlook/audit';
import { defaultTimers, type Completion } from '../../src/outlook/complete-once';
import {
  installMockGlobals,
  MockMailbox,
  type MockDraft,
  type MockOptions,
} from '../../src/outlook/mock/mock-mailbox';
import { resetPolicyMemory } from '../../src/outlook/policy-source';
import { resetScanAheadMemory } from '../../src/outlook/scan-ahead';
import type { HandlerDeps } from '../../src/outlook/send-handler';

/** A valid-looking SSN (area 536) that appears nowhere else: tests assert it never leaks. */
export const SECRET_SSN = '536-22-8451';
export const SECRET_DIGITS = '536228451';

export const SENDER = { address: 'ana@contoso.com', name: 'Ana Ruiz' };

export function draft(overrides: Partial<MockDraft> = {}): MockDraft {
  return {
    subject: 'Quarterly numbers',
    body: 'Hi, see the numbers for the quarter.',
    from: SENDER,
    to: [{ address: 'bob@contoso.com', recipientType: 'user' }],
    cc: [],
    bcc: [],
    attachments: [],
    ...overrides,
  };
}

export function sensitiveBody(): string {
  return `Hello,\nthe employee's SSN: ${SECRET_SSN} for the enrolment form.\nThanks`;
}

/** A CSV roster with `rows` SSNs under an SSN header (all distinct, all structurally valid). */
export function rosterCsv(rows: number): string {
  const lines = ['Name,SSN,Phone'];
  for (let i = 0; i < rows; i++) {
    const group = String(10 + (i % 89)).padStart(2, '0');
    const serial = String(1000 + i).padStart(4, '0');
    lines.push(`Person ${i},${String(400 + (i % 200)).padStart(3, '0')}-${group}-${serial},555-0100`);
  }
  return lines.join('\n');
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function policyWith(json: Record<string, unknown>): Policy {
  return loadPolicy({ version: 1, revision: 'test-1', ...json });
}

export interface Harness {
  mailbox: MockMailbox;
  deps: HandlerDeps;
  completions: Completion[];
}

let restore: (() => void) | undefined;

/** Installs a mock mailbox as the global Office for the handler code under test. */
export function setup(d: MockDraft, options: MockOptions = {}, policy: Policy = DEFAULT_POLICY): Harness {
  teardown();
  resetScanAheadMemory();
  resetPolicyMemory();
  resetAuditSink();
  const mailbox = new MockMailbox(d, options);
  restore = installMockGlobals(mailbox, globalThis as unknown as Record<string, unknown>);
  const completions: Completion[] = [];
  const deps: HandlerDeps = {
    now: () => Date.now(),
    timers: defaultTimers,
    deadlineMs: 3500,
    scanBudgetMs: 3000,
    sendScanMaxBytes: 1024 * 1024,
    loadPolicy: () => Promise.resolve({ policy, origin: 'builtin' }),
    onCompleted: (options) => completions.push(options),
  };
  return { mailbox, deps, completions };
}

export function teardown(): void {
  if (restore) restore();
  restore = undefined;
}

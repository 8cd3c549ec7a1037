import { ACTIONS, type Action } from '../../core/policy/policy';
import type { OutsideClass } from '../../core/policy/verdict';
import type { EntityId } from '../../core/types';
import type { MessageOutcome } from './simulate-worker';

/** Rows shown at most per table and chart; the rest is summed in a final row. */
const MAX_ROWS = 25;
const MAX_EXAMPLES = 30;

export interface SimulationSummary {
  policy: { name: string; revision: string };
  generatedAt: string;
  messages: number;
  errors: { file: string; error: string }[];
  wallMs: number;
  jobs: number;
  byAction: Record<Action, number>;
  byRule: Record<string, number>;
  byEntity: Partial<Record<EntityId, { findings: number; messages: number }>>;
  byDomain: Record<string, { domain: string; class: OutsideClass; messages: number }>;
  unscanned: Record<string, number>;
  examples: MessageOutcome[];
}

export function summarize(
  outcomes: readonly MessageOutcome[],
  meta: Pick<SimulationSummary, 'policy' | 'generatedAt' | 'wallMs' | 'jobs'>,
): SimulationSummary {
  const summary: SimulationSummary = {
    ...meta,
    messages: outcomes.length,
    errors: [],
    byAction: { allow: 0, warn: 0, justify: 0, encrypt: 0, block: 0 },
    byRule: {},
    byEntity: {},
    byDomain: {},
    unscanned: {},
    examples: [],
  };
  for (const o of outcomes) {
    if (o.error) summary.errors.push({ file: o.file, error: o.error });
    summary.byAction[o.action]++;
    for (const rule of o.rules) summary.byRule[rule] = (summary.byRule[rule] ?? 0) + 1;
    for (const [entity, n] of Object.entries(o.counts) as [EntityId, number][]) {
      const row = summary.byEntity[entity] ?? (summary.byEntity[entity] = { findings: 0, messages: 0 });
      row.findings += n;
      row.messages++;
    }
    for (const [cls, domains] of Object.entries(o.outsideDomains) as [OutsideClass, string[]][])
      for (const domain of domains) {
        const key = `${cls}:${domain}`;
        const row = summary.byDomain[key] ?? (summary.byDomain[key] = { domain, class: cls, messages: 0 });
        row.messages++;
      }
    for (const [reason, n] of Object.entries(o.unscanned))
      summary.unscanned[reason] = (summary.unscanned[reason] ?? 0) + (n ?? 0);
  }
  summary.examples = pickExamples(outcomes);
  return summary;
}

/** Up to EXAMPLES_PER_RULE messages for every rule that fired (strictest first), so every rule is shown. */
const EXAMPLES_PER_RULE = 3;

function pickExamples(outcomes: readonly MessageOutcome[]): MessageOutcome[] {
  const flagged = outcomes
    .filter((o) => o.action !== 'allow' && !o.error)
    .sort((a, b) => ACTIONS.indexOf(b.action) - ACTIONS.indexOf(a.action));
  const picked = new Set<MessageOutcome>();
  const perRule = new Map<string, number>();
  for (const o of flagged) {
    if (picked.size >= MAX_EXAMPLES) break;
    if (o.rules.some((r) => (perRule.get(r) ?? 0) < EXAMPLES_PER_RULE)) {
      picked.add(o);
      for (const r of o.rules) perRule.set(r, (perRule.get(r) ?? 0) + 1);
    }
  }
  return flagged.filter((o) => picked.has(o));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const ACTION_COLORS: Record<Action, string> = {
  allow: '#2e7d32',
  warn: '#f9a825',
  justify: '#ef6c00',
  encrypt: '#1565c0',
  block: '#c62828',
};

interface Row {
  label: string;
  value: number;
  color?: string;
}

/** A horizontal bar chart as inline SVG: no scripts, no external resources. */
export function barChart(title: string, rows: readonly Row[]): string {
  const shown = rows.slice(0, MAX_ROWS);
  const max = Math.max(1, ...shown.map((r) => r.value));
  const barHeight = 22;
  const labelWidth = 260;
  const barWidth = 380;
  const height = shown.length * (barHeight + 6) + 10;
  const bars = shown
    .map((r, i) => {
      const y = 5 + i * (barHeight + 6);
      const w = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * barWidth));
      const label = r.label.length > 40 ? r.label.slice(0, 39) + '…' : r.label;
      return (
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" rx="3" fill="${r.color ?? '#5c6bc0'}"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 15}">${r.value}</text>`
      );
    })
    .join('');
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 60}" height="${height}" ` +
    `viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" font-family="system-ui, sans-serif" font-size="13">${bars}</svg></figure>`
  );
}

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function sortedEntries<T>(record: Record<string, T>, value: (t: T) => number): [string, T][] {
  return Object.entries(record).sort((a, b) => value(b[1]) - value(a[1]) || a[0].localeCompare(b[0]));
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1000px;color:#1f2328;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.meta{color:#57606a}.tiles{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}.tile{border:1px solid #d0d7de;border-radius:8px;padding:.6rem 1rem;min-width:7rem}
.tile b{display:block;font-size:1.5rem}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eaeef2}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}code{font-family:ui-monospace,Consolas,monospace}`;

/** The self-contained HTML report: no scripts, no external fonts, images or styles. */
export function renderReport(s: SimulationSummary): string {
  const tiles = ACTIONS.map(
    (a) =>
      `<div class="tile" style="border-left:6px solid ${ACTION_COLORS[a]}"><b>${s.byAction[a]}</b>${a}</div>`,
  ).join('');
  const actionRows = ACTIONS.map((a) => ({ label: a, value: s.byAction[a], color: ACTION_COLORS[a] }));
  const ruleRows = sortedEntries(s.byRule, (n) => n).map(([label, value]) => ({ label, value }));
  const entityRows = sortedEntries(
    s.byEntity as Record<string, { findings: number; messages: number }>,
    (r) => r.messages,
  );
  const domainRows = sortedEntries(s.byDomain, (r) => r.messages);
  const examples = s.examples.map((o) => [
    o.file,
    o.action,
    o.rules.join(', '),
    o.examples.map((e) => `${e.entity} ${e.preview} in ${e.where}`).join('; '),
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>SendWarden simulation: ${escapeHtml(s.policy.name)}</title><style>${STYLE}</style></head><body>
<h1>SendWarden policy simulation</h1>
<p class="meta">Policy <b>${escapeHtml(s.policy.name)}</b> (revision <code>${escapeHtml(s.policy.revision)}</code>) ·
${s.messages} messages · ${s.errors.length} unreadable · ${(s.wallMs / 1000).toFixed(1)} s on ${s.jobs} workers · ${escapeHtml(s.generatedAt)}</p>
<div class="tiles">${tiles}</div>
<h2>Actions</h2>${barChart('Messages by action', actionRows)}
<h2>Rules</h2>${ruleRows.length ? barChart('Messages per rule that fired', ruleRows) : '<p>No rule fired.</p>'}
<h2>Sensitive data</h2>${
    entityRows.length
      ? barChart(
          'Messages per entity',
          entityRows.map(([label, r]) => ({ label, value: r.messages })),
        ) +
        table(
          ['Entity', 'Messages', 'Findings'],
          entityRows.map(([e, r]) => [e, r.messages, r.findings]),
        )
      : '<p>No counted findings.</p>'
  }
<h2>Outside domains</h2>${
    domainRows.length
      ? barChart(
          'Messages per outside domain (top 25)',
          domainRows.map(([, r]) => ({ label: `${r.domain} (${r.class})`, value: r.messages })),
        ) +
        table(
          ['Domain', 'Class', 'Messages'],
          domainRows.slice(0, 200).map(([, r]) => [r.domain, r.class, r.messages]),
        )
      : '<p>No outside recipients.</p>'
  }
<h2>Could not scan</h2>${
    Object.keys(s.unscanned).length
      ? table(
          ['Reason', 'Items'],
          sortedEntries(s.unscanned, (n) => n),
        )
      : '<p>Everything was scanned.</p>'
  }
<h2>Examples (values masked)</h2>${
    examples.length
      ? table(['Message', 'Action', 'Rules', 'Masked examples'], examples)
      : '<p>Every message was allowed.</p>'
  }
${
  s.errors.length
    ? `<h2>Unreadable messages</h2>${table(
        ['Message', 'Error'],
        s.errors.slice(0, 100).map((e) => [e.file, e.error]),
      )}`
    : ''
}
</body></html>
`;
}

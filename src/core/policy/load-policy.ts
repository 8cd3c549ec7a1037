import { RECIPIENT_CLASSES, type RecipientClass } from '../recipients/classify-recipients';
import { CONFIDENCE_ORDER } from '../detect/confidence';
import { ENTITY_IDS, type Confidence, type EntityId } from '../types';
import { DEFAULT_POLICY } from './default-policy';
import {
  ACTIONS,
  POLICY_PARTS,
  type Action,
  type AuditSettings,
  type EncryptionMarker,
  type JustificationReason,
  type MessageKey,
  type Policy,
  type Rule,
  type RuleConditions,
  type SenderOverride,
  type Translations,
} from './policy';
import { PolicyError } from './policy-error';
import {
  Problems,
  arrayAt,
  booleanAt,
  integerAt,
  join,
  objectAt,
  oneOfAt,
  stringAt,
  type Json,
} from './validate';

/** Limits of a policy document; the schema states the same numbers. */
export const POLICY_LIMITS = {
  domains: 1000,
  rules: 200,
  overrides: 100,
  senders: 5000,
  reasons: 50,
  text: 500,
  maxCount: 1000000,
  idLength: 64,
} as const;

const LABEL = /^[A-Za-z0-9-]{1,63}$/;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const LANGUAGE_PART = /^[A-Za-z0-9]{2,8}$/;
const PRIMARY_LANGUAGE = /^[a-z]{2,3}$/;
const HEADER_NAME = /^X-[A-Za-z0-9-]{1,60}$/;
const HTTP_HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;
const LOCAL_PART = /^[^\s@]{1,64}$/;

const TOP_LEVEL = [
  '$schema',
  'version',
  'revision',
  'name',
  'organization',
  'partners',
  'distributionLists',
  'entities',
  'rules',
  'encryption',
  'justification',
  'failMode',
  'overrides',
  'messages',
  'audit',
] as const;
const MESSAGE_KEYS: readonly MessageKey[] = ['title', 'warn', 'justify', 'encrypt', 'block'];
const CONDITION_KEYS: readonly (keyof RuleConditions)[] = [
  'entities',
  'minCount',
  'where',
  'recipients',
  'onlyRecipients',
  'lookalike',
  'unscannable',
  'distributionList',
];

export function isDomainName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label));
}

function domainAt(value: Json, path: string, problems: Problems): string | undefined {
  const text = stringAt(value, path, problems, { max: 253 });
  if (text === undefined) return undefined;
  if (!isDomainName(text)) return problems.add(path, `must be a domain name like example.com, got "${text}"`);
  return text.toLowerCase();
}

function senderAt(value: Json, path: string, problems: Problems): string | undefined {
  const text = stringAt(value, path, problems, { max: 318 });
  if (text === undefined) return undefined;
  const at = text.lastIndexOf('@');
  const ok =
    at < 0 ? isDomainName(text) : LOCAL_PART.test(text.slice(0, at)) && isDomainName(text.slice(at + 1));
  if (!ok) return problems.add(path, `must be an e-mail address or a domain name`);
  return text.toLowerCase();
}

function domainSection(
  value: Json,
  path: string,
  problems: Problems,
  fallback: Policy['organization'],
): Policy['organization'] {
  const record = objectAt(value, path, ['domains', 'includeSubdomains'], problems);
  if (!record) return fallback;
  const domains =
    record.domains === undefined
      ? fallback.domains
      : arrayAt(record.domains, join(path, 'domains'), problems, POLICY_LIMITS.domains, (v, p) =>
          domainAt(v, p, problems),
        );
  const subs =
    record.includeSubdomains === undefined
      ? fallback.includeSubdomains
      : booleanAt(record.includeSubdomains, join(path, 'includeSubdomains'), problems);
  return { domains: domains ?? [], includeSubdomains: subs ?? fallback.includeSubdomains };
}

function entitiesAt(value: Json, path: string, problems: Problems): Policy['entities'] {
  const record = objectAt(value, path, ENTITY_IDS, problems);
  const out: Policy['entities'] = {};
  if (!record) return out;
  for (const key of Object.keys(record)) {
    if (ENTITY_IDS.indexOf(key as EntityId) < 0) continue;
    const tier = oneOfAt<Confidence>(record[key], join(path, key), problems, CONFIDENCE_ORDER);
    if (tier) out[key as EntityId] = tier;
  }
  return out;
}

function classesAt(value: Json, path: string, problems: Problems): RecipientClass[] | undefined {
  return arrayAt(value, path, problems, RECIPIENT_CLASSES.length, (v, p) =>
    oneOfAt(v, p, problems, RECIPIENT_CLASSES),
  );
}

function conditionsAt(value: Json, path: string, problems: Problems): RuleConditions {
  const record = objectAt(value, path, CONDITION_KEYS, problems);
  const when: RuleConditions = {};
  if (!record) return when;
  const at = (key: string): string => join(path, key);
  if (record.entities !== undefined)
    when.entities = arrayAt(record.entities, at('entities'), problems, ENTITY_IDS.length, (v, p) =>
      oneOfAt(v, p, problems, ENTITY_IDS),
    );
  if (record.minCount !== undefined)
    when.minCount = integerAt(record.minCount, at('minCount'), problems, 0, POLICY_LIMITS.maxCount);
  if (record.where !== undefined)
    when.where = arrayAt(record.where, at('where'), problems, POLICY_PARTS.length, (v, p) =>
      oneOfAt(v, p, problems, POLICY_PARTS),
    );
  if (record.recipients !== undefined)
    when.recipients = classesAt(record.recipients, at('recipients'), problems);
  if (record.onlyRecipients !== undefined)
    when.onlyRecipients = classesAt(record.onlyRecipients, at('onlyRecipients'), problems);
  for (const flag of ['lookalike', 'unscannable', 'distributionList'] as const)
    if (record[flag] !== undefined) when[flag] = booleanAt(record[flag], at(flag), problems);
  return when;
}

function ruleAt(value: Json, path: string, problems: Problems): Rule | undefined {
  const keys = ['id', 'description', 'when', 'action', 'allowJustify', 'unlessMarkedForEncryption'];
  const record = objectAt(value, path, keys, problems);
  if (!record) return undefined;
  const id = idAt(record.id, join(path, 'id'), problems);
  const action = oneOfAt(record.action, join(path, 'action'), problems, ACTIONS);
  const when =
    record.when === undefined
      ? problems.add(join(path, 'when'), 'is required')
      : conditionsAt(record.when, join(path, 'when'), problems);
  if (id === undefined || action === undefined || when === undefined) return undefined;
  const rule: Rule = { id, when, action };
  if (record.description !== undefined)
    rule.description = stringAt(record.description, join(path, 'description'), problems, {
      max: POLICY_LIMITS.text,
    });
  for (const flag of ['allowJustify', 'unlessMarkedForEncryption'] as const)
    if (record[flag] !== undefined) rule[flag] = booleanAt(record[flag], join(path, flag), problems);
  return rule;
}

function idAt(value: Json, path: string, problems: Problems): string | undefined {
  if (value === undefined) return problems.add(path, 'is required');
  const id = stringAt(value, path, problems, { max: POLICY_LIMITS.idLength });
  if (id === undefined) return undefined;
  if (!RULE_ID.test(id))
    return problems.add(path, 'must be letters, digits, - _ or . (starting with a letter or digit)');
  return id;
}

function languageOk(tag: string): boolean {
  const parts = tag.split('-');
  return (
    PRIMARY_LANGUAGE.test(parts[0] ?? '') &&
    parts.length <= 4 &&
    parts.slice(1).every((p) => LANGUAGE_PART.test(p))
  );
}

function translationsAt(value: Json, path: string, problems: Problems): Translations | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return problems.add(path, 'must be an object of language code to text, like {"en": "...", "de": "..."}');
  const record = value as Record<string, Json>;
  const out: Translations = {};
  for (const key of Object.keys(record)) {
    if (!languageOk(key)) {
      problems.add(join(path, key), 'must be a language code like en, de or pt-BR');
      continue;
    }
    const text = stringAt(record[key], join(path, key), problems, { max: POLICY_LIMITS.text });
    if (text !== undefined) out[key] = text;
  }
  if (record.en === undefined)
    problems.add(join(path, 'en'), 'is required (the English text is the fallback)');
  return out;
}

function markerAt(value: Json, path: string, problems: Problems): EncryptionMarker | undefined {
  const record = objectAt(value, path, ['subjectTag', 'header', 'labelId'], problems);
  if (!record) return undefined;
  const present = ['subjectTag', 'header', 'labelId'].filter((k) => record[k] !== undefined);
  if (present.length !== 1) return problems.add(path, 'must have exactly one of subjectTag, header, labelId');
  if (record.subjectTag !== undefined) {
    const tag = stringAt(record.subjectTag, join(path, 'subjectTag'), problems, { max: 64 });
    return tag === undefined ? undefined : { subjectTag: tag };
  }
  if (record.labelId !== undefined) {
    const labelId = stringAt(record.labelId, join(path, 'labelId'), problems, { max: 128 });
    return labelId === undefined ? undefined : { labelId };
  }
  const headerPath = join(path, 'header');
  const header = objectAt(record.header, headerPath, ['name', 'value'], problems);
  if (!header) return undefined;
  const name = stringAt(header.name, join(headerPath, 'name'), problems, { max: 62 });
  const headerValue = stringAt(header.value, join(headerPath, 'value'), problems, { max: 200 });
  if (name !== undefined && !HEADER_NAME.test(name))
    return problems.add(join(headerPath, 'name'), 'must be an X- header name like X-SendWarden-Encrypt');
  return name === undefined || headerValue === undefined
    ? undefined
    : { header: { name, value: headerValue } };
}

function encryptionAt(value: Json, path: string, problems: Problems): Policy['encryption'] {
  const fallback = DEFAULT_POLICY.encryption;
  const record = objectAt(value, path, ['method', 'accept'], problems);
  if (!record) return fallback;
  const method =
    record.method === undefined ? fallback.method : markerAt(record.method, join(path, 'method'), problems);
  const accept =
    record.accept === undefined
      ? record.method === undefined
        ? fallback.accept
        : []
      : arrayAt(record.accept, join(path, 'accept'), problems, 10, (v, p) => markerAt(v, p, problems));
  return { method: method ?? fallback.method, accept: accept ?? [] };
}

function justificationAt(value: Json, path: string, problems: Problems): Policy['justification'] {
  const fallback = DEFAULT_POLICY.justification;
  const record = objectAt(value, path, ['reasons', 'allowFreeText'], problems);
  if (!record) return fallback;
  const reasons =
    record.reasons === undefined
      ? fallback.reasons
      : arrayAt(record.reasons, join(path, 'reasons'), problems, POLICY_LIMITS.reasons, (v, p) =>
          reasonAt(v, p, problems),
        );
  const free =
    record.allowFreeText === undefined
      ? fallback.allowFreeText
      : booleanAt(record.allowFreeText, join(path, 'allowFreeText'), problems);
  return { reasons: reasons ?? [], allowFreeText: free ?? fallback.allowFreeText };
}

function reasonAt(value: Json, path: string, problems: Problems): JustificationReason | undefined {
  const record = objectAt(value, path, ['id', 'text'], problems);
  if (!record) return undefined;
  const id = idAt(record.id, join(path, 'id'), problems);
  if (record.text === undefined) return problems.add(join(path, 'text'), 'is required');
  const text = translationsAt(record.text, join(path, 'text'), problems);
  return id === undefined || text === undefined ? undefined : { id, text };
}

function overrideAt(value: Json, path: string, problems: Problems): SenderOverride | undefined {
  const record = objectAt(value, path, ['id', 'senders', 'disableRules', 'actions'], problems);
  if (!record) return undefined;
  const id = idAt(record.id, join(path, 'id'), problems);
  const senders =
    record.senders === undefined
      ? problems.add(join(path, 'senders'), 'is required')
      : arrayAt(record.senders, join(path, 'senders'), problems, POLICY_LIMITS.senders, (v, p) =>
          senderAt(v, p, problems),
        );
  const disableRules =
    record.disableRules === undefined
      ? []
      : arrayAt(record.disableRules, join(path, 'disableRules'), problems, POLICY_LIMITS.rules, (v, p) =>
          idAt(v, p, problems),
        );
  const actions =
    record.actions === undefined ? {} : actionMapAt(record.actions, join(path, 'actions'), problems);
  if (id === undefined || senders === undefined || disableRules === undefined) return undefined;
  return { id, senders, disableRules, actions };
}

/** Rule id to action: the keys are rule ids, checked against the rules in crossCheck. */
function actionMapAt(value: Json, path: string, problems: Problems): Record<string, Action> {
  const out: Record<string, Action> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(path, 'must be an object of rule id to action');
    return out;
  }
  const record = value as Record<string, Json>;
  for (const key of Object.keys(record)) {
    const action = oneOfAt(record[key], join(path, key), problems, ACTIONS);
    if (action) out[key] = action;
  }
  return out;
}

function messagesAt(value: Json, path: string, problems: Problems): Policy['messages'] {
  const record = objectAt(value, path, MESSAGE_KEYS, problems);
  const out: Policy['messages'] = {};
  if (!record) return out;
  for (const key of MESSAGE_KEYS) {
    if (record[key] === undefined) continue;
    const texts = translationsAt(record[key], join(path, key), problems);
    if (texts) out[key] = texts;
  }
  return out;
}

function auditAt(value: Json, path: string, problems: Problems): AuditSettings {
  const fallback = DEFAULT_POLICY.audit;
  const record = objectAt(value, path, ['endpoint', 'format', 'headers', 'includeAddresses'], problems);
  if (!record) return fallback;
  const audit: AuditSettings = {
    format: fallback.format,
    headers: {},
    includeAddresses: fallback.includeAddresses,
  };
  if (record.endpoint !== undefined) {
    const endpoint = stringAt(record.endpoint, join(path, 'endpoint'), problems, { max: 2048 });
    if (endpoint !== undefined && !endpoint.startsWith('https://'))
      problems.add(join(path, 'endpoint'), 'must be an https:// URL');
    else if (endpoint !== undefined) audit.endpoint = endpoint;
  }
  if (record.format !== undefined)
    audit.format =
      oneOfAt(record.format, join(path, 'format'), problems, ['json', 'json-array', 'splunk-hec'] as const) ??
      audit.format;
  if (record.includeAddresses !== undefined)
    audit.includeAddresses =
      booleanAt(record.includeAddresses, join(path, 'includeAddresses'), problems) ?? false;
  if (record.headers !== undefined)
    audit.headers = headersAt(record.headers, join(path, 'headers'), problems);
  return audit;
}

function headersAt(value: Json, path: string, problems: Problems): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(path, 'must be an object of header name to value');
    return out;
  }
  const record = value as Record<string, Json>;
  for (const key of Object.keys(record)) {
    if (!HTTP_HEADER_NAME.test(key)) {
      problems.add(join(path, key), 'must be an HTTP header name');
      continue;
    }
    const text = stringAt(record[key], join(path, key), problems, { min: 0, max: 2048 });
    if (text !== undefined) out[key] = text;
  }
  return out;
}

/** Checks what the schema cannot say: unique ids and overrides that name existing rules. */
function crossCheck(policy: Policy, problems: Problems): void {
  const reasonIds = new Set<string>();
  policy.justification.reasons.forEach((reason, i) => {
    if (reasonIds.has(reason.id))
      problems.add(`justification.reasons[${i}].id`, `duplicate reason id "${reason.id}"`);
    reasonIds.add(reason.id);
  });
  const ruleIds = new Set<string>();
  policy.rules.forEach((rule, i) => {
    if (ruleIds.has(rule.id)) problems.add(`rules[${i}].id`, `duplicate rule id "${rule.id}"`);
    ruleIds.add(rule.id);
  });
  const overrideIds = new Set<string>();
  policy.overrides.forEach((override, i) => {
    if (overrideIds.has(override.id))
      problems.add(`overrides[${i}].id`, `duplicate override id "${override.id}"`);
    overrideIds.add(override.id);
    override.disableRules.forEach((id, j) => {
      if (!ruleIds.has(id)) problems.add(`overrides[${i}].disableRules[${j}]`, `no rule has the id "${id}"`);
    });
    for (const id of Object.keys(override.actions))
      if (!ruleIds.has(id)) problems.add(`overrides[${i}].actions.${id}`, `no rule has the id "${id}"`);
  });
}

/**
 * Loads a policy document (already parsed from JSON). Absent sections take the built-in
 * defaults; a given `rules` list replaces the default rules. Throws a PolicyError naming the
 * JSON path of the first problem (all problems are in `error.problems`).
 */
export function loadPolicy(json: unknown): Policy {
  const problems = new Problems();
  const root = objectAt(json, '', TOP_LEVEL, problems);
  if (!root) throw new PolicyError(problems.list);
  if (root.$schema !== undefined && typeof root.$schema !== 'string')
    problems.add('$schema', 'must be a string');
  if (root.version !== 1)
    problems.add('version', root.version === undefined ? 'is required (use 1)' : 'must be 1');
  const d = DEFAULT_POLICY;
  const policy: Policy = {
    ...d,
    revision:
      root.revision === undefined
        ? 'unversioned'
        : (stringAt(root.revision, 'revision', problems, { max: 64 }) ?? ''),
    organization:
      root.organization === undefined
        ? d.organization
        : domainSection(root.organization, 'organization', problems, d.organization),
    partners:
      root.partners === undefined
        ? d.partners
        : domainSection(root.partners, 'partners', problems, d.partners),
    entities: root.entities === undefined ? d.entities : entitiesAt(root.entities, 'entities', problems),
    rules:
      root.rules === undefined
        ? d.rules
        : (arrayAt(root.rules, 'rules', problems, POLICY_LIMITS.rules, (v, p) => ruleAt(v, p, problems)) ??
          []),
    encryption:
      root.encryption === undefined ? d.encryption : encryptionAt(root.encryption, 'encryption', problems),
    justification:
      root.justification === undefined
        ? d.justification
        : justificationAt(root.justification, 'justification', problems),
    overrides:
      root.overrides === undefined
        ? []
        : (arrayAt(root.overrides, 'overrides', problems, POLICY_LIMITS.overrides, (v, p) =>
            overrideAt(v, p, problems),
          ) ?? []),
    messages: root.messages === undefined ? {} : messagesAt(root.messages, 'messages', problems),
    audit: root.audit === undefined ? d.audit : auditAt(root.audit, 'audit', problems),
  };
  if (root.name !== undefined) policy.name = stringAt(root.name, 'name', problems, { max: 200 });
  else delete policy.name;
  if (root.distributionLists !== undefined)
    policy.distributionLists =
      oneOfAt(root.distributionLists, 'distributionLists', problems, ['by-domain', 'external'] as const) ??
      d.distributionLists;
  if (root.failMode !== undefined)
    policy.failMode = oneOfAt(root.failMode, 'failMode', problems, ['open', 'closed'] as const) ?? d.failMode;
  crossCheck(policy, problems);
  if (problems.list.length > 0) throw new PolicyError(problems.list);
  return policy;
}

/// <reference types="office-runtime" />
/**
 * Where the edge gets IT's policy: a JSON file at an https URL compiled into the build
 * (`npm run build -- --env policy=https://...`), fetched with an absolute URL (the JavaScript-only
 * runtime has no relative fetch) and a short timeout, cached in OfficeRuntime.storage where Outlook
 * has it (classic Windows) and in memory otherwise. Any failure falls back to the last good copy,
 * then to the built-in DEFAULT_POLICY: a policy problem never blocks mail on its own, and the
 * fallback is reported (as a source, never as content).
 */
import { DEFAULT_POLICY } from '../core/policy/default-policy';
import { loadPolicy } from '../core/policy/load-policy';
import type { Policy } from '../core/policy/policy';

declare const __SENDWARDEN_POLICY_URL__: string | undefined;

/** A fetch at Send must not eat the send budget: 1.2 s, then the cached or built-in policy. */
export const POLICY_FETCH_TIMEOUT_MS = 1200;
/** A cached copy younger than this is used without asking the server again. */
export const POLICY_CACHE_MAX_AGE_MS = 60 * 60 * 1000;
/** OfficeRuntime.storage key; the value is {fetchedAt, json}. */
export const POLICY_STORAGE_KEY = 'sendwarden.policy.v1';

export type PolicyOrigin = 'builtin' | 'fresh' | 'cached' | 'stale-cache' | 'fallback';

export interface LoadedPolicy {
  policy: Policy;
  origin: PolicyOrigin;
}

export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export type FetchLike = (
  url: string,
  init?: Record<string, unknown>,
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface PolicySourceOptions {
  url: string;
  fetch?: FetchLike;
  storage?: KeyValueStorage;
  now?: () => number;
  timeoutMs?: number;
}

interface CachedPolicy {
  fetchedAt: number;
  json: unknown;
}

/** The policy URL compiled in by webpack's DefinePlugin; '' under jest (built-in policy). */
export function configuredPolicyUrl(): string {
  return typeof __SENDWARDEN_POLICY_URL__ === 'string' ? __SENDWARDEN_POLICY_URL__ : '';
}

/** OfficeRuntime.storage when this Outlook has it (classic Windows event runtime). */
export function runtimeStorage(): KeyValueStorage | undefined {
  // Free identifiers behind typeof: there is no globalThis in ES2016 runtimes, and the JavaScript-only
  // runtime has neither window nor self.
  if (typeof OfficeRuntime === 'undefined' || !OfficeRuntime || !OfficeRuntime.storage) return undefined;
  return OfficeRuntime.storage as unknown as KeyValueStorage;
}

export function globalFetch(): FetchLike | undefined {
  if (typeof fetch !== 'function') return undefined;
  return (url, init) => fetch(url, init as RequestInit) as unknown as ReturnType<FetchLike>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('policy fetch timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

let memoryCache: CachedPolicy | undefined;

/** Forgets the in-memory copy (tests; a new item in a reused runtime keeps it on purpose). */
export function resetPolicyMemory(): void {
  memoryCache = undefined;
}

function readCache(storage: KeyValueStorage | undefined): Promise<CachedPolicy | undefined> {
  if (memoryCache) return Promise.resolve(memoryCache);
  if (!storage) return Promise.resolve(undefined);
  return storage.getItem(POLICY_STORAGE_KEY).then(
    (text) => {
      if (!text) return undefined;
      const parsed = JSON.parse(text) as CachedPolicy;
      return typeof parsed.fetchedAt === 'number' ? parsed : undefined;
    },
    () => undefined,
  );
}

function writeCache(storage: KeyValueStorage | undefined, entry: CachedPolicy): void {
  memoryCache = entry;
  if (storage) storage.setItem(POLICY_STORAGE_KEY, JSON.stringify(entry)).catch(() => undefined);
}

function fetchPolicyJson(options: PolicySourceOptions): Promise<unknown> {
  const fetchFn = options.fetch || globalFetch();
  if (!fetchFn) return Promise.reject(new Error('fetch is not available'));
  const request = fetchFn(options.url, { method: 'GET', cache: 'no-store', credentials: 'omit' }).then(
    (response) => {
      if (!response.ok) throw new Error(`policy server answered ${response.status}`);
      return response.text();
    },
  );
  return withTimeout(request, options.timeoutMs ?? POLICY_FETCH_TIMEOUT_MS).then((text) => JSON.parse(text));
}

function validated(json: unknown): Policy | undefined {
  try {
    return loadPolicy(json);
  } catch {
    return undefined;
  }
}

/**
 * The policy to decide with. A fresh cached copy wins without network; otherwise fetch (bounded),
 * falling back to a stale copy, then to DEFAULT_POLICY.
 */
export function loadPolicyFrom(options: PolicySourceOptions): Promise<LoadedPolicy> {
  if (!options.url) return Promise.resolve({ policy: DEFAULT_POLICY, origin: 'builtin' });
  const now = options.now || Date.now;
  return readCache(options.storage)
    .catch(() => undefined)
    .then((cached) => {
      const cachedPolicy = cached ? validated(cached.json) : undefined;
      if (cached && cachedPolicy && now() - cached.fetchedAt < POLICY_CACHE_MAX_AGE_MS) {
        return { policy: cachedPolicy, origin: 'cached' as const };
      }
      return fetchPolicyJson(options)
        .then(
          (json) => {
            const policy = validated(json);
            if (!policy) throw new Error('invalid policy');
            writeCache(options.storage, { fetchedAt: now(), json });
            return { policy, origin: 'fresh' as const };
          },
          (): LoadedPolicy =>
            cachedPolicy
              ? { policy: cachedPolicy, origin: 'stale-cache' }
              : { policy: DEFAULT_POLICY, origin: 'fallback' },
        )
        .catch((): LoadedPolicy =>
          cachedPolicy
            ? { policy: cachedPolicy, origin: 'stale-cache' }
            : { policy: DEFAULT_POLICY, origin: 'fallback' },
        );
    });
}

/** The configured policy for this runtime (build-time URL, runtime storage, global fetch). */
export function loadConfiguredPolicy(): Promise<LoadedPolicy> {
  return loadPolicyFrom({ url: configuredPolicyUrl(), storage: runtimeStorage() });
}

/**
 * The playground plays IT's policy server too. The send handler fetches its policy from the URL
 * compiled into the build (`--env policy=playground/policy.json`, which `npm start` and the
 * end-to-end build use); the page answers that one request from the policy editor, in memory.
 * Every other request goes to the network as usual.
 */

/** The path the development build's policy URL points at (relative to the hosting URL). */
export const PLAYGROUND_POLICY_PATH = 'playground/policy.json';

export interface PolicyServer {
  /** The JSON the next fetch answers with. */
  setPolicyText(text: string): void;
  /** How many times the send handler asked for the policy. */
  readonly requests: number;
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

export function installPolicyServer(initialText: string): PolicyServer {
  let text = initialText;
  let requests = 0;
  const networkFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (new URL(requestUrl(input), window.location.href).pathname.endsWith(`/${PLAYGROUND_POLICY_PATH}`)) {
      requests++;
      return Promise.resolve(
        new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } }),
      );
    }
    return networkFetch(input, init);
  };
  return {
    setPolicyText: (next) => {
      text = next;
    },
    get requests() {
      return requests;
    },
  };
}

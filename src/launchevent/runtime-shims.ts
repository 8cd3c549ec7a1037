/**
 * Classic Outlook builds before 2403 run the handler in an ES2016-era engine. esbuild lowers newer
 * SYNTAX for us, but not newer built-ins, so the few the bundle uses are defined here before any
 * other module runs (launchevent.ts imports this file first). Browsers and newer Outlook builds
 * already have them, and nothing is replaced there. The bundle test deletes them and runs it.
 */
declare let globalThis: Record<string, unknown> | undefined;

// ES2020 globalThis: core code feature-detects TextDecoder through it.
if (typeof globalThis === 'undefined') {
  // The only ES2016 way to reach the global object from strict code; the JavaScript-only runtime
  // has no Content-Security-Policy that would refuse it, and browsers never reach this line.
  const scope = new Function('return this')() as Record<string, unknown>;
  scope.globalThis = scope;
}

// ES2017 String.prototype.padStart: hex formatting in the core.
if (typeof String.prototype.padStart !== 'function') {
  Object.defineProperty(String.prototype, 'padStart', {
    configurable: true,
    writable: true,
    value: function padStart(this: string, targetLength: number, padString?: string): string {
      const text = String(this);
      const pad = padString === undefined ? ' ' : String(padString);
      if (text.length >= targetLength || pad === '') return text;
      let filler = '';
      while (filler.length < targetLength - text.length) filler += pad;
      return filler.slice(0, targetLength - text.length) + text;
    },
  });
}

export {};

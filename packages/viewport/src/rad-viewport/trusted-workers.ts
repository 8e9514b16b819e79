// The elements' workers (Cornerstone's decode workers, the series reader) are started from script
// URLs that only the bundler knows: it rewrites `new Worker(new URL(…, import.meta.url))` where it
// finds it. Each such expression is run once against a stand-in that records the URL and options,
// and the worker is then started from a TrustedScriptURL of our one policy, which a page that
// requires Trusted Types accepts (a page without them gets the plain URL).

/** The Trusted Types policy name a page's `trusted-types` directive must allow (with `lit-html`). */
export const TRUSTED_TYPES_POLICY = 'telerad-elements';

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

/** A worker's script as the bundler wrote it. */
export interface WorkerScript {
  url: string;
  /** As written: a bundler that turned a module worker into a classic script (webpack) says so here. */
  options?: WorkerOptions;
}

/** Script URLs recorded from our own worker expressions: the only ones the policy signs. */
const recorded = new Set<string>();
/** Our policy; null where the page's `trusted-types` directive does not allow it. */
let policy: ScriptUrlPolicy | null | undefined;

/** Creates our policy once per page (a refused one would be refused, and reported, at every worker). */
function ourPolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  try {
    policy =
      (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes?.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL: (requested) => {
          if (!recorded.has(requested)) throw new TypeError('not a worker of the elements');
          return requested;
        },
      }) ?? null;
  } catch {
    // The page's `trusted-types` directive does not allow our policy: the plain URL is all there is.
    policy = null;
  }
  return policy;
}

function trustedScriptUrl(url: string): string {
  return (ourPolicy()?.createScriptURL(url) ?? url) as string;
}

/** A Worker that records its script URL and options and never starts. */
function recordingWorker(record: (script: WorkerScript) => void): typeof Worker {
  return class extends EventTarget {
    constructor(url: string | URL, options?: WorkerOptions) {
      super();
      record({ url: String(url), ...(options ? { options } : {}) });
    }
    postMessage(): void {}
    terminate(): void {}
  } as unknown as typeof Worker;
}

/** Runs `construct` (code that constructs workers) and gives the script of the first, without starting any. */
export function recordWorkerScript(construct: () => unknown): WorkerScript | undefined {
  let script: WorkerScript | undefined;
  const RealWorker = globalThis.Worker;
  globalThis.Worker = recordingWorker((found) => (script ??= found));
  try {
    construct();
  } finally {
    globalThis.Worker = RealWorker;
  }
  if (script) recorded.add(script.url);
  return script;
}

/** Starts a worker from a recorded script, through our Trusted Types policy. */
export function startWorker(script: WorkerScript): Worker {
  return new Worker(trustedScriptUrl(script.url), script.options);
}

// Cornerstone's image loader starts its decode workers with `new Worker(new URL(…))`, which a page
// that requires Trusted Types refuses. Its worker factory is run once against a stand-in that only
// records the script URL (bundlers rewrite that URL, so it cannot be known otherwise); the workers
// are then registered again, started from a TrustedScriptURL of our own policy.

/** The Trusted Types policy name a page's `trusted-types` directive must allow (with `lit-html`). */
export const TRUSTED_TYPES_POLICY = 'telerad-elements';

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): unknown };
}

interface WorkerManager {
  registerWorker(
    name: string,
    create: () => Worker,
    options: { maxWorkerInstances: number; overwrite?: boolean },
  ): void;
}

/** A Worker that records its script URL and options and never starts. */
function recordingWorker(record: (url: string, options?: WorkerOptions) => void): typeof Worker {
  return class extends EventTarget {
    constructor(url: string | URL, options?: WorkerOptions) {
      super();
      record(String(url), options);
    }
    postMessage(): void {}
    terminate(): void {}
  } as unknown as typeof Worker;
}

/**
 * A worker started by its first message. Cornerstone starts every decode worker when they are
 * registered, which is while a series' bytes are arriving: their scripts would be fetched and
 * compiled then, for nothing where the series needs no codec (plain-decode.ts).
 */
function startedWhenUsed(start: () => Worker): Worker {
  let worker: Worker | undefined;
  const endpoint = new EventTarget();
  const forward = (event: Event) =>
    endpoint.dispatchEvent(
      event instanceof MessageEvent ? new MessageEvent(event.type, { data: event.data }) : new Event(event.type),
    );
  return Object.assign(endpoint, {
    postMessage(message: unknown, transfer?: Transferable[]) {
      if (!worker) {
        worker = start();
        for (const type of ['message', 'messageerror', 'error']) worker.addEventListener(type, forward);
      }
      worker.postMessage(message, transfer ?? []);
    },
    terminate: () => worker?.terminate(),
  }) as unknown as Worker;
}

/**
 * Runs `initLoader` (which registers the decode workers) and registers them again so that they start
 * under Trusted Types. Pages without Trusted Types get the same workers.
 */
export function initDecodeWorkers(initLoader: () => void, manager: WorkerManager, workers: number): void {
  let scriptUrl: string | undefined;
  // The options as the bundler wrote them: a bundler that turned the module worker into a classic
  // script (webpack loads its chunks with importScripts) says so here.
  let workerOptions: WorkerOptions | undefined;
  const RealWorker = globalThis.Worker;
  globalThis.Worker = recordingWorker((url, options) => {
    if (scriptUrl) return;
    scriptUrl = url;
    workerOptions = options;
  });
  try {
    initLoader();
  } finally {
    globalThis.Worker = RealWorker;
  }
  if (!scriptUrl) return;
  const url = scriptUrl;
  let policy: { createScriptURL(url: string): unknown } | undefined;
  try {
    policy = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes?.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL: (requested) => {
        if (requested !== url) throw new TypeError('not the decode worker');
        return requested;
      },
    });
  } catch {
    // The page's `trusted-types` directive does not allow our policy: the plain URL is all there is.
    policy = undefined;
  }
  const scriptURL = (policy?.createScriptURL(url) ?? url) as string;
  manager.registerWorker('dicomImageLoader', () => startedWhenUsed(() => new Worker(scriptURL, workerOptions)), {
    maxWorkerInstances: workers,
    overwrite: true,
  });
}

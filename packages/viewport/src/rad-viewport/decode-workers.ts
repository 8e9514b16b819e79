// Cornerstone's image loader starts its decode workers with `new Worker(new URL(…))`, which a page
// that requires Trusted Types refuses: its worker factory is recorded (trusted-workers.ts) and the
// workers registered again, each started through our policy when first used.
import { recordWorkerScript, startWorker } from './trusted-workers.js';

interface WorkerManager {
  registerWorker(
    name: string,
    create: () => Worker,
    options: { maxWorkerInstances: number; overwrite?: boolean },
  ): void;
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
  const script = recordWorkerScript(initLoader);
  if (!script) return;
  manager.registerWorker('dicomImageLoader', () => startedWhenUsed(() => startWorker(script)), {
    maxWorkerInstances: workers,
    overwrite: true,
  });
}

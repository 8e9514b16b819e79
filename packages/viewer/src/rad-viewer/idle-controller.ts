import type { ReactiveController, ReactiveControllerHost } from 'lit';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `expire` after `minutes()` without user activity anywhere on the page (0: never). Owns
 * its listeners and timer: both go on disconnect.
 */
export class IdleController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  #listening = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly minutes: () => number,
    private readonly expire: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.restart();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#listen(false);
  }

  /** Starts counting again (after activity, a changed timeout, or an unlock). */
  restart = (): void => {
    clearTimeout(this.#timer);
    const minutes = this.minutes();
    this.#listen(minutes > 0);
    if (minutes > 0) this.#timer = setTimeout(() => this.#expire(), minutes * 60_000);
  };

  /** Stops counting until `restart` (while locked). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#listen(false);
  }

  #expire(): void {
    this.stop();
    this.expire();
  }

  #listen(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    for (const type of ACTIVITY)
      (on ? window.addEventListener : window.removeEventListener)(type, this.restart, {
        capture: true,
        passive: true,
      } as AddEventListenerOptions);
  }
}

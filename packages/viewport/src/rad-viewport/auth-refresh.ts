/**
 * A fresh token from the host, asked for once per expiry however many frame requests meet the 401
 * (a series loads many at once): those sent before the last refresh only try again; the others
 * wait for the one refresh under way.
 */
export class AuthRefresh {
  #generation = 0;
  #pending?: Promise<void>;
  readonly #ask: () => Promise<void>;

  /** `ask`: asks the host and resolves once it has refreshed (`rad-auth-required`). */
  constructor(ask: () => Promise<void>) {
    this.#ask = ask;
  }

  /** Counts the refreshes: a request remembers it when sent. */
  get generation(): number {
    return this.#generation;
  }

  /** Resolves when a request sent in `sentIn` and refused with 401 may be sent again. */
  after(sentIn: number): Promise<void> {
    if (sentIn < this.#generation) return Promise.resolve();
    this.#pending ??= this.#ask().finally(() => {
      this.#generation++;
      this.#pending = undefined;
    });
    return this.#pending;
  }
}

// Where fhirclient keeps a SMART launch's state. Across the redirect to the authorization server
// and back, only what the code exchange needs (the server's endpoints, the PKCE verifier, the
// client id) waits in sessionStorage, as the protocol requires; once a token response is part of
// the state, the state lives in memory only and its stored copy is removed. No token and no launch
// context is ever written to storage.
import type { fhirclient } from 'fhirclient/lib/types.js';

/** Whether a launch state holds a token (its `tokenResponse` is `{}` until the code is exchanged). */
const hasToken = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  'tokenResponse' in value &&
  Boolean((value.tokenResponse as { access_token?: string } | undefined)?.access_token);

export class SmartStorage implements fhirclient.Storage {
  readonly #memory = new Map<string, unknown>();

  async get(key: string): Promise<unknown> {
    if (this.#memory.has(key)) return this.#memory.get(key);
    const stored = sessionStorage.getItem(key);
    return stored === null ? undefined : JSON.parse(stored);
  }

  async set(key: string, value: unknown): Promise<unknown> {
    if (hasToken(value) || this.#memory.has(key)) {
      this.#memory.set(key, value);
      sessionStorage.removeItem(key);
    } else {
      sessionStorage.setItem(key, JSON.stringify(value));
    }
    return value;
  }

  async unset(key: string): Promise<boolean> {
    const had = this.#memory.delete(key) || sessionStorage.getItem(key) !== null;
    sessionStorage.removeItem(key);
    return had;
  }

  /** Forgets everything of the launch: its state in memory and whatever waited for the redirect. */
  clear(keys: readonly string[]): void {
    this.#memory.clear();
    for (const key of keys) sessionStorage.removeItem(key);
  }
}

/**
 * Supplies credentials for DICOMweb requests. Return a bearer token string, a header map, or null
 * for none. Called before every request, so it may refresh tokens.
 */
export type TokenProvider = () => Promise<string | Record<string, string> | null | undefined>;

/**
 * Decides which requests may carry credentials: only those to allowlisted origins. A token must
 * never leak to another origin, e.g. a BulkDataURI or retrieve URL pointing elsewhere.
 */
export class AuthPolicy {
  readonly #origins: ReadonlySet<string>;
  readonly #tokenProvider?: TokenProvider;

  constructor(allowedOrigins: Iterable<string>, tokenProvider?: TokenProvider) {
    this.#origins = new Set([...allowedOrigins].map((o) => new URL(o).origin));
    this.#tokenProvider = tokenProvider;
  }

  get origins(): string[] {
    return [...this.#origins];
  }

  allows(url: string): boolean {
    try {
      return this.#origins.has(new URL(url, globalThis.location?.href).origin);
    } catch {
      return false;
    }
  }

  /** Headers to attach to a request for `url`: empty for origins outside the allowlist. */
  async headersFor(url: string): Promise<Record<string, string>> {
    if (!this.#tokenProvider || !this.allows(url)) return {};
    const credentials = await this.#tokenProvider();
    if (!credentials) return {};
    return typeof credentials === 'string' ? { Authorization: `Bearer ${credentials}` } : { ...credentials };
  }
}

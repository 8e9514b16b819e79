// Server faults a test injects into the archive, per request: under /__quirks/faults/dicom-web/…,
// a GET whose path contains a rule's `match` fails as the rule says. A test sets the rules with
// PUT /__test/faults (a JSON array; [] heals the archive) and sees them hold for every later request.
//
// Faults (`fault`):
//  - 500, 404   the status, with an empty body
//  - drop       the connection is closed without an answer
//  - stall      no answer for 30 s (then the real one): a client's timeout fires first
//  - expired    401 unless "Authorization: Bearer fresh-token" (a token that expired mid-series)
// A rule with `after: n` lets its first n matching requests through.

/** The token an `expired` rule (and the `auth` quirk) accepts: the host's refreshed one. */
export const FRESH_TOKEN = 'fresh-token';

/** A 401 unless the request carries the fresh token. */
export const refusedUnlessFresh = (headers) => (headers.authorization === `Bearer ${FRESH_TOKEN}` ? undefined : { status: 401, body: '' });
const STALL_MS = 30_000;

/** @type {{ match: string, fault: string, after?: number, seen: number }[]} */
let rules = [];

/** The answer a rule gives to a request, or undefined to let it through. */
export function injectedFault(path, headers) {
  for (const rule of rules) {
    if (!path.includes(rule.match)) continue;
    rule.seen++;
    if (rule.seen <= (rule.after ?? 0)) continue;
    if (rule.fault === 'expired') return refusedUnlessFresh(headers);
    if (rule.fault === 'drop' || rule.fault === 'stall') return { status: 0, fault: rule.fault };
    return { status: Number(rule.fault), body: '' };
  }
  return undefined;
}

/** Carries out a dropped connection or a stall on the Koa context; true when it answered. */
export async function answerAsFault(ctx, answer) {
  if (answer?.fault === 'drop') {
    ctx.req.socket.destroy();
    ctx.respond = false;
    return true;
  }
  if (answer?.fault === 'stall') {
    await new Promise((resolve) => setTimeout(resolve, STALL_MS));
    ctx.status = 504;
    ctx.body = '';
    return true;
  }
  return false;
}

/** Koa middleware: PUT /__test/faults with the rules (JSON array). */
export function faultControlMiddleware() {
  return async (ctx, next) => {
    if (ctx.path !== '/__test/faults' || ctx.method !== 'PUT') return next();
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    rules = JSON.parse(Buffer.concat(chunks).toString() || '[]').map((rule) => ({ ...rule, seen: 0 }));
    ctx.status = 204;
  };
}

// A one-instance archive per fuzz mutant, for the WADO-RS load path: the test PUTs a mutated
// instance (its DICOM JSON metadata and frame 1's bytes, with the transfer syntax the frame is
// labelled with) to /__fuzz/wado/<id>, then points <rad-viewport> at /__fuzz/wado/<id>/dicom-web.
// Series metadata answers the stored JSON as it is, every frame the stored bytes; a series or
// instance retrieval is refused (406), so the viewport asks frame by frame. The last few mutants
// are kept, no more.

const KEPT = 8;
/** @type {Map<string, { metadata: string, frame: Buffer, transferSyntax: string }>} */
const mutants = new Map();

const readBody = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
};

export function fuzzArchiveMiddleware() {
  return async (ctx, next) => {
    const match = /^\/__fuzz\/wado\/([\w-]+)(\/dicom-web\/.*)?$/.exec(ctx.path);
    if (!match) return next();
    const [, id, resource] = match;
    if (ctx.method === 'PUT' && !resource) {
      const { metadata, frame, transferSyntax, name } = JSON.parse((await readBody(ctx.req)).toString());
      // FUZZ_TRACE=1: each mutant named as it is served (a mutant that crashes the page is the last one).
      if (process.env.FUZZ_TRACE) console.error(`fuzz mutant ${id}: ${name}`);
      mutants.set(id, { metadata: JSON.stringify(metadata), frame: Buffer.from(frame, 'base64'), transferSyntax });
      for (const old of [...mutants.keys()].slice(0, Math.max(0, mutants.size - KEPT))) mutants.delete(old);
      ctx.status = 204;
      return;
    }
    const mutant = mutants.get(id);
    if (!mutant || ctx.method !== 'GET' || !resource) return next();
    if (/\/series\/[^/]+\/metadata$/.test(resource)) {
      ctx.type = 'application/dicom+json';
      ctx.body = mutant.metadata;
      return;
    }
    if (/\/frames\/\d+$/.test(resource)) {
      const boundary = 'fuzz-frame';
      ctx.type = `multipart/related; type="application/octet-stream"; boundary=${boundary}`;
      ctx.body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: application/octet-stream; transfer-syntax=${mutant.transferSyntax}\r\n\r\n`),
        mutant.frame,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return;
    }
    ctx.status = 406;
    ctx.body = '';
  };
}

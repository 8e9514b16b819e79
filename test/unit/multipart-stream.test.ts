import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  MultipartError,
  ReadAheadGate,
  readMultipart,
  type MultipartPart,
} from '../../packages/viewport/src/rad-viewport/multipart-stream.js';

const BOUNDARY = 'b0undary-7f3a';
const encoder = new TextEncoder();

/** The pieces one after the other. */
function concat(pieces: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    all.set(piece, offset);
    offset += piece.length;
  }
  return all;
}

const TYPE = 'Content-Type: application/dicom';

/** A multipart/related body of `parts`, as a server writes it; with `lengths`, each part's Content-Length header says that. */
function body(parts: Uint8Array[], lengths?: number[]): Uint8Array {
  const pieces = parts.flatMap((part, i) => [
    encoder.encode(`--${BOUNDARY}\r\n${TYPE}\r\n${lengths ? `Content-Length: ${lengths[i]}\r\n` : ''}\r\n`),
    part,
    encoder.encode('\r\n'),
  ]);
  return concat([...pieces, encoder.encode(`--${BOUNDARY}--\r\n`)]);
}

/** A Response streaming `bytes` cut at `cuts` (the chunks a network hands over). */
function streamed(bytes: Uint8Array, cuts: number[]): Response {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let from = 0;
      for (const to of [...points, bytes.length]) {
        if (to > from) controller.enqueue(bytes.slice(from, to));
        from = to;
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}` },
  });
}

async function partsOf(response: Response): Promise<MultipartPart[]> {
  const parts: MultipartPart[] = [];
  await readMultipart(response, (part) => void parts.push(part));
  return parts;
}

/** Bytes with line breaks, dashes and pieces of the boundary in them: what a naive search trips on. */
const trickyBytes = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(
        encoder.encode('\r\n--'),
        encoder.encode(`\r\n--${BOUNDARY.slice(0, 6)}`),
        encoder.encode('\r\n\r\n'),
      ),
    ),
    { maxLength: 12 },
  )
  .map(concat);

describe('readMultipart', () => {
  it('hands over every part, byte for byte, however the answer is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(trickyBytes, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (parts, cuts) => {
          const read = await partsOf(streamed(body(parts), cuts));
          expect(read.map((p) => [...p.body])).to.deep.equal(parts.map((p) => [...p]));
          expect(read.every((p) => p.headers === 'Content-Type: application/dicom')).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a part of the length its Content-Length gives, however the answer is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(trickyBytes, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (parts, cuts) => {
          const read = await partsOf(
            streamed(
              body(
                parts,
                parts.map((p) => p.length),
              ),
              cuts,
            ),
          );
          expect(read.map((p) => [...p.body])).to.deep.equal(parts.map((p) => [...p]));
          expect(read.map((p) => p.headers.split('\r\n')[0])).to.deep.equal(parts.map(() => TYPE));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a part whose Content-Length is wrong as malformed', async () => {
    const parts = [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([6, 7])];
    for (const lengths of [
      [4, 2],
      [6, 2],
      [5, 1],
    ]) {
      let error: unknown;
      await partsOf(streamed(body(parts, lengths), [3, 50])).catch((e: unknown) => (error = e));
      expect(error, `lengths ${lengths.join(', ')}`).to.be.instanceOf(MultipartError);
    }
  });

  it('rejects an answer cut short or without a boundary as malformed', async () => {
    const whole = body([new Uint8Array([1, 2, 3])]);
    let error: unknown;
    await partsOf(streamed(whole.slice(0, whole.length - 10), [])).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(MultipartError);
    error = undefined;
    await readMultipart(new Response('x', { headers: { 'content-type': 'application/dicom' } }), () => undefined).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(MultipartError);
  });
});

describe('ReadAheadGate', () => {
  /** Whether `promise` has settled after the microtasks queued now have run. */
  const settled = async (promise: Promise<unknown>) => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve));
    return done;
  };

  it('lets parts through up to its bound, then waits until enough is taken', async () => {
    const gate = new ReadAheadGate(100);
    expect(await settled(gate.add(60))).to.be.true;
    expect(await settled(gate.add(40)), 'at the bound').to.be.true;
    const over = gate.add(10);
    expect(await settled(over), 'over the bound').to.be.false;
    gate.taken(5);
    expect(await settled(over), 'still 5 over').to.be.false;
    gate.taken(5);
    expect(await settled(over), 'back at the bound').to.be.true;
  });

  it('stops waiting once its reading stopped', async () => {
    let stopped = false;
    const gate = new ReadAheadGate(10, () => stopped);
    const over = gate.add(20);
    expect(await settled(over)).to.be.false;
    stopped = true;
    gate.open();
    expect(await settled(over)).to.be.true;
  });
});

// The service's request cache: one request for callers that ask at once, an answer reused within
// its time, a caller's abort that does not fail the others, no failure kept, a store forgetting
// what can change.
import { expect } from '@open-wc/testing';
import { DicomWebError } from '@telerad/core';
import { RequestCache } from '../../packages/core/src/dicomweb/request-cache.js';

const use = (signal?: AbortSignal, lasting = false) => ({ signal, url: '/dicom-web', lasting });

describe('RequestCache', () => {
  it('asks once for callers that ask at once, and reuses the answer within its time', async () => {
    let now = 0;
    const cache = new RequestCache(1_000, () => now);
    let asked = 0;
    const request = async () => ++asked;
    expect(await Promise.all([cache.get('k', request, use()), cache.get('k', request, use())])).to.deep.equal([1, 1]);
    now = 999;
    expect(await cache.get('k', request, use())).to.equal(1);
    now = 1_001;
    expect(await cache.get('k', request, use()), 'asked again once old').to.equal(2);
    expect(await cache.get('other', request, use())).to.equal(3);
  });

  it("lets a caller give up without failing the others' shared request", async () => {
    const cache = new RequestCache();
    let resolve!: (value: string) => void;
    const request = () => new Promise<string>((r) => (resolve = r));
    const leaving = new AbortController();
    const gaveUp = cache.get('k', request, use(leaving.signal));
    const staying = cache.get('k', request, use());
    leaving.abort();
    const error = await gaveUp.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DicomWebError);
    expect((error as DicomWebError).kind).to.equal('aborted');
    resolve('answer');
    expect(await staying).to.equal('answer');
    const already = new AbortController();
    already.abort();
    expect(await cache.get('k', request, use(already.signal)).catch((e: DicomWebError) => e.kind)).to.equal('aborted');
  });

  it('keeps no failure: the next caller asks again', async () => {
    const cache = new RequestCache();
    let asked = 0;
    const request = async () => {
      asked++;
      if (asked === 1) throw new DicomWebError('server', 500, '/dicom-web');
      return 'second';
    };
    expect(await cache.get('k', request, use()).catch((e: DicomWebError) => e.kind)).to.equal('server');
    expect(await cache.get('k', request, use())).to.equal('second');
  });

  it('forgets on clear what can change, and keeps what cannot (past its time too)', async () => {
    let now = 0;
    const cache = new RequestCache(1_000, () => now);
    let asked = 0;
    const request = async () => ++asked;
    await cache.get('search', request, use());
    await cache.get('attributes', request, use(undefined, true));
    cache.clear();
    now = 5_000;
    expect(await cache.get('attributes', request, use(undefined, true))).to.equal(2);
    expect(await cache.get('search', request, use())).to.equal(3);
  });
});

// Where a series thumbnail comes from: the server's rendering (WADO-RS /rendered) of its middle
// instance, asked once per series and service (a larger rendering serves a smaller size). A
// series the server cannot render (codecs or photometric interpretations it lacks) stays "No
// preview" instead of being asked again each time a strip or a worklist row is drawn; a series of
// no images is never asked at all.
import { DicomWebError, type DicomWebService } from '@telerad/core';

/** What a thumbnail needs of a DICOMweb service. */
export type ThumbnailService = Pick<DicomWebService, 'searchInstances' | 'retrieveRenderedInstance'>;

export interface ThumbnailRequest {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  size: number;
}

const answers = new WeakMap<ThumbnailService, Map<string, Promise<Blob>>>();
/** Answers kept per service (a few KB each): the oldest are let go past this many. */
const KEPT_ANSWERS = 500;
const isAbort = (error: unknown) => error instanceof DicomWebError && error.kind === 'aborted';

async function render(
  service: ThumbnailService,
  { studyInstanceUID, seriesInstanceUID, size }: ThumbnailRequest,
  signal: AbortSignal,
): Promise<Blob> {
  const instances = await service.searchInstances(studyInstanceUID, seriesInstanceUID, { signal });
  const ordered = instances.sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
  const middle = ordered[Math.floor(ordered.length / 2)];
  if (!middle) throw new DicomWebError('not-found', 0, '', 'series has no instances');
  return service.retrieveRenderedInstance(middle, size, { signal });
}

/**
 * The rendered thumbnail of a series, asked of the server once: later callers share the answer,
 * a failure included. Only an attempt aborted by its caller (scrolled away) is forgotten.
 */
export function renderedThumbnail(
  service: ThumbnailService,
  request: ThumbnailRequest,
  signal: AbortSignal,
): Promise<Blob> {
  const known = answers.get(service) ?? new Map<string, Promise<Blob>>();
  answers.set(service, known);
  const series = `${request.studyInstanceUID}/${request.seriesInstanceUID}/`;
  const key = `${series}${request.size}`;
  // A rendering at least as large serves a smaller thumbnail too (the worklist's and the strip's).
  const larger = [...known.keys()].find((k) => k.startsWith(series) && Number(k.slice(series.length)) >= request.size);
  let answer = known.get(key) ?? (larger ? known.get(larger) : undefined);
  if (!answer) {
    const attempt = render(service, request, signal);
    answer = attempt;
    known.set(key, attempt);
    if (known.size > KEPT_ANSWERS) known.delete(known.keys().next().value as string);
    attempt.catch((error: unknown) => {
      if (isAbort(error) && known.get(key) === attempt) known.delete(key);
    });
  }
  // Another caller's attempt was aborted under this one: ask again for this caller.
  return answer.catch((error: unknown) =>
    isAbort(error) && !signal.aborted ? renderedThumbnail(service, request, signal) : Promise.reject(error),
  );
}

// What a group's worklist asks the clustered archive, timed from Node over the proxy (QIDO-RS as
// <rad-study-browser> sends it): paging through every study (each visited once), a name search
// and a modality + date filter, both matched by the server (checked against the plan).
const STUDY_FIELDS = '00081030,00100021,00201206,00201208,00401003,00080080';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function qido(dicomWebUrl, query) {
  const started = performance.now();
  const response = await fetch(`${dicomWebUrl}/studies?${query}`, { headers: { Accept: 'application/dicom+json' } });
  const studies = response.status === 204 ? [] : await response.json();
  if (!response.ok && response.status !== 204) throw new Error(`QIDO-RS ${query}: HTTP ${response.status}`);
  return { ms: performance.now() - started, studies };
}

const uidOf = (study) => study['0020000D'].Value[0];

/**
 * Pages through all studies `pageSize` at a time (limit + 1, as the worklist asks): each must be
 * visited once. Resolves to the pages, the studies seen, and the time it took.
 */
export async function pageThroughAll(dicomWebUrl, { pageSize, expected }) {
  const seen = new Map();
  const started = performance.now();
  let pages = 0;
  for (let offset = 0; ; offset += pageSize) {
    const { studies } = await qido(dicomWebUrl, `limit=${pageSize + 1}&offset=${offset}&includefield=${STUDY_FIELDS}`);
    pages++;
    for (const study of studies.slice(0, pageSize)) seen.set(uidOf(study), (seen.get(uidOf(study)) ?? 0) + 1);
    if (studies.length <= pageSize) break;
  }
  const twice = [...seen.values()].filter((n) => n > 1).length;
  return {
    pageSize,
    pages,
    studiesVisited: seen.size,
    visitedTwice: twice,
    everyStudyOnce: seen.size === expected && twice === 0,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/**
 * A worklist page (`pageSize` studies) at `samples` offsets spread over the whole list, first to
 * last: the archive's time for a page, p50 and p95 (a QIDO-RS offset costs more the deeper it is).
 */
export async function pageLatency(dicomWebUrl, { pageSize, total, samples = 12 }) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const offset = Math.floor(((total - pageSize) * i) / (samples - 1));
    times.push((await qido(dicomWebUrl, `limit=${pageSize + 1}&offset=${offset}&includefield=${STUDY_FIELDS}`)).ms);
  }
  return {
    pageSize,
    firstPageMs: Math.round(times[0]),
    lastPageMs: Math.round(times.at(-1)),
    p50Ms: Math.round(percentile(times, 50)),
    p95Ms: Math.round(percentile(times, 95)),
  };
}

/** A name search and a modality + date filter: the server's matches against the plan's truth. */
export async function searches(dicomWebUrl, plan) {
  const family = plan.studies[0].patient.name.split('^')[0];
  const byName = await qido(dicomWebUrl, `PatientName=${family}*&limit=1001&includefield=${STUDY_FIELDS}`);
  const nameTruth = plan.studies.filter((s) => s.patient.name.startsWith(`${family}^`)).length;
  const recent = plan.studies.map((s) => s.date).sort().at(-30 * 27) ?? '';
  const filter = `ModalitiesInStudy=CT&StudyDate=${recent}-&includefield=${STUDY_FIELDS}`;
  const byFilter = await qido(dicomWebUrl, filter);
  const filterTruth = plan.studies.filter((s) => s.modality === 'CT' && s.date >= recent).length;
  return {
    nameSearch: { query: `PatientName=${family}*`, ms: Math.round(byName.ms), matched: Math.min(byName.studies.length, 1000), truth: Math.min(nameTruth, 1000) },
    modalityDateFilter: { query: `ModalitiesInStudy=CT&StudyDate=${recent}-`, ms: Math.round(byFilter.ms), matched: byFilter.studies.length, truth: filterTruth },
  };
}

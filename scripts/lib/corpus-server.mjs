// A private Orthanc holding the corpus: system packages checked, corpus built (or reused from
// .cache), Orthanc started on a free port and loaded over STOW-RS.
import { buildCorpus } from '../corpus/build.mjs';
import { loadCorpus } from '../corpus/load.mjs';
import { startOrthanc } from './orthanc.mjs';
import { ensureSystemPackages } from './system-deps.mjs';

export async function startOrthancWithCorpus() {
  ensureSystemPackages();
  const manifest = buildCorpus();
  const orthanc = await startOrthanc();
  try {
    await loadCorpus(orthanc.dicomWebUrl, manifest);
  } catch (error) {
    await orthanc.stop();
    throw error;
  }
  console.log(`Orthanc ${orthanc.url} (pid ${orthanc.pid}) holds the corpus`);
  return { orthanc, manifest };
}

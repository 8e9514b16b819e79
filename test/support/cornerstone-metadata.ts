// What Cornerstone's metadata providers know of an image: for tests that nothing patient-related is left.
import { Enums, metaData } from '@cornerstonejs/core';

/** Every module Cornerstone's metadata providers answer for an image id, as one text. */
export function everythingKnownOf(imageId: string): string {
  const modules = [...Object.values(Enums.MetadataModules), 'patientModule', 'patientStudyModule', 'generalStudyModule', 'instance'];
  return modules.map((type) => JSON.stringify(metaData.get(type, imageId) ?? null)).join(' ');
}

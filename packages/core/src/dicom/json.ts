/** A DICOM JSON data set (PS3.18 F.2): tags as 8 hex digits → { vr, Value | BulkDataURI | InlineBinary }. */
export type DicomJsonDataset = Record<string, DicomJsonElement | undefined>;

export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** A DICOM JSON person name value: up to three component groups. */
export interface DicomJsonPersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Data sets as PS3.18 F.2 shapes them, whatever a server sent: an element that is not an object
 * goes, a `Value` that is not an array goes, and a sequence keeps only the items that are data
 * sets (recursively). Code reading the result may then trust `Value` to be an array.
 */
export function wellFormed(datasets: unknown[]): DicomJsonDataset[] {
  return datasets.filter(isObject).map(
    (dataset) =>
      Object.fromEntries(
        Object.entries(dataset)
          .filter((entry): entry is [string, Record<string, unknown>] => isObject(entry[1]))
          .map(([tag, { Value, ...element }]) => {
            if (!Array.isArray(Value)) return [tag, element];
            return [tag, { ...element, Value: element.vr === 'SQ' ? wellFormed(Value) : Value }];
          }),
      ) as unknown as DicomJsonDataset,
  );
}

export function firstValue(dataset: DicomJsonDataset, tag: string): unknown {
  return dataset[tag]?.Value?.[0];
}

export function stringValue(dataset: DicomJsonDataset, tag: string): string | undefined {
  const value = firstValue(dataset, tag);
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function stringValues(dataset: DicomJsonDataset, tag: string): string[] {
  return (dataset[tag]?.Value ?? [])
    .filter((v) => v !== null && v !== undefined)
    .map((v) => String(v).trim())
    .filter((v) => v !== '');
}

export function numberValue(dataset: DicomJsonDataset, tag: string): number | undefined {
  const value = firstValue(dataset, tag);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function personNameValue(dataset: DicomJsonDataset, tag: string): DicomJsonPersonName | undefined {
  const value = firstValue(dataset, tag);
  if (value === undefined || value === null) return undefined;
  // Some servers send PN as a plain string in the DICOM value encoding ("alpha=ideo=phon").
  if (typeof value === 'string') {
    const [Alphabetic, Ideographic, Phonetic] = value.split('=');
    return { Alphabetic, Ideographic, Phonetic };
  }
  return value as DicomJsonPersonName;
}

/** The items of a sequence (SQ) element. */
export function sequenceItems(dataset: DicomJsonDataset, tag: string): DicomJsonDataset[] {
  return (dataset[tag]?.Value ?? []).filter(
    (item): item is DicomJsonDataset => typeof item === 'object' && item !== null,
  );
}

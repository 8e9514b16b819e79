/**
 * DICOM DA/TM values parsed into ISO-like strings without a time zone, since DICOM dates are local
 * to the acquiring site. Accepts the ACR-NEMA "YYYY.MM.DD" form still found in old files.
 */
export function parseDicomDate(value: string | undefined): string | undefined {
  const match = value && /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${m}-${d}`;
}

/** "HHMMSS.FFFFFF" (components after HH optional, or with ':' separators) → "HH:MM:SS". */
export function parseDicomTime(value: string | undefined): string | undefined {
  const match = value && /^(\d{2}):?(\d{2})?:?(\d{2})?(\.\d{1,6})?$/.exec(value.trim());
  if (!match) return undefined;
  const [, h, m = '00', s = '00'] = match;
  if (Number(h) > 23 || Number(m) > 59 || Number(s) > 60) return undefined;
  return `${h}:${m}:${s}`;
}

/** Combines a parsed date and time into a local Date, or undefined without a date. */
export function toLocalDate(date: string | undefined, time?: string): Date | undefined {
  if (!date) return undefined;
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = (time ?? '00:00:00').split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi, s);
}

/** "YYYY-MM-DD" or a Date → DICOM DA "YYYYMMDD" for queries. */
export function toDicomDate(date: string | Date): string {
  if (typeof date === 'string') return date.replaceAll('-', '');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
}

// Reads the Transfer Syntax UID from the file meta information of a DICOM Part 10 file inside a
// WADO-RS multipart response: independent of any DICOM library under test.
const TRANSFER_SYNTAX_TAG = [0x02, 0x00, 0x10, 0x00, 0x55, 0x49]; // (0002,0010) UI, explicit VR LE

export function transferSyntaxOf(bytes: Uint8Array): string | undefined {
  const preamble = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).indexOf('DICM');
  if (preamble < 0) return undefined;
  for (let i = preamble + 4; i < Math.min(bytes.length, preamble + 4096); i++) {
    if (TRANSFER_SYNTAX_TAG.every((b, k) => bytes[i + k] === b)) {
      const length = bytes[i + 6] | (bytes[i + 7] << 8);
      return new TextDecoder('ascii').decode(bytes.subarray(i + 8, i + 8 + length)).replace(/\0+$/, '').trim();
    }
  }
  return undefined;
}

/** The stored transfer syntax of an instance, asked as-is (transfer-syntax=*) over WADO-RS. */
export async function storedTransferSyntax(studyUid: string, seriesUid: string, sopUid: string): Promise<string | undefined> {
  const response = await fetch(`/dicom-web/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}`, {
    headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
  });
  if (!response.ok) throw new Error(`WADO-RS instance: HTTP ${response.status}`);
  return transferSyntaxOf(new Uint8Array(await response.arrayBuffer()));
}

// What a STOW-RS answer says, and how a refusal's reason is told.
import { expect } from '@open-wc/testing';
import { DicomWebError, dicomReasonText, errorMessage, reasonCode, storeResultOf } from '@telerad/core';

describe('STOW-RS answers', () => {
  it('reads the stored, refused and warned-about instances, with their reasons', () => {
    const sop = (uid: string, reasonTag: string, reason?: number) => ({
      '00081155': { vr: 'UI', Value: [uid] },
      ...(reason === undefined ? {} : { [reasonTag]: { vr: 'US', Value: [reason] } }),
    });
    const answer = {
      '00081198': { vr: 'SQ', Value: [sop('1.1', '00081197', 0xa900)] },
      '00081199': { vr: 'SQ', Value: [sop('1.2', '00081196'), sop('1.3', '00081196', 0xb000)] },
    };
    expect(storeResultOf(answer, '/dicom-web')).to.deep.equal({
      stored: ['1.2', '1.3'],
      failed: ['1.1'],
      failures: [{ sopInstanceUID: '1.1', reason: 0xa900 }],
      warnings: [{ sopInstanceUID: '1.3', reason: 0xb000 }],
    });
    expect(storeResultOf(JSON.stringify(answer), '/dicom-web').stored).to.deep.equal(['1.2', '1.3']);
    expect(() => storeResultOf('<html>', '/dicom-web')).to.throw(DicomWebError);
  });

  it('names the reasons as PS3.4 and PS3.18 do, ranges included', () => {
    const named = [0x0110, 0x0122, 0x0124, 0xa701, 0xa9ff, 0xc123, 0xb000, 0xb006, 0xb007, 0x1234].map(
      (code) => `${reasonCode(code)} ${dicomReasonText(code)}`,
    );
    expect(named).to.deep.equal([
      '0x0110 processing failure',
      '0x0122 SOP class not supported',
      '0x0124 not authorized',
      '0xA701 out of resources',
      '0xA9FF data set does not match its SOP class',
      '0xC123 cannot understand',
      '0xB000 attributes coerced',
      '0xB006 attributes discarded',
      '0xB007 data set does not match its SOP class',
      '0x1234 unknown reason',
    ]);
    const refused = new DicomWebError('http', 409, '/dicom-web/studies/1.2', undefined, 0xa900);
    expect(errorMessage(refused)).to.equal(
      'The image archive refused the request. (HTTP 409, DICOM reason 0xA900: data set does not match its SOP class)',
    );
    expect(refused.withReason(0x0110).reason).to.equal(0x0110);
  });
});

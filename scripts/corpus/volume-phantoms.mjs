// Volume phantoms for reformatting (issue 17): a CT volume of known geometry in patient space, with
// a sphere of known radius and centre and a rod along each axis, drawn where the anatomy is; and
// the same anatomy scanned with a gantry tilt and with one slice gap doubled, which a viewer must
// refuse to reformat rather than show distorted.

const CT = '1.2.840.10008.5.1.4.1.1.2';

/** The anatomy in patient coordinates (LPS, mm): water, a bone sphere, three rods. */
export const VOLUME_ANATOMY = {
  backgroundHu: 0,
  sphere: { centerMm: [6, -4, -30], radiusMm: 12, hu: 1000 },
  // Square rods (half-width `halfMm`) through the volume along x, y and z.
  rods: [
    { axis: 'x', throughMm: [0, 14, -18], halfMm: 1.5, hu: 300 },
    { axis: 'y', throughMm: [-14, 0, -42], halfMm: 1.5, hu: 500 },
    { axis: 'z', throughMm: [14, 10, 0], halfMm: 1.5, hu: 700 },
  ],
};

/** The anatomy's value at a point of patient space. */
function huAt([x, y, z]) {
  const { sphere, rods, backgroundHu } = VOLUME_ANATOMY;
  const [cx, cy, cz] = sphere.centerMm;
  if ((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2 <= sphere.radiusMm ** 2) return sphere.hu;
  const point = { x, y, z };
  for (const rod of rods) {
    const across = ['x', 'y', 'z'].filter((axis) => axis !== rod.axis);
    const inside = across.every((axis) => Math.abs(point[axis] - rod.throughMm['xyz'.indexOf(axis)]) <= rod.halfMm);
    if (inside) return rod.hu;
  }
  return backgroundHu;
}

/**
 * Axial slices of the anatomy: `size`×`size` pixels of `spacing` mm centred on the z axis, slice
 * `i` at z = -i·`gap` (plus `extraGapAfter`'s extra gap after that slice), shifted along y by
 * z·tan(`tiltDegrees`) as a tilted gantry stacks them. Stored as signed 16-bit HU.
 */
export function volumePhantom({ size = 64, spacing = 1, slices = 48, gap = 1.5, tiltDegrees = 0, extraGapAfter } = {}) {
  const first = -((size - 1) / 2) * spacing;
  const tilt = Math.tan((tiltDegrees * Math.PI) / 180);
  const positions = [];
  const instances = [];
  for (let i = 0; i < slices; i++) {
    const z = -i * gap - (extraGapAfter !== undefined && i > extraGapAfter ? gap : 0);
    // DS values hold 16 characters: positions to a ten-thousandth of a mm.
    const origin = [first, first - z * tilt, z].map((v) => Number(v.toFixed(4)));
    positions.push(origin);
    const pixels = new Int16Array(size * size);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) pixels[r * size + c] = huAt([origin[0] + c * spacing, origin[1] + r * spacing, z]);
    instances.push({
      SOPClassUID: CT,
      Modality: 'CT',
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      InstanceNumber: i + 1,
      AcquisitionNumber: 1,
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      ImagePositionPatient: origin,
      SliceLocation: z,
      SliceThickness: gap,
      ...(tiltDegrees ? { GantryDetectorTilt: tiltDegrees } : {}),
      KVP: 120,
      PixelSpacing: [spacing, spacing],
      Rows: size,
      Columns: size,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OW' },
      RescaleIntercept: 0,
      RescaleSlope: 1,
      RescaleType: 'HU',
      WindowCenter: 400,
      WindowWidth: 1500,
    });
  }
  return {
    instances,
    truth: {
      kind: 'volume-phantom',
      anatomy: VOLUME_ANATOMY,
      matrix: [size, size, slices],
      pixelSpacingMm: [spacing, spacing],
      sliceGapMm: gap,
      positionsMm: positions,
      ...(tiltDegrees ? { gantryTiltDegrees: tiltDegrees } : {}),
      ...(extraGapAfter !== undefined ? { unevenAfterSlice: extraGapAfter } : {}),
      reformat: tiltDegrees ? 'refused: gantry tilt' : extraGapAfter !== undefined ? 'refused: uneven spacing' : 'volume',
    },
  };
}

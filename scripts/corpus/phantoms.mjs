// Synthetic phantoms whose ground truth is known exactly. Each generator returns per-instance
// datasets (image attributes and pixels only; patient/study/series identity is added by the
// builder) and the truth that tests check displayed numbers against.

const SOP_CLASS = {
  ct: '1.2.840.10008.5.1.4.1.1.2',
  mr: '1.2.840.10008.5.1.4.1.1.4',
  pet: '1.2.840.10008.5.1.4.1.1.128',
  dxPresentation: '1.2.840.10008.5.1.4.1.1.1.1',
  usMultiframe: '1.2.840.10008.5.1.4.1.1.3.1',
  secondaryCapture: '1.2.840.10008.5.1.4.1.1.7',
};

/** Pixel-centre position in mm from the image centre, for index i of n pixels of size spacing. */
const pixelCentreMm = (i, n, spacing) => (i + 0.5 - n / 2) * spacing;

/**
 * Rasterises circles (or spheres, when `zMm` and a slice position are given) into a slice.
 * Later shapes paint over earlier ones.
 */
function paintSlice(pixels, { rows, cols, spacing, sliceZ }, shapes, toStored) {
  for (let r = 0; r < rows; r++) {
    const y = pixelCentreMm(r, rows, spacing);
    for (let c = 0; c < cols; c++) {
      const x = pixelCentreMm(c, cols, spacing);
      let value;
      for (const s of shapes) {
        if (s.slices && (s.sliceIndex < s.slices[0] || s.sliceIndex > s.slices[1])) continue;
        const dz = s.zMm === undefined ? 0 : sliceZ - s.zMm;
        if ((x - s.xMm) ** 2 + (y - s.yMm) ** 2 + dz ** 2 <= s.radiusMm ** 2) value = s.value;
      }
      if (value !== undefined) pixels[r * cols + c] = toStored(value);
    }
  }
}

function paintSquares(pixels, cols, squares, storedValue) {
  for (const { col, row, half } of squares) {
    for (let r = row - half; r <= row + half; r++) {
      for (let c = col - half; c <= col + half; c++) pixels[r * cols + c] = storedValue;
    }
  }
}

/** Pixel coordinates (column, row; Cornerstone's image space) of a point given in mm from the centre. */
const centreInPixels = (xMm, yMm, rows, cols, spacing) => [cols / 2 + xMm / spacing, rows / 2 + yMm / spacing];

/**
 * The Image Pixel module for native (uncompressed) pixels; bits allocated follow the typed array,
 * bits stored default to all of them, RGB is colour-by-pixel.
 */
export function imagePixel({ pixels, rows, cols, bitsStored, signed = false, photometric = 'MONOCHROME2' }) {
  const bitsAllocated = pixels.BYTES_PER_ELEMENT * 8;
  const stored = bitsStored ?? bitsAllocated;
  const rgb = photometric === 'RGB';
  return {
    Rows: rows,
    Columns: cols,
    SamplesPerPixel: rgb ? 3 : 1,
    PhotometricInterpretation: photometric,
    ...(rgb ? { PlanarConfiguration: 0 } : {}),
    BitsAllocated: bitsAllocated,
    BitsStored: stored,
    HighBit: stored - 1,
    PixelRepresentation: signed ? 1 : 0,
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: bitsAllocated === 8 ? 'OB' : 'OW' },
  };
}

const axial = (z, rows, cols, spacing) => ({
  ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
  ImagePositionPatient: [pixelCentreMm(0, cols, spacing), pixelCentreMm(0, rows, spacing), z],
  SliceLocation: z,
});

/**
 * A water cylinder with four tissue inserts and two high-density markers a known distance apart.
 * `unsignedOffset` stores HU + offset as unsigned 12-bit data (RescaleIntercept = -offset);
 * without it the data are signed 16-bit with intercept 0.
 */
export function ctPhantom({ rows = 512, spacing = 0.625, slices = 100, thickness = 2.5, unsignedOffset } = {}) {
  const cols = rows;
  const fov = rows * spacing;
  const bodyRadius = fov * 0.47;
  const insertRadius = fov * 0.047;
  const insertOffset = fov * 0.2;
  const insertSlices = [Math.round(slices * 0.1), Math.round(slices * 0.9) - 1];
  const regions = [
    { name: 'water', hu: 0, xMm: 0, yMm: 0, radiusMm: bodyRadius },
    { name: 'fat', hu: -100, xMm: -insertOffset, yMm: -insertOffset, radiusMm: insertRadius, slices: insertSlices },
    { name: 'muscle', hu: 50, xMm: insertOffset, yMm: -insertOffset, radiusMm: insertRadius, slices: insertSlices },
    { name: 'bone', hu: 1000, xMm: -insertOffset, yMm: insertOffset, radiusMm: insertRadius, slices: insertSlices },
    { name: 'lung', hu: -800, xMm: insertOffset, yMm: insertOffset, radiusMm: insertRadius, slices: insertSlices },
  ];
  const airHu = -1000;
  const markerHu = 2000;
  const markerDistancePx = Math.round(100 / spacing / 2) * 2;
  const markers = [
    { col: cols / 2 - markerDistancePx / 2, row: rows / 2, half: 1 },
    { col: cols / 2 + markerDistancePx / 2, row: rows / 2, half: 1 },
  ];
  const signed = unsignedOffset === undefined;
  const toStored = signed ? (hu) => hu : (hu) => hu + unsignedOffset;
  const instances = [];
  for (let i = 0; i < slices; i++) {
    const z = -i * thickness;
    const pixels = signed ? new Int16Array(rows * cols) : new Uint16Array(rows * cols);
    pixels.fill(toStored(airHu));
    paintSlice(pixels, { rows, cols, spacing, sliceZ: z }, regions.map((s) => ({ ...s, value: s.hu, sliceIndex: i })), toStored);
    paintSquares(pixels, cols, markers, toStored(markerHu));
    instances.push({
      SOPClassUID: SOP_CLASS.ct,
      Modality: 'CT',
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      InstanceNumber: i + 1,
      AcquisitionNumber: 1,
      ...axial(z, rows, cols, spacing),
      SliceThickness: thickness,
      KVP: 120,
      PixelSpacing: [spacing, spacing],
      ...imagePixel({ pixels, rows, cols, bitsStored: signed ? 16 : 12, signed }),
      RescaleIntercept: signed ? 0 : -unsignedOffset,
      RescaleSlope: 1,
      RescaleType: 'HU',
      WindowCenter: [40, -600],
      WindowWidth: [400, 1500],
      WindowCenterWidthExplanation: ['ABDOMEN', 'LUNG'],
    });
  }
  return {
    instances,
    truth: {
      kind: 'ct-phantom',
      rows,
      columns: cols,
      pixelSpacingMm: [spacing, spacing],
      sliceThicknessMm: thickness,
      slices,
      storage: signed ? 'signed 16-bit, intercept 0' : `unsigned 12-bit, intercept ${-unsignedOffset}`,
      airHu,
      regions: regions.map(({ name, hu, xMm, yMm, radiusMm, slices: range }) => ({
        name,
        hu,
        centerPx: centreInPixels(xMm, yMm, rows, cols, spacing),
        radiusPx: radiusMm / spacing,
        radiusMm,
        slices: range ?? [0, slices - 1],
      })),
      markers: {
        hu: markerHu,
        sizePx: 3,
        centersPx: markers.map(({ col, row }) => [col + 0.5, row + 0.5]),
        distanceMm: markerDistancePx * spacing,
        calibration: 'PixelSpacing',
      },
    },
  };
}

/** An 8-bit rendition of a CT phantom slice set (window 40/400), stored as Secondary Capture. */
export function eightBitFromCt(ct, { center = 40, width = 400 } = {}) {
  const low = center - width / 2;
  const instances = ct.instances.map((ds) => {
    const source = new Int16Array(ds.PixelData[0].byteLength / 2);
    const stored = ds.PixelRepresentation ? new Int16Array(ds.PixelData[0]) : new Uint16Array(ds.PixelData[0]);
    source.set(stored);
    const pixels = new Uint8Array(source.length);
    for (let i = 0; i < source.length; i++) {
      const hu = source[i] * ds.RescaleSlope + ds.RescaleIntercept;
      pixels[i] = Math.max(0, Math.min(255, Math.round(((hu - low) / width) * 255)));
    }
    return {
      SOPClassUID: SOP_CLASS.secondaryCapture,
      Modality: 'OT',
      ImageType: ['DERIVED', 'SECONDARY'],
      PatientOrientation: '',
      ConversionType: 'WSD',
      InstanceNumber: ds.InstanceNumber,
      PixelSpacing: ds.PixelSpacing,
      ...imagePixel({ pixels, rows: ds.Rows, cols: ds.Columns }),
    };
  });
  return { instances, truth: { ...ct.truth, kind: 'ct-phantom-8bit', window: { center, width } } };
}

/** A head-like MR phantom: ellipses of known signal and a spherical lesion. */
export function mrPhantom({ rows = 256, spacing = 0.9375, slices = 24, thickness = 5 } = {}) {
  const cols = rows;
  const lesionSlice = Math.floor(slices / 2);
  const regions = [
    { name: 'grey matter', signal: 600, xMm: 0, yMm: 0, radiusMm: 95 },
    { name: 'white matter', signal: 900, xMm: 0, yMm: 0, radiusMm: 60 },
    { name: 'lesion', signal: 1800, xMm: 25, yMm: -20, radiusMm: 12, zMm: -lesionSlice * thickness },
  ];
  const instances = [];
  for (let i = 0; i < slices; i++) {
    const z = -i * thickness;
    const pixels = new Uint16Array(rows * cols);
    paintSlice(pixels, { rows, cols, spacing, sliceZ: z }, regions.map((s) => ({ ...s, value: s.signal })), (v) => v);
    instances.push({
      SOPClassUID: SOP_CLASS.mr,
      Modality: 'MR',
      ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
      InstanceNumber: i + 1,
      ...axial(z, rows, cols, spacing),
      SliceThickness: thickness,
      ScanningSequence: 'SE',
      SequenceVariant: 'NONE',
      ScanOptions: '',
      MRAcquisitionType: '2D',
      EchoTime: 90,
      EchoTrainLength: 1,
      RepetitionTime: 4000,
      MagneticFieldStrength: 1.5,
      PixelSpacing: [spacing, spacing],
      ...imagePixel({ pixels, rows, cols, bitsStored: 12 }),
      WindowCenter: 900,
      WindowWidth: 1800,
    });
  }
  return {
    instances,
    truth: {
      kind: 'mr-phantom',
      rows,
      columns: cols,
      pixelSpacingMm: [spacing, spacing],
      sliceThicknessMm: thickness,
      slices,
      regions: regions.map(({ name, signal, xMm, yMm, radiusMm }) => ({
        name,
        signal,
        centerPx: centreInPixels(xMm, yMm, rows, cols, spacing),
        radiusMm,
      })),
      lesionSlice,
    },
  };
}

/**
 * A digital radiograph stored MONOCHROME1 (low values display white) with ImagerPixelSpacing only,
 * so measurements are calibrated at the detector plane; two lead markers a known distance apart.
 */
export function dxPhantom({ rows = 1536, cols = 1280, spacing = 0.2 } = {}) {
  const background = 3600; // direct exposure: displays black in MONOCHROME1
  const regions = [
    { name: 'soft tissue', stored: 2200, xMm: 0, yMm: 0, radiusMm: 110 },
    { name: 'bone', stored: 700, xMm: -40, yMm: -30, radiusMm: 18 },
  ];
  const markerStored = 40;
  const markerDistancePx = 250;
  const markers = [
    { col: cols / 2 - markerDistancePx / 2, row: rows / 4, half: 2 },
    { col: cols / 2 + markerDistancePx / 2, row: rows / 4, half: 2 },
  ];
  const pixels = new Uint16Array(rows * cols).fill(background);
  paintSlice(pixels, { rows, cols, spacing }, regions.map((s) => ({ ...s, value: s.stored })), (v) => v);
  paintSquares(pixels, cols, markers, markerStored);
  return {
    instances: [
      {
        SOPClassUID: SOP_CLASS.dxPresentation,
        Modality: 'DX',
        ImageType: ['ORIGINAL', 'PRIMARY'],
        PresentationIntentType: 'FOR PRESENTATION',
        InstanceNumber: 1,
        ViewPosition: 'PA',
        BodyPartExamined: 'CHEST',
        ImageLaterality: 'U',
        AnatomicRegionSequence: [{ CodeValue: 'T-D3000', CodingSchemeDesignator: 'SRT', CodeMeaning: 'Chest' }],
        PixelIntensityRelationship: 'LIN',
        // Higher stored values = more X-ray intensity at the detector (direct exposure is high).
        PixelIntensityRelationshipSign: 1,
        PatientOrientation: ['L', 'F'],
        ImagerPixelSpacing: [spacing, spacing],
        DistanceSourceToDetector: 1800,
        DistanceSourceToPatient: 1650,
        ...imagePixel({ pixels, rows, cols, bitsStored: 12, photometric: 'MONOCHROME1' }),
        RescaleIntercept: 0,
        RescaleSlope: 1,
        RescaleType: 'US',
        // PS3.3 C.8.11.7: a MONOCHROME1 DX for presentation carries the INVERSE shape.
        PresentationLUTShape: 'INVERSE',
        LossyImageCompression: '00',
        BurnedInAnnotation: 'NO',
        DetectorType: 'SCINTILLATOR',
        PositionerType: 'NONE',
        AcquisitionContextSequence: [],
        WindowCenter: 2048,
        WindowWidth: 4096,
      },
    ],
    truth: {
      kind: 'dx-phantom',
      rows,
      columns: cols,
      imagerPixelSpacingMm: [spacing, spacing],
      photometricInterpretation: 'MONOCHROME1',
      backgroundStored: background,
      regions: regions.map(({ name, stored, xMm, yMm, radiusMm }) => ({
        name,
        stored,
        centerPx: centreInPixels(xMm, yMm, rows, cols, spacing),
        radiusMm,
      })),
      markers: {
        stored: markerStored,
        sizePx: 5,
        centersPx: markers.map(({ col, row }) => [col + 0.5, row + 0.5]),
        distanceMm: markerDistancePx * spacing,
        calibration: 'ImagerPixelSpacing (at the detector)',
        estimatedMagnification: 1800 / 1650,
      },
    },
  };
}

/** A multi-frame RGB ultrasound cine: a moving echo, a colour box, and region calibration. */
export function usCine({ rows = 360, cols = 480, frames = 24, frameTimeMs = 40, deltaCm = 0.02 } = {}) {
  const region = { minX: 40, minY: 30, maxX: cols - 41, maxY: rows - 31 };
  const markerDistancePx = 200;
  const markers = [
    { col: cols / 2 - markerDistancePx / 2, row: rows / 2, half: 1 },
    { col: cols / 2 + markerDistancePx / 2, row: rows / 2, half: 1 },
  ];
  const colourBox = { minX: 60, minY: 50, maxX: 119, maxY: 89, rgb: [200, 30, 30] };
  const frameSize = rows * cols * 3;
  const pixels = new Uint8Array(frameSize * frames);
  for (let f = 0; f < frames; f++) {
    const base = f * frameSize;
    const echoX = region.minX + 60 + (f * (region.maxX - region.minX - 120)) / (frames - 1);
    const echoY = rows * 0.7;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const inRegion = c >= region.minX && c <= region.maxX && r >= region.minY && r <= region.maxY;
        let grey = inRegion ? 24 + ((r * 7 + c * 13 + f * 5) % 17) : 0;
        if ((c - echoX) ** 2 + (r - echoY) ** 2 <= 30 ** 2) grey = 180;
        let rgb = [grey, grey, grey];
        if (c >= colourBox.minX && c <= colourBox.maxX && r >= colourBox.minY && r <= colourBox.maxY) rgb = colourBox.rgb;
        pixels.set(rgb, base + (r * cols + c) * 3);
      }
    }
    for (const m of markers) {
      for (let r = m.row - m.half; r <= m.row + m.half; r++) {
        for (let c = m.col - m.half; c <= m.col + m.half; c++) pixels.set([255, 255, 255], base + (r * cols + c) * 3);
      }
    }
  }
  return {
    instances: [
      {
        SOPClassUID: SOP_CLASS.usMultiframe,
        Modality: 'US',
        ImageType: ['ORIGINAL', 'PRIMARY', 'ABDOMINAL'],
        PatientOrientation: '',
        InstanceNumber: 1,
        NumberOfFrames: frames,
        FrameTime: frameTimeMs,
        FrameIncrementPointer: 0x00181063,
        CineRate: Math.round(1000 / frameTimeMs),
        RecommendedDisplayFrameRate: Math.round(1000 / frameTimeMs),
        ...imagePixel({ pixels, rows, cols, photometric: 'RGB' }),
        LossyImageCompression: '00',
        SequenceOfUltrasoundRegions: [
          {
            RegionSpatialFormat: 1,
            RegionDataType: 1,
            RegionFlags: 0,
            RegionLocationMinX0: region.minX,
            RegionLocationMinY0: region.minY,
            RegionLocationMaxX1: region.maxX,
            RegionLocationMaxY1: region.maxY,
            PhysicalUnitsXDirection: 3,
            PhysicalUnitsYDirection: 3,
            PhysicalDeltaX: deltaCm,
            PhysicalDeltaY: deltaCm,
            ReferencePixelX0: 0,
            ReferencePixelY0: 0,
          },
        ],
      },
    ],
    truth: {
      kind: 'us-cine',
      rows,
      columns: cols,
      frames,
      frameTimeMs,
      framesPerSecond: 1000 / frameTimeMs,
      region: { ...region, physicalDeltaMm: deltaCm * 10, units: 'cm' },
      colourBox,
      markers: {
        rgb: [255, 255, 255],
        centersPx: markers.map(({ col, row }) => [col + 0.5, row + 0.5]),
        distanceMm: markerDistancePx * deltaCm * 10,
        calibration: 'SequenceOfUltrasoundRegions',
      },
    },
  };
}

const F18_HALF_LIFE_S = 6586.2;

/**
 * A PET series in Bq/ml with per-slice RescaleSlope and radiopharmaceutical data, so that SUV
 * body weight is computable: a body cylinder of SUV 1 and a hot sphere of SUV 8.
 */
export function petPhantom({ rows = 128, spacing = 4, slices = 40, thickness = 4, weightKg = 75, doseBq = 370e6 } = {}) {
  const cols = rows;
  const injection = { time: '090000.00', seconds: 9 * 3600 };
  const scanSeconds = 10 * 3600;
  const decayedDose = doseBq * 2 ** (-(scanSeconds - injection.seconds) / F18_HALF_LIFE_S);
  const suvToBqml = (suv) => (suv * decayedDose) / (weightKg * 1000);
  const hotSlice = Math.floor(slices / 2);
  const regions = [
    { name: 'background', suv: 1, xMm: 0, yMm: 0, radiusMm: 150 },
    { name: 'hot lesion', suv: 8, xMm: -40, yMm: 20, radiusMm: 15, zMm: -hotSlice * thickness },
  ];
  const instances = [];
  const slopes = [];
  for (let i = 0; i < slices; i++) {
    const z = -i * thickness;
    const concentration = new Float64Array(rows * cols);
    paintSlice(concentration, { rows, cols, spacing, sliceZ: z }, regions.map((s) => ({ ...s, value: suvToBqml(s.suv) })), (v) => v);
    const max = concentration.reduce((a, b) => Math.max(a, b), 0);
    const slope = max / 32000;
    slopes.push(slope);
    const pixels = new Uint16Array(rows * cols);
    for (let p = 0; p < pixels.length; p++) pixels[p] = Math.round(concentration[p] / slope);
    instances.push({
      SOPClassUID: SOP_CLASS.pet,
      Modality: 'PT',
      ImageType: ['ORIGINAL', 'PRIMARY'],
      InstanceNumber: i + 1,
      ImageIndex: i + 1,
      ...axial(z, rows, cols, spacing),
      SliceThickness: thickness,
      PixelSpacing: [spacing, spacing],
      ...imagePixel({ pixels, rows, cols }),
      RescaleIntercept: 0,
      RescaleSlope: Number(slope.toPrecision(10)),
      Units: 'BQML',
      SeriesType: ['WHOLE BODY', 'IMAGE'],
      CorrectedImage: ['ATTN', 'DECY'],
      CountsSource: 'EMISSION',
      CollimatorType: 'NONE',
      PatientOrientationCodeSequence: [{ CodeValue: 'F-10450', CodingSchemeDesignator: 'SRT', CodeMeaning: 'recumbent' }],
      PatientGantryRelationshipCodeSequence: [{ CodeValue: 'F-10470', CodingSchemeDesignator: 'SRT', CodeMeaning: 'headfirst' }],
      DecayCorrection: 'START',
      // Each slice is reconstructed from the frame that starts at the decay reference time.
      DecayFactor: 1,
      NumberOfSlices: slices,
      AcquisitionTime: '100000.00',
      SeriesTime: '100000.00',
      FrameReferenceTime: 0,
      ActualFrameDuration: 180000,
      PatientWeight: weightKg,
      // Height as PET sites record it (m): the lean-body-mass and body-surface-area SUV need it.
      PatientSize: 1.72,
      RadiopharmaceuticalInformationSequence: [
        {
          Radiopharmaceutical: 'Fluorodeoxyglucose',
          RadiopharmaceuticalStartTime: injection.time,
          RadionuclideTotalDose: doseBq,
          RadionuclideHalfLife: F18_HALF_LIFE_S,
          RadionuclidePositronFraction: 0.9673,
          RadionuclideCodeSequence: [{ CodeValue: 'C-111A1', CodingSchemeDesignator: 'SRT', CodeMeaning: '^18^Fluorine' }],
        },
      ],
    });
  }
  return {
    instances,
    truth: {
      kind: 'pet-phantom',
      rows,
      columns: cols,
      pixelSpacingMm: [spacing, spacing],
      slices,
      units: 'BQML',
      patientWeightKg: weightKg,
      injectedDoseBq: doseBq,
      halfLifeS: F18_HALF_LIFE_S,
      injectionToScanS: scanSeconds - injection.seconds,
      decayedDoseBq: decayedDose,
      hotSlice,
      regions: regions.map(({ name, suv, xMm, yMm, radiusMm }) => ({
        name,
        suvBw: suv,
        bqPerMl: suvToBqml(suv),
        centerPx: centreInPixels(xMm, yMm, rows, cols, spacing),
        radiusMm,
      })),
      maxRescaleSlope: Math.max(...slopes),
      perSliceRescaleSlope: true,
    },
  };
}

/**
 * A PALETTE COLOR secondary capture: four quadrants of indices 0, 85, 170 and 255 through 16-bit
 * lookup tables (red rises with the index, green falls, blue is constant), for colour lookup tests.
 */
export function paletteQuadrants({ size = 64 } = {}) {
  const indices = [0, 85, 170, 255];
  const pixels = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) pixels[r * size + c] = indices[(r < size / 2 ? 0 : 2) + (c < size / 2 ? 0 : 1)];
  }
  const table = (f) => new Uint16Array(Array.from({ length: 256 }, (_, i) => f(i) * 257)).buffer;
  const lut = { red: (i) => i, green: (i) => 255 - i, blue: () => 128 };
  return {
    instances: [
      {
        SOPClassUID: SOP_CLASS.secondaryCapture,
        Modality: 'OT',
        ConversionType: 'WSD',
        PatientOrientation: '',
        InstanceNumber: 1,
        ...imagePixel({ pixels, rows: size, cols: size, photometric: 'PALETTE COLOR' }),
        RedPaletteColorLookupTableDescriptor: [256, 0, 16],
        GreenPaletteColorLookupTableDescriptor: [256, 0, 16],
        BluePaletteColorLookupTableDescriptor: [256, 0, 16],
        RedPaletteColorLookupTableData: table(lut.red),
        GreenPaletteColorLookupTableData: table(lut.green),
        BluePaletteColorLookupTableData: table(lut.blue),
      },
    ],
    truth: {
      kind: 'palette-quadrants',
      quadrants: indices.map((index, q) => ({
        index,
        centerPx: [(q % 2 ? 0.75 : 0.25) * size, (q < 2 ? 0.25 : 0.75) * size],
        rgb: [lut.red(index), lut.green(index), lut.blue(index)],
      })),
    },
  };
}

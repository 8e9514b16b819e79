// Measurements as a DICOM SR Imaging Measurement Report (TID 1500, Comprehensive 3D SR): each
// measurement a Measurement Group (TID 1501) with its NUM values (UCUM units) inferred from a
// SCOORD on the referenced image, or for a reformat a SCOORD3D in the frame of reference (its
// plane in the tracking identifier), which is what lets the viewport draw it again.
import {
  DicomWebError,
  newUid,
  stringValue,
  studyIdentityOf,
  writePart10,
  containerItem,
  contentItem,
  englishContent,
  srCode as code,
  srDocumentHeader,
  textItem,
  type NaturalizedDataset,
  type SrCode as Code,
} from '@telerad/core';
import type { MeasuredValue, MeasurementInput, MeasurementTool, RadMeasurement } from './measurements.js';
import type { StackFrame } from './series-stack.js';

const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
/** Comprehensive 3D SR: the SOP class whose content may hold SCOORD3D (a reformat's measurements). */
const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';
/** Tracking identifiers carry the tool, so a reader knows how to draw the measurement. */
const TRACKING_PREFIX = 'telerad:';

const CONCEPTS = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  procedure: code('121058', 'DCM', 'Procedure reported'),
  imagingProcedure: code('363679005', 'SCT', 'Imaging procedure'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  measurements: code('126010', 'DCM', 'Imaging Measurements'),
  group: code('125007', 'DCM', 'Measurement Group'),
  trackingId: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  annotation: code('121106', 'DCM', 'Comment'),
} as const;

const VALUE_CONCEPTS: Record<MeasuredValue['name'], Code> = {
  length: code('410668003', 'SCT', 'Length'),
  angle: code('1483009', 'SCT', 'Angle'),
  'long-axis': code('103339001', 'SCT', 'Long Axis'),
  'short-axis': code('103340004', 'SCT', 'Short Axis'),
  area: code('42798000', 'SCT', 'Area'),
  mean: code('373098007', 'SCT', 'Mean'),
  stdDev: code('386136009', 'SCT', 'Standard Deviation'),
  min: code('255605001', 'SCT', 'Minimum'),
  max: code('56851009', 'SCT', 'Maximum'),
  peak: code('126031', 'DCM', 'Peak Value Within ROI'),
  value: code('246205007', 'SCT', 'Quantity'),
};

const UNITS: Record<string, Code> = {
  mm: code('mm', 'UCUM', 'millimeter'),
  'mm²': code('mm2', 'UCUM', 'square millimeter'),
  px: code('{pixel}', 'UCUM', 'pixel'),
  'px²': code('{pixel}2', 'UCUM', 'square pixel'),
  '°': code('deg', 'UCUM', 'degree'),
  HU: code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
  SUVbw: code('{SUVbw}g/ml', 'UCUM', 'Standardized Uptake Value body weight'),
};
const unitCode = (unit: string) => UNITS[unit] ?? code('1', 'UCUM', unit || 'no units');

/** SCOORD graphic type per tool, and the order its points are stored in. */
const GRAPHIC: Record<
  MeasurementTool,
  { type: string; toGraphic?: (h: number[][]) => number[][]; fromGraphic?: (g: number[][]) => number[][] }
> = {
  Length: { type: 'POLYLINE' },
  Angle: { type: 'POLYLINE' },
  CobbAngle: { type: 'MULTIPOINT' },
  Bidirectional: { type: 'MULTIPOINT' },
  EllipticalROI: { type: 'ELLIPSE' },
  CircleROI: { type: 'CIRCLE' },
  // Cornerstone's corners (top-left, top-right, bottom-left, bottom-right) as a closed polygon.
  RectangleROI: {
    type: 'POLYGON',
    toGraphic: ([a, b, c, d]) => [a, b, d, c, a],
    fromGraphic: ([a, b, d, c]) => [a, b, c, d],
  },
  Probe: { type: 'POINT' },
  ArrowAnnotate: { type: 'POLYLINE' },
};

/** Where the measured images come from, and how to name the document. */
export interface ReportContext {
  /** Patient and study attributes (naturalized), as `studyIdentityOf` gives them. */
  identity: NaturalizedDataset;
  /** SOP Class UID of each referenced instance. */
  sopClassOf: (sopInstanceUID: string) => string;
  seriesOf: (sopInstanceUID: string) => string;
  /** The series' Frame of Reference UID, which a reformat's SCOORD3D points are in. */
  frameOfReferenceUID: string;
  newUid: () => string;
  now: Date;
}

function imageReference(m: Pick<RadMeasurement, 'sopInstanceUID' | 'frame'>, context: ReportContext) {
  return {
    ReferencedSOPClassUID: context.sopClassOf(m.sopInstanceUID),
    ReferencedSOPInstanceUID: m.sopInstanceUID,
    ...(m.frame > 1 ? { ReferencedFrameNumber: m.frame } : {}),
  };
}

/** The SCOORD on the referenced image a measurement was drawn on. */
function imageCoordinates(m: RadMeasurement, context: ReportContext) {
  const graphic = GRAPHIC[m.tool];
  // SCOORD: (0,0) is the top-left corner of the image, so a pixel centre is at +0.5.
  const points = (graphic.toGraphic?.(m.handles) ?? m.handles).flatMap(([x, y]) => [x + 0.5, y + 0.5]);
  const image = {
    RelationshipType: 'SELECTED FROM',
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [imageReference(m, context)],
  };
  return {
    RelationshipType: 'INFERRED FROM',
    ValueType: 'SCOORD',
    GraphicType: graphic.type,
    GraphicData: points,
    ContentSequence: [image],
  };
}

/** The SCOORD3D of a reformat's measurement: its points in patient space (LPS, mm). */
function patientCoordinates(points: number[][], m: RadMeasurement, context: ReportContext) {
  const graphic = GRAPHIC[m.tool];
  // SCOORD3D has no CIRCLE: a circle's centre and a point of its edge, as a MULTIPOINT.
  const type = graphic.type === 'CIRCLE' ? 'MULTIPOINT' : graphic.type;
  return {
    RelationshipType: 'INFERRED FROM',
    ValueType: 'SCOORD3D',
    GraphicType: type,
    GraphicData: (graphic.toGraphic?.(points) ?? points).flat(),
    ReferencedFrameOfReferenceUID: context.frameOfReferenceUID,
  };
}

/** TID 1501 Measurement Group: the tool in its tracking identifier, each value inferred from the SCOORD drawn. */
function measurementGroup(m: RadMeasurement, context: ReportContext) {
  const scoord = m.points && m.view ? patientCoordinates(m.points, m, context) : imageCoordinates(m, context);
  const tracking = `${TRACKING_PREFIX}${m.tool}${m.points && m.view ? `@${m.view}` : ''}`;
  const values = m.values.map((v) =>
    contentItem('CONTAINS', 'NUM', VALUE_CONCEPTS[v.name], {
      MeasuredValueSequence: [
        { MeasurementUnitsCodeSequence: [unitCode(v.unit)], NumericValue: Number(v.value.toPrecision(12)) },
      ],
      ContentSequence: [scoord],
    }),
  );
  // A measurement without numbers (an arrow) still carries its geometry, as a comment.
  const comment = { ...textItem('CONTAINS', CONCEPTS.annotation, m.text ?? ''), ContentSequence: [scoord] };
  return containerItem(
    CONCEPTS.group,
    [
      textItem('HAS OBS CONTEXT', CONCEPTS.trackingId, tracking),
      contentItem('HAS OBS CONTEXT', 'UIDREF', CONCEPTS.trackingUid, { UID: context.newUid() }),
      ...(values.length ? values : [comment]),
    ],
    { ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1501' }] },
  );
}

/** TID 1600 Image Library: the images measured, in one group. */
function imageLibrary(instances: readonly RadMeasurement[], context: ReportContext) {
  const images = instances.map((m) => ({
    RelationshipType: 'CONTAINS',
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [imageReference(m, context)],
  }));
  return containerItem(CONCEPTS.imageLibrary, [containerItem(CONCEPTS.imageLibraryGroup, images)]);
}

/** The naturalized (dcmjs) data set of a TID 1500 report of `measurements`. */
export function measurementReportDataset(
  measurements: readonly RadMeasurement[],
  context: ReportContext,
): Record<string, unknown> {
  const instances = [...new Map(measurements.map((m) => [m.sopInstanceUID, m])).values()];
  const evidence = instances.map(({ sopInstanceUID }) => ({
    seriesInstanceUID: context.seriesOf(sopInstanceUID),
    sopClassUID: context.sopClassOf(sopInstanceUID),
    sopInstanceUID,
  }));
  return {
    ...srDocumentHeader({
      sopClassUID: measurements.some((m) => m.points) ? COMPREHENSIVE_3D_SR : COMPREHENSIVE_SR,
      sopInstanceUID: context.newUid(),
      identity: context.identity,
      seriesInstanceUID: context.newUid(),
      seriesNumber: 901,
      seriesDescription: 'Measurements',
      createdAt: context.now,
      flags: { CompletionFlag: 'COMPLETE', VerificationFlag: 'UNVERIFIED' },
      title: CONCEPTS.report,
      evidence,
    }),
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [
      englishContent(),
      contentItem('HAS CONCEPT MOD', 'CODE', CONCEPTS.procedure, { ConceptCodeSequence: [CONCEPTS.imagingProcedure] }),
      imageLibrary(instances, context),
      containerItem(
        CONCEPTS.measurements,
        measurements.map((m) => measurementGroup(m, context)),
      ),
    ],
  };
}

interface ContentItem {
  ValueType?: string;
  ConceptNameCodeSequence?: Code | Code[];
  TextValue?: string;
  GraphicType?: string;
  GraphicData?: number[];
  ReferencedFrameOfReferenceUID?: string;
  ReferencedSOPSequence?:
    | { ReferencedSOPInstanceUID: string; ReferencedFrameNumber?: number }
    | { ReferencedSOPInstanceUID: string; ReferencedFrameNumber?: number }[];
  ContentSequence?: ContentItem | ContentItem[];
}

/** dcmjs naturalizes one-item sequences to either an object or an array: always an array. */
const items = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const conceptOf = (item: ContentItem) => items(item.ConceptNameCodeSequence)[0]?.CodeValue;

/** A SCOORD's points in image coordinates, or a SCOORD3D's in patient coordinates, in the tool's order. */
function pointsOf(tool: MeasurementTool, scoord: ContentItem): number[][] {
  const data = scoord.GraphicData ?? [];
  const size = scoord.ValueType === 'SCOORD3D' ? 3 : 2;
  const points: number[][] = [];
  for (let i = 0; i + size <= data.length; i += size) points.push(data.slice(i, i + size));
  const ordered = GRAPHIC[tool].fromGraphic?.(points) ?? points;
  // SCOORD: (0,0) is the top-left corner of the image, so a pixel centre is at +0.5.
  return size === 3 ? ordered : ordered.map(([x, y]) => [x - 0.5, y - 0.5]);
}

/** A Measurement Group's tool and, for a reformat, its plane ("telerad:Length@coronal"). */
function trackedTool(content: readonly ContentItem[]): { tool?: MeasurementTool; view?: RadMeasurement['view'] } {
  const tracking = content.find((i) => conceptOf(i) === CONCEPTS.trackingId.CodeValue)?.TextValue ?? '';
  if (!tracking.startsWith(TRACKING_PREFIX)) return {};
  const [tool, view] = tracking.slice(TRACKING_PREFIX.length).split('@');
  const planes = ['axial', 'coronal', 'sagittal'];
  return {
    ...(tool in GRAPHIC ? { tool: tool as MeasurementTool } : {}),
    ...(planes.includes(view) ? { view: view as RadMeasurement['view'] } : {}),
  };
}

/** The measurements of a TID 1500 report written by `measurementReportDataset` (tool and geometry). */
export function measurementsFromReport(dataset: ContentItem): MeasurementInput[] {
  const container = items(dataset.ContentSequence).find((i) => conceptOf(i) === CONCEPTS.measurements.CodeValue);
  return items(container?.ContentSequence)
    .filter((group) => conceptOf(group) === CONCEPTS.group.CodeValue)
    .flatMap((group): MeasurementInput[] => {
      const content = items(group.ContentSequence);
      const { tool, view } = trackedTool(content);
      const carrier = content.find(
        (i) => i.ValueType === 'NUM' || (i.ValueType === 'TEXT' && conceptOf(i) === CONCEPTS.annotation.CodeValue),
      );
      const scoord = items(carrier?.ContentSequence).find(
        (i) => i.ValueType === 'SCOORD' || i.ValueType === 'SCOORD3D',
      );
      const image = items(items(scoord?.ContentSequence)[0]?.ReferencedSOPSequence)[0];
      if (!tool || !scoord?.GraphicData || (scoord.ValueType === 'SCOORD' ? !image : !view)) return [];
      const points = pointsOf(tool, scoord);
      const text = carrier?.ValueType === 'TEXT' && carrier.TextValue ? { text: carrier.TextValue } : {};
      if (scoord.ValueType === 'SCOORD3D')
        return [{ tool, view, handles: [], points: points as [number, number, number][], sopInstanceUID: '', ...text }];
      const handles = points.map(([x, y]) => [x, y] as [number, number]);
      const frame = image.ReferencedFrameNumber ?? 1;
      return [{ tool, handles, sopInstanceUID: image.ReferencedSOPInstanceUID, frame, ...text }];
    });
}

/**
 * The measurements on a series' frames as a TID 1500 report, a Part 10 file ready for STOW-RS.
 * The study's identity comes from the first frame's attributes.
 */
export async function measurementReportFile(
  measurements: readonly RadMeasurement[],
  frames: readonly StackFrame[],
  studyUid: string,
  seriesUid: string,
): Promise<ArrayBuffer> {
  const first = frames[0]?.metadata;
  if (!first) throw new DicomWebError('not-configured', 0, '', 'no series loaded');
  const identity = { ...(await studyIdentityOf(first)), StudyInstanceUID: stringValue(first, '0020000D') ?? studyUid };
  const sopClassOf = (uid: string) =>
    stringValue(frames.find((f) => f.sopInstanceUID === uid)?.metadata ?? {}, '00080016') ?? '';
  const frameOfReferenceUID = stringValue(first, '00200052') ?? '';
  const context = { identity, sopClassOf, seriesOf: () => seriesUid, frameOfReferenceUID, newUid, now: new Date() };
  return writePart10(measurementReportDataset(measurements, context));
}

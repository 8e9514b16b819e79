// An independent reference renderer for the display tests: real DICOM files the corpus does not
// contain (pydicom's test files, from Debian), and DCMTK's rendering of each (dcm2pnm) with the
// window a viewer shows first: the file's first window where it has one, else the pixel data's
// minimum to maximum. test/viewport/reference-renderer.test.ts compares <rad-viewport> to it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYDICOM } from '../corpus/plan.mjs';

/** Single-frame images of every kind the elements show, none of them in the corpus. */
export const REFERENCE_FILES = [
  '693_J2KI.dcm', // CT, JPEG 2000, window from the file
  'J2K_pixelrep_mismatch.dcm', // CT, JPEG 2000 lossless, signedness differing from the codestream
  'JPEG-lossy.dcm', // 12-bit JPEG extended
  'MR_small_padded.dcm', // trailing padding
  'MR_small_expb.dcm', // big endian
  'liver_1frame.dcm', // 1 bit per pixel
  'rtdose_1frame.dcm', // 32-bit dose grid, implicit VR
  'rtdose_expb_1frame.dcm', // the same, big endian
  'rtdose_rle_1frame.dcm', // the same, RLE
  'ExplVR_BigEnd.dcm', // RGB, big endian
  'SC_jpeg_no_color_transform.dcm', // RGB JPEG without colour transform
  'SC_rgb_dcmtk_+eb+cr.dcm', // RGB JPEG baseline
  'SC_rgb_dcmtk_+eb+cy+n1.dcm', // YBR_FULL JPEG baseline
  'SC_rgb_gdcm_KY.dcm', // RGB JPEG 2000
  'SC_rgb_jpeg_gdcm.dcm', // RGB JPEG lossless
  'SC_rgb_rle_16bit.dcm', // 16-bit RGB RLE
  'GDCMJ2K_TextGBR.dcm', // YBR_RCT JPEG 2000 lossless
];

/**
 * Files rendered from another that holds the same data set: DCMTK reads 32-bit big endian pixel
 * values 16 bits at a time (its rendering differs from the same dose grid in little endian).
 */
const RENDERED_FROM = { 'rtdose_expb_1frame.dcm': 'rtdose_1frame.dcm' };

/** A binary PNM (P5 grey, P6 colour; 8 bits) as width, height, channels and samples. */
function readPnm(bytes) {
  const header = [];
  let at = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at]))) at++;
    if (bytes[at] === 0x23) {
      while (bytes[at] !== 0x0a) at++;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(bytes[at]))) token += String.fromCharCode(bytes[at++]);
    header.push(token);
  }
  const [magic, width, height, max] = header;
  if (!['P5', 'P6'].includes(magic) || Number(max) !== 255) throw new Error(`unexpected PNM ${magic} ${max}`);
  return { width: Number(width), height: Number(height), channels: magic === 'P6' ? 3 : 1, samples: bytes.subarray(at + 1) };
}

const run = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

/** DCMTK's rendering of a reference file (JPEG 2000 decoded by GDCM first: DCMTK has no codec for it), and the window it used. */
function render(name) {
  let file = join(PYDICOM, name);
  const dump = run('dcmdump', ['-q', '+P', '0002,0010', '+P', '0028,1050', file]);
  const window = dump.includes('(0028,1050)') ? 'file' : 'minmax';
  const dir = mkdtempSync(join(tmpdir(), 'telerad-reference-'));
  try {
    if (/JPEG2000/.test(dump)) {
      run('gdcmconv', ['--raw', file, join(dir, 'raw.dcm')]);
      file = join(dir, 'raw.dcm');
    }
    const out = join(dir, 'image.pnm');
    // +Wi 1: the first VOI window of the file; +Wm: the minimum and maximum of the pixel data.
    run('dcmj2pnm', ['--write-raw-pnm', ...(window === 'file' ? ['+Wi', '1'] : ['+Wm']), file, out]);
    const { samples, ...image } = readPnm(readFileSync(out));
    return { ...image, window, samples: Buffer.from(samples).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `/__reference/files`, `/__reference/file/<name>` and `/__reference/rendering/<name>`. */
export function referenceRendererMiddleware() {
  const renderings = new Map();
  return async (ctx, next) => {
    const match = /^\/__reference\/(files|file|rendering)(?:\/([^/]+))?$/.exec(ctx.path);
    if (!match) return next();
    const [, what, name] = match;
    if (what === 'files') {
      ctx.type = 'application/json';
      ctx.body = REFERENCE_FILES;
      return;
    }
    if (!REFERENCE_FILES.includes(name)) {
      ctx.status = 404;
      return;
    }
    if (what === 'file') {
      ctx.type = 'application/dicom';
      ctx.body = readFileSync(join(PYDICOM, name));
      return;
    }
    if (!renderings.has(name)) renderings.set(name, render(RENDERED_FROM[name] ?? name));
    ctx.type = 'application/json';
    ctx.body = renderings.get(name);
  };
}

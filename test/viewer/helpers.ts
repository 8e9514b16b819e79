// What the viewer's tests share: a <rad-viewer> on the corpus archive.
import type { RadViewer } from '@telerad/viewer';
import '@telerad/viewer/rad-viewer.js';
import { CODEC_BASE_PATH } from '../viewport/helpers.js';

/** A viewer on the corpus archive with `properties` and `attributes` set, not yet in the page. */
export function viewerElement(properties: Partial<RadViewer> = {}, attributes: Record<string, string> = {}): RadViewer {
  const el = document.createElement('rad-viewer');
  el.url = '/dicom-web';
  el.codecBasePath = CODEC_BASE_PATH;
  el.style.cssText = '--rad-viewer-height: 420px; width: 1200px';
  Object.assign(el, properties);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

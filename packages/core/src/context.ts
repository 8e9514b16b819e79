import { createContext } from '@lit/context';
import type { DicomWebService } from './dicomweb/dicomweb-service.js';

/** The DICOMweb service shared with every descendant element (provided by `<rad-dicomweb>`). */
export const dicomWebContext = createContext<DicomWebService | undefined>(Symbol.for('telerad.dicomweb-service'));

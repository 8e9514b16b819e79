import { ContextEvent, createContext } from '@lit/context';
import type { DicomWebService } from './dicomweb/dicomweb-service.js';

/** The DICOMweb service shared with every descendant element (provided by `<rad-dicomweb>`). */
export const dicomWebContext = createContext<DicomWebService | undefined>(Symbol.for('telerad.dicomweb-service'));

/**
 * Asks the enclosing provider for the DICOMweb service again, subscribing to its changes. A
 * `<rad-dicomweb>` defined (upgraded) after an element connected never heard that element's first
 * request: @lit/context replays requests to late providers only through a ContextRoot, which is a
 * document-wide listener. Returns the unsubscribe (a no-op when nothing answered).
 */
export function requestDicomWebAgain(
  element: Element,
  receive: (service: DicomWebService | undefined) => void,
): () => void {
  let unsubscribe = () => {};
  element.dispatchEvent(
    new ContextEvent(
      dicomWebContext,
      element,
      (service, stop) => {
        if (stop) unsubscribe = stop;
        receive(service);
      },
      true,
    ),
  );
  return () => unsubscribe();
}

// German strings of @telerad/core (ids as in the msg() calls; checked by scripts/check-translations.mjs).
import { str } from '@lit/localize';

export const templates = {
  'error.aborted': 'Die Anfrage wurde abgebrochen.',
  'error.client': str`Der Viewer konnte nicht starten: ${0}`,
  'error.bad-response': 'Das Bildarchiv hat eine unlesbare Antwort gesendet.',
  'error.forbidden': 'Sie haben keine Berechtigung für diese Studien.',
  'error.http': 'Das Bildarchiv hat die Anfrage abgelehnt.',
  'error.network': 'Das Bildarchiv ist nicht erreichbar.',
  'error.not-configured': 'Es ist kein Bildarchiv konfiguriert.',
  'error.no-size': 'Der Bildbereich hat keine Größe. Geben Sie dem Element eine Höhe (zum Beispiel 480px).',
  'error.not-found': 'Die angeforderten Daten wurden im Bildarchiv nicht gefunden.',
  'error.server': 'Das Bildarchiv meldet einen internen Fehler.',
  'error.timeout': 'Das Bildarchiv hat nicht rechtzeitig geantwortet.',
  'error.unsupported': 'Diese Daten können nicht angezeigt werden.',
  'error.bad-file': 'Die Bilddatei ist beschädigt oder kein gültiges DICOM.',
  'error.unauthorized': 'Für das Bildarchiv ist eine Anmeldung erforderlich.',
  'error.with-status': str`${0} (HTTP ${1})`,
  'error.with-reason': str`${0} (HTTP ${1}, DICOM-Grund ${2}: ${3})`,
};

// German strings of the viewer (ids as in the msg() calls; checked by scripts/check-translations.mjs).
import { str } from '@lit/localize';

export const templates = {
  'viewer.close': 'Studie schließen',
  'viewer.compare': 'Mit Voruntersuchung vergleichen',
  'viewer.empty-viewport': 'Serie hierher ziehen oder mit Enter wählen.',
  'viewer.key-images':
    'Nur Schlüsselbilder wurden angefordert; eine Schlüsselbildauswahl wird nicht gelesen, ' +
    'daher werden alle Bilder gezeigt.',
  'viewer.invert': 'Invertieren',
  'viewer.play': 'Abspielen',
  'viewer.worklist': 'Arbeitsliste',
  'viewer.pause': 'Anhalten',
  'viewer.fps': 'B/s',
  'viewer.label': 'Bildbetrachter',
  'viewer.launch-failed': 'Dieser Betrachter-Link kann nicht geöffnet werden:',
  'viewer.launch-invalid': str`„${0}“ ist kein gültiger Wert für ${1}`,
  'viewer.launch-missing': str`der Parameter „${0}“ fehlt`,
  'viewer.launch-unknown': str`der Parameter „${0}“ gehört nicht zu IHE Invoke Image Display`,
  'viewer.layout': 'Anordnung',
  'viewer.locked': 'Nach Inaktivität gesperrt. Bilder und Befunde wurden von diesem Bildschirm entfernt.',
  'viewer.no-match': 'Keine Studie passt zu diesem Link.',
  'viewer.no-prior': 'Für diesen Patienten gibt es keine Voruntersuchung zum Vergleich.',
  'viewer.no-study': 'Keine Studie geöffnet. Wählen Sie eine aus der Arbeitsliste.',
  'viewer.prior': str`Vorunters. ${0}`,
  'viewer.reset': 'Zurücksetzen',
  'viewer.resume': 'Fortsetzen',
  'viewer.series': 'Serien',
  'viewer.series-label': str`Se ${0} · ${1} · ${2} B.`,
  'viewer.studies': 'Studien',
  'viewer.sync': 'Synchronisieren',
  'viewer.tools': 'Bildwerkzeuge',
  'viewer.viewport': str`Bildfenster ${0}`,
  'viewer.layout.mpr': 'MPR',
  'viewer.slab': 'Schichtblock',
  'viewer.slab.thin': 'Dünn',
  'viewer.slab.thickness': 'Blockdicke (mm)',
  'viewer.layout.fusion': 'Fusion',
  'viewer.fusion.unavailable': 'Die Fusion braucht eine CT- und eine PET-Serie in der Studie.',
  'viewer.fusion': 'PET-Fusion',
  'viewer.fusion.colormap': 'Farbtabelle',
  'viewer.fusion.hot-iron': 'Hot Iron',
  'viewer.fusion.rainbow': 'Regenbogen',
  'viewer.fusion.grey': 'Grau',
  'viewer.fusion.opacity': 'PET-Deckkraft',
  'viewer.fusion.window': 'SUV-Fensterobergrenze',
  'viewer.smart.authorizing': 'Anmeldung über das KIS …',
  'viewer.smart.authorized': 'Angemeldet. Die Bildgebungsstudie wird gesucht …',
  'viewer.smart.opening': 'Die Bildgebungsstudie wird geöffnet …',
  'viewer.smart.denied':
    'Im KIS wurde der Zugriff nicht erlaubt, daher kann keine Studie gezeigt werden. ' +
    'Starten Sie den Viewer erneut, um ihn zu erlauben.',
  'viewer.smart.rejected':
    'Das KIS hat diesen Start nicht angenommen (er ist vielleicht abgelaufen). ' +
    'Starten Sie den Viewer erneut aus dem KIS.',
  'viewer.smart.discovery': 'Der FHIR-Server des KIS war für die Anmeldung nicht erreichbar.',
  'viewer.smart.token':
    'Die Anmeldung über das KIS wurde nicht abgeschlossen. Starten Sie den Viewer erneut aus dem KIS.',
  'viewer.smart.fhir': 'Der FHIR-Server des KIS hat die Bildgebungsstudie nicht geliefert.',
  'viewer.smart.no-study': 'Das KIS hat keine Bildgebungsstudie für diesen Patienten.',
  'viewer.smart.no-endpoint': 'Das KIS gibt nicht an, welches Bildarchiv diese Studie enthält.',
  'viewer.smart.not-allowed':
    'Das Bildarchiv der Studie gehört nicht zu den Ursprüngen, die das Anmelde-Token erhalten dürfen; ' +
    'sie wird daher nicht geöffnet.',
};

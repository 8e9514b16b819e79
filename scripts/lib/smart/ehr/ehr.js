// The test EHR's page: its patients and imaging studies (from the corpus), a SMART EHR launch of the
// viewer for the first study opened, and the reporting system's side of the FHIRcast session: it
// subscribes to the session's topic, logs what the viewer publishes, and sends the next studies to
// the viewer as ImagingStudy-open. Text only into the page (no HTML from data).
const config = await (await fetch('./ehr-config.json')).json();
const topic = crypto.randomUUID();
const log = document.querySelector('#events');
let viewer;

const element = (name, text, attributes = {}) => Object.assign(document.createElement(name), { textContent: text, ...attributes });
const note = (text) => log.prepend(element('li', `${new Date().toLocaleTimeString()}  ${text}`));

/** Posts to the hub with the EHR's own credential. */
const toHub = (body, type) =>
  fetch(config.hubUrl, { method: 'POST', headers: { authorization: `Bearer ${config.ehrToken}`, 'content-type': type }, body });

async function subscribe() {
  const events = 'ImagingStudy-open,ImagingStudy-close,DiagnosticReport-open,DiagnosticReport-update,SyncError';
  const form = new URLSearchParams({ 'hub.channel.type': 'websocket', 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.events': events, 'subscriber.name': 'EHR (test)' });
  const { 'hub.channel.endpoint': endpoint } = await (await toHub(form, 'application/x-www-form-urlencoded')).json();
  const socket = new WebSocket(endpoint);
  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(data);
    if (message['hub.mode']) return void (document.querySelector('#session').textContent = `Subscribed to ${message['hub.events']} (topic ${topic}).`);
    const { event } = message;
    const study = event.context.find((c) => c.key === 'study')?.resource?.identifier?.[0]?.value;
    const report = event.context.find((c) => c.key === 'updates')?.resource?.entry?.[0]?.resource;
    note(`${event['hub.event']}${study ? ` ${study}` : ''}${report ? ` (report ${report.status})` : ''}`);
    socket.send(JSON.stringify({ id: message.id, status: 200 }));
  });
}

/** The first study opened launches the viewer (SMART EHR launch); the next ones go to it over FHIRcast. */
async function open(patient, study) {
  if (!viewer || viewer.closed) {
    const response = await fetch(`${config.authUrl}/launches`, { method: 'POST', body: JSON.stringify({ patient: patient.id, imagingStudy: study.id, topic }) });
    const { launch } = await response.json();
    viewer = window.open(`${config.appUrl}?iss=${encodeURIComponent(config.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`, 'telerad-viewer');
    return note(`launched the viewer for ${study.label}`);
  }
  const notification = {
    timestamp: new Date().toISOString(),
    id: crypto.randomUUID(),
    event: {
      'hub.topic': topic,
      'hub.event': 'ImagingStudy-open',
      context: [
        { key: 'patient', resource: { resourceType: 'Patient', id: patient.id } },
        { key: 'study', resource: { resourceType: 'ImagingStudy', id: study.id, status: 'available', identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${study.uid}` }] } },
      ],
    },
  };
  await toHub(JSON.stringify(notification), 'application/json');
}

for (const patient of config.patients) {
  const item = element('li', patient.label);
  const studies = element('ul', '');
  for (const study of patient.studies) {
    const row = element('li', study.label);
    row.append(element('button', 'Open in viewer', { type: 'button', onclick: () => void open(patient, study) }));
    studies.append(row);
  }
  item.append(studies);
  document.querySelector('#patients').append(item);
}
await subscribe();

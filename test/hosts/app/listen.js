// The host's own listeners: each event it hears becomes one line of #events ("name: summary").
const log = document.querySelector('#events');
const heard = (name, summary) => {
  const item = document.createElement('li');
  item.textContent = `${name}: ${summary}`;
  log.append(item);
};

document.addEventListener('rad-image-rendered', (e) => heard('rad-image-rendered', String(e.detail.index)));
document.addEventListener('rad-measurement-added', (e) => heard('rad-measurement-added', e.detail.measurement.values.map((v) => `${v.value} ${v.unit}`).join(", ")));
document.addEventListener('rad-report-signed', (e) => heard('rad-report-signed', e.detail.status));
document.addEventListener('rad-error', (e) => heard('rad-error', `${e.detail.error.kind}: ${e.detail.error.message}`));

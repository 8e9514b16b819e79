// Plain JavaScript: listen to the elements' events like any DOM event.
const lastEvent = document.querySelector('#last-event');
for (const type of ['rad-audit', 'rad-image-rendered', 'rad-error']) {
  document.addEventListener(type, (event) => {
    lastEvent.textContent = type;
    lastEvent.dataset[type.replaceAll('-', '')] = 'seen';
    if (type === 'rad-error') console.warn(event.detail.error.message);
  });
}

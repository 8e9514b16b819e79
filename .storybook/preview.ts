/// <reference types="vite/client" />
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';

// Each package's custom-elements.json (written by `npm run analyze`), merged: autodocs read the
// elements' attributes, properties, events, slots, parts and CSS custom properties from it.
const manifests = import.meta.glob<{ schemaVersion: string; modules: unknown[] }>('../packages/*/custom-elements.json', { eager: true, import: 'default' });
setCustomElementsManifest({ schemaVersion: '1.0.0', modules: Object.values(manifests).flatMap((m) => m.modules) });

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
};

export default preview;

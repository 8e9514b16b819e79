import type { StorybookConfig } from '@storybook/web-components-vite';
import { fileURLToPath } from 'node:url';

// `npm run storybook` starts a private Orthanc and sets DICOMWEB_URL: the "Live" stories then read
// the corpus through the same-origin proxy below. The static build has no server and says so.
const dicomWebUrl = process.env.DICOMWEB_URL;

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages from custom-elements.json (attributes, properties, events, parts, CSS properties);
  // axe runs on every story in the Accessibility panel.
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  viteFinal: async (viteConfig) => ({
    ...viteConfig,
    resolve: {
      ...viteConfig.resolve,
      conditions: ['source', 'browser', 'module', 'import', 'default'],
      // vtk.js's XML readers import xmlbuilder2, which needs Node; the viewport never reads XML.
      alias: { ...viteConfig.resolve?.alias, xmlbuilder2: fileURLToPath(new URL('../scripts/lib/stubs/empty.js', import.meta.url)) },
    },
    server: {
      ...viteConfig.server,
      proxy: dicomWebUrl ? { '/dicom-web': { target: new URL(dicomWebUrl).origin, changeOrigin: false } } : undefined,
    },
  }),
};

export default config;

import type { StorybookConfig } from '@storybook/web-components-vite';
import { browserResolve } from '../scripts/lib/browser-build.mjs';

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
    resolve: { ...viteConfig.resolve, conditions: browserResolve.conditions, alias: { ...viteConfig.resolve?.alias, ...browserResolve.alias } },
    server: {
      ...viteConfig.server,
      proxy: dicomWebUrl ? { '/dicom-web': { target: new URL(dicomWebUrl).origin, changeOrigin: false } } : undefined,
    },
  }),
};

export default config;

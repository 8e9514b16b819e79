// Debian's Chromium and the flags it needs here (never a downloaded browser).
export const CHROMIUM_PATH = '/usr/lib/chromium/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

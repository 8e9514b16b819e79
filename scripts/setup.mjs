// Installs what the project needs and is missing: Debian packages (apt-get, as root) and, unless
// --system-only, npm packages (npm ci).
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './lib/node-deps.mjs';
import { ensureSystemPackages } from './lib/system-deps.mjs';

ensureSystemPackages();
if (!process.argv.includes('--system-only')) ensureNodeModules(fileURLToPath(new URL('..', import.meta.url)));

// Every msg() id used in a package's sources has a translation in each of its locale files, and
// no locale file carries ids nobody uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'locales' ? [] : sourceFiles(join(dir, entry.name))) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

let problems = 0;
for (const pkg of readdirSync('packages')) {
  const localeDir = join('packages', pkg, 'src/locales');
  let locales;
  try {
    locales = readdirSync(localeDir).filter((f) => f.endsWith('.ts'));
  } catch {
    continue;
  }
  const used = new Set(sourceFiles(join('packages', pkg, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\{\s*id: '([\w.-]+)',?\s*\}/g)].map((m) => m[1])));
  for (const locale of locales) {
    const defined = new Set([...readFileSync(join(localeDir, locale), 'utf8').matchAll(/^\s+'([\w.-]+)':/gm)].map((m) => m[1]));
    const missing = [...used].filter((id) => !defined.has(id));
    const unused = [...defined].filter((id) => !used.has(id));
    for (const id of missing) console.error(`${pkg}/${locale}: missing '${id}'`);
    for (const id of unused) console.error(`${pkg}/${locale}: unused '${id}'`);
    problems += missing.length + unused.length;
  }
}
if (problems) process.exit(1);
console.log('translations complete');

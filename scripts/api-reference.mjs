// docs/api.md from the packages' custom-elements.json (run `npm run analyze` first): every
// element's attributes, properties, methods, events, slots, parts and CSS custom properties.
// `--check` fails when the committed file is not what the manifests say (npm test runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const PACKAGES = ['core', 'study-browser', 'viewport', 'report-panel', 'viewer'];
const OUT = 'docs/api.md';
const cell = (text = '') => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const table = (head, rows) => (rows.length ? [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''] : []);
// Members a class of the same package gives the element (its settings) are its own API; Lit's and core's are not.
const publicMembers = (d, kind) => (d.members ?? []).filter((m) => m.kind === kind && !m.privacy && !m.static && !m.name.startsWith('#') && (!m.inheritedFrom || !m.inheritedFrom.package));

/** Lifecycle and rendering members every Lit element has: the platform's, not the element's API. */
const LIFECYCLE = new Set(['connectedCallback', 'disconnectedCallback', 'attributeChangedCallback', 'firstUpdated', 'updated', 'willUpdate', 'update', 'render', 'shouldUpdate', 'createRenderRoot', 'styles']);
/** Public members without a description: they would be missing from the reference. */
const undocumented = [];

const lines = ['# Element reference', '', 'Generated from each package\'s `custom-elements.json` by `scripts/api-reference.mjs`; do not edit.', ''];
for (const pkg of PACKAGES) {
  const manifest = JSON.parse(readFileSync(`packages/${pkg}/custom-elements.json`, 'utf8'));
  for (const d of manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).sort((a, b) => a.tagName.localeCompare(b.tagName))) {
    lines.push(`## \`<${d.tagName}>\` (\`@telerad/${pkg}\`)`, '', d.summary ?? '', '');
    for (const m of [...publicMembers(d, 'field'), ...publicMembers(d, 'method')]) {
      if (!m.description && !LIFECYCLE.has(m.name) && !d.attributes?.some((a) => a.fieldName === m.name && a.description)) undocumented.push(`<${d.tagName}>.${m.name}`);
    }
    const attributes = d.attributes ?? [];
    lines.push(...table(['attribute', 'property', 'type', 'default', 'description'], attributes.map((a) => [`\`${a.name}\``, a.fieldName ?? '', a.type?.text ?? '', a.default ?? '', a.description ?? ''])));
    const attributeFields = new Set(attributes.map((a) => a.fieldName));
    const properties = publicMembers(d, 'field').filter((f) => !attributeFields.has(f.name) && f.description);
    lines.push(...table(['property', 'type', 'description'], properties.map((f) => [`\`${f.name}\``, f.type?.text ?? '', f.description ?? ''])));
    const methods = publicMembers(d, 'method').filter((m) => m.description);
    lines.push(...table(['method', 'description'], methods.map((m) => [`\`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})\``, m.description])));
    lines.push(...table(['event', 'detail', 'description'], (d.events ?? []).filter((e) => e.name).map((e) => [`\`${e.name}\``, e.type?.text ?? '', e.description ?? ''])));
    lines.push(...table(['slot', 'description'], (d.slots ?? []).map((s) => [`\`${s.name || '(default)'}\``, s.description ?? ''])));
    lines.push(...table(['part', 'description'], (d.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description ?? ''])));
    lines.push(...table(['CSS custom property', 'description'], (d.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.description ?? ''])));
  }
}
if (undocumented.length) {
  console.error(`public members without a JSDoc description (document them, or make them private):\n  ${undocumented.join('\n  ')}`);
  process.exit(1);
}
const text = `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // Missing counts as out of date.
  }
  if (current !== text) {
    console.error(`${OUT} is out of date: run npm run analyze && node scripts/api-reference.mjs`);
    process.exit(1);
  }
  console.log(`${OUT} matches the manifests`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}

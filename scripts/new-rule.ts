/**
 * Scaffolds a check: `npm run new-rule -- <id> <area>` writes src/rules/<area>/<id>.ts and the
 * fixture folders fail-basic/, pass-basic/ whose tests fail until real fixtures are written.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREAS } from '../src/core/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [id, area] = process.argv.slice(2);
if (!id || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || !area || !(AREAS as readonly string[]).includes(area)) {
  console.error(`usage: npm run new-rule -- <id-in-kebab-case> <area: ${AREAS.join('|')}>`);
  process.exit(2);
}
const file = join(root, 'src', 'rules', area, `${id}.ts`);
if (existsSync(file)) {
  console.error(`${file} exists`);
  process.exit(2);
}
mkdirSync(dirname(file), { recursive: true });
writeFileSync(
  file,
  `import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: '${id}',
    area: '${area}',
    severity: 'medium',
    title: '',
    failureTitle: '',
    why: '',
    fix: { default: '' },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['files'],
    confidence: 'high',
  },
  check({ files }) {
    if (files.length === 0) return notApplicable('nothing to check');
    return fail([]) ?? pass('');
  },
});
`,
);
for (const c of ['fail-basic', 'pass-basic']) mkdirSync(join(root, 'test', 'fixtures', 'rules', id, c), { recursive: true });
console.log(`wrote src/rules/${area}/${id}.ts and test/fixtures/rules/${id}/{fail-basic,pass-basic}/ — write the fixtures, then \`npm run gen\``);

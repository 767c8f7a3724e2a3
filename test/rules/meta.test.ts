/** Every rule keeps the contract: id = file = docs page, area = folder, fixtures for each outcome, real fix keys. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.generated.js';
import { STACKS } from '../../src/stacks/catalog.js';
import { rulePage } from '../../src/report/rule-page.js';
import { readAnnotations } from '../support/annotations.js';

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');
const FIX_KEYS = new Set(['default', 'py', 'node', ...STACKS.map((s) => s.id)]);

describe('rule contract', () => {
  it('has unique ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  for (const rule of RULES) {
    const m = rule.meta;
    it(`${m.id}: file, area, fixtures, fix keys, docs`, () => {
      expect(existsSync(join(ROOT, 'src', 'rules', m.area, `${m.id}.ts`))).toBe(true);
      for (const k of Object.keys(m.fix)) expect(FIX_KEYS.has(k), `fix key ${k}`).toBe(true);
      expect(m.why.length).toBeGreaterThan(40);
      expect(m.needs.length).toBeGreaterThan(0);
      const dir = join(FIXTURES, m.id);
      const cases = existsSync(dir) ? readdirSync(dir) : [];
      expect(cases.some((c) => c.startsWith('fail-')), 'a fail-* fixture').toBe(true);
      expect(cases.some((c) => c.startsWith('pass-')), 'a pass-* fixture').toBe(true);
      const nearMiss = cases.some((c) => readAnnotations(join(dir, c)).some((a) => a.mark === 'ok' && a.rule === m.id));
      expect(nearMiss, 'at least one `ok:` near-miss annotation').toBe(true);
      const failCases = cases.filter((c) => c.startsWith('fail-'));
      for (const c of failCases) {
        const n = readAnnotations(join(dir, c)).filter((a) => a.mark === 'expect' && a.rule === m.id).length;
        expect(n, `${c} has expect annotations`).toBeGreaterThan(0);
      }
      // Python and Node checks are proven on both families: a fail and a pass case with code of each.
      for (const [tag, re] of [['py', /\.py$/], ['node', /\.(ts|tsx|js|mjs|cjs|jsx)$/]] as const) {
        if (!m.appliesTo.includes(tag)) continue;
        for (const prefix of ['fail-', 'pass-']) {
          const has = cases.some((c) => c.startsWith(prefix) && filesOf(join(dir, c)).some((f) => re.test(f)));
          expect(has, `a ${prefix}* case with ${tag} code`).toBe(true);
        }
      }
      const page = join(ROOT, 'docs', 'rules', `${m.id}.md`);
      expect(existsSync(page) && readFileSync(page, 'utf8') === rulePage(rule), 'docs page current (npm run gen)').toBe(true);
    });
  }
});

/**
 * The one generic harness: every folder test/fixtures/rules/<id>/<fail|pass|na>-<case>/ is a tiny
 * repository. The outcome must match the folder prefix, and the reported locations must equal the
 * `expect` annotations exactly; `ok` lines must not be reported; `strength` lines must be cited.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { RULES } from '../../src/rules/index.generated.js';
import { readAnnotations } from '../support/annotations.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rules');
const loc = (file: string, line: number) => `${file}:${line}`;

for (const rule of RULES) {
  const id = rule.meta.id;
  const dir = join(FIXTURES, id);
  const cases = existsSync(dir) ? readdirSync(dir).filter((c) => /^(fail|pass|na)-/.test(c)) : [];
  describe(`rule ${id}`, () => {
    for (const c of cases) {
      it(c, async () => {
        const root = join(dir, c);
        const audit = await runAudit(root, { only: [id], useGit: false });
        const check = audit.result.checks.find((x) => x.id === id);
        const expected = c.split('-')[0];
        const findings = audit.result.findings.filter((f) => f.checkId === id);
        const reported = findings.map((f) => loc(f.evidence[0].file, f.evidence[0].line)).sort();
        const notes = `outcome=${check?.outcome} summary=${check?.summary}\nreported:\n  ${findings.map((f) => `${loc(f.evidence[0].file, f.evidence[0].line)} ${f.message}`).join('\n  ')}`;
        expect(check?.outcome, notes).toBe(expected);
        const ann = readAnnotations(root).filter((a) => a.rule === id);
        const expects = ann.filter((a) => a.mark === 'expect').map((a) => loc(a.file, a.line)).sort();
        expect(reported, notes).toEqual(expects);
        for (const ok of ann.filter((a) => a.mark === 'ok')) expect(reported, notes).not.toContain(loc(ok.file, ok.line));
        const cited = (check?.strengths ?? []).map((e) => loc(e.file, e.line));
        for (const s of ann.filter((a) => a.mark === 'strength')) expect(cited, notes).toContain(loc(s.file, s.line));
        // Every finding's evidence is real: a file of the fixture and a line that exists.
        for (const f of findings) for (const e of f.evidence) expect(e.line, notes).toBeGreaterThanOrEqual(0);
      });
    }
  });
}

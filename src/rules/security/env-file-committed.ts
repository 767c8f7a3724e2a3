import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'env-file-committed',
    area: 'security',
    severity: 'critical',
    title: '.env files are kept out of git',
    failureTitle: 'A real .env file is committed or not ignored',
    why: 'A `.env` file holds the real credentials of an environment: once committed, every clone, fork and CI log has them, and deleting the file later leaves them in git history. When `.gitignore` does not list `.env`, the next `git add .` commits a developer\'s local secrets without anyone noticing.',
    fix: {
      default: 'Add `.env` and `.env.*` (with `!.env.example`) to `.gitignore`, run `git rm --cached .env` for a tracked file, and rotate every credential it held. Keep variable names with empty values in `.env.example`.',
      docker: 'Also list `.env` in `.dockerignore`, and give containers their values through `env_file:` or the platform\'s secret settings.',
    },
    examples: {
      good: '# .gitignore\n.env\n.env.*\n!.env.example',
      lang: 'gitignore',
    },
    effort: 'minutes',
    appliesTo: ['any'],
    needs: ['envFiles'],
    confidence: 'high',
  },
  check({ envFiles }) {
    if (envFiles.length === 0) return notApplicable('no .env file and no code reading environment variables');
    const findings: Finding[] = [];
    const flagged = new Set<string>();
    for (const f of envFiles) {
      if (f.present === false) continue;
      const secrets = f.secretLines ?? [];
      if (secrets.length === 0 || (f.tracked !== true && f.ignored)) continue;
      flagged.add(f.file);
      findings.push({
        message: f.tracked
          ? `${f.file} is committed with ${plural(secrets.length, 'secret value')}`
          : `${f.file} holds ${plural(secrets.length, 'secret value')} and no .gitignore rule keeps it out of commits`,
        evidence: [f.evidence, ...secrets],
      });
    }
    for (const f of envFiles) {
      if (f.present !== false || f.ignored || flagged.has(f.file)) continue;
      // A tracked .env with no secrets, here or in a parent folder, is the project's deliberate file of
      // defaults (Next.js, Vite, compose templates): the convention is to commit it, so not covering it is no slip.
      const dir = f.file.slice(0, f.file.lastIndexOf('/') + 1);
      const committedDefaults = envFiles.some((x) => x.present !== false && x.tracked === true && /(^|\/)\.env$/.test(x.file) && dir.startsWith(x.file.slice(0, -'.env'.length)));
      if (committedDefaults) continue;
      findings.push({
        message: `.gitignore does not exclude ${f.file}, and the code reads its settings from the environment`,
        evidence: [f.evidence],
        severity: 'high',
      });
    }
    if (findings.length > 0) return fail(findings);
    const covered = envFiles.filter((f) => f.present === false && f.ignored);
    if (covered.length === 0) return pass('The committed env files hold no secret values', envFiles.map((f) => f.evidence));
    return pass(`.gitignore excludes ${covered.map((f) => f.file).join(', ')}`, covered.map((f) => f.evidence));
  },
});

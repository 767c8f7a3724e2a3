import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import { templatesCovering } from '../../core/rule-support/env-templates.js';
import { serviceOf } from '../../core/rule-support/services.js';
import { platformProvided } from '../../core/rule-support/platform-env.js';

export default defineRule({
  meta: {
    id: 'env-example-missing',
    area: 'deployment',
    severity: 'medium',
    title: 'An env template documents the configuration',
    failureTitle: 'No .env.example or other env template',
    why: 'Without an env template the only list of required settings is the code itself, so a new environment (staging, a second region, a teammate laptop) is configured by trial and error: the app boots, then fails on the first request that needs the missing key. A committed `.env.example` with every variable and placeholder values is also what deploy reviews and secret rotations are checked against.',
    fix: {
      default: 'Commit a `.env.example` at the service root listing every variable the code reads, with placeholder values and a comment for the non-obvious ones; keep the real `.env` in `.gitignore`.',
      py: 'List every field of your settings (os.getenv calls, pydantic-settings fields upper-cased with their env_prefix) in `.env.example`, e.g. `DATABASE_URL=postgresql://user:password@localhost:5432/app`.',
      node: 'List every `process.env.X` the code reads in `.env.example`; if you validate with zod or envalid, the schema keys are the list.',
    },
    examples: { good: '# .env.example\nDATABASE_URL=postgresql://user:password@localhost:5432/app\nSECRET_KEY=change-me\n# SENTRY_DSN=', lang: 'dotenv' },
    effort: 'minutes',
    appliesTo: ['any'],
    needs: ['envReads', 'envTemplates', 'files'],
    confidence: 'high',
  },
  check({ envReads: allReads, envTemplates, files }) {
    const svc = serviceOf({ files });
    const envReads = allReads.filter((r) => !platformProvided(r.name));
    if (envReads.length === 0) return notApplicable('the code reads no environment variables an operator sets');
    // Reads no template covers (none in their folder or above), by the folder of their service.
    const uncovered = envReads.filter((r) => templatesCovering(r.evidence.file, envTemplates, svc).length === 0);
    if (uncovered.length === 0) {
      return pass(
        `${plural(envTemplates.length, 'env template')} found`,
        envTemplates.map((t) => t.vars[0]?.evidence ?? evidenceForFile(t.file, 'env template')),
      );
    }
    const names = [...new Set(uncovered.map((r) => r.name))];
    const firsts = names.map((n) => uncovered.find((r) => r.name === n) as (typeof uncovered)[number]);
    const elsewhere = envTemplates.length > 0 ? ` (${envTemplates.map((t) => t.file).join(', ')} document${envTemplates.length === 1 ? 's' : ''} other parts of the repository)` : '';
    return fail([
      {
        message: `The code reads ${plural(names.length, 'environment variable')} (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}) but no env template documents ${names.length === 1 ? 'it' : 'them'}${elsewhere}`,
        evidence: firsts.slice(0, 5).map((r) => r.evidence),
      },
    ]);
  },
});

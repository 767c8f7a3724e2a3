import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { EnvRead } from '../../facts/fact-map.js';
import { platformProvided } from '../../core/rule-support/platform-env.js';
import { templatesCovering } from '../../core/rule-support/env-templates.js';
import { serviceOf } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'env-undocumented',
    area: 'deployment',
    severity: 'medium',
    title: 'Every environment variable the code reads is in the env template',
    failureTitle: 'Environment variables read in code are missing from the env template',
    why: 'A variable the code reads but the template does not list is found by whoever deploys next only when the feature behind it fails in production: a webhook that silently never posts, an API key that raises on the first call. Keeping the template complete makes the template the checklist for every new environment and every secret rotation.',
    fix: {
      default: 'Add each missing variable to the env template with a placeholder value (or as a commented `# NAME=` line when it is optional) and a one-line comment saying what it is for.',
      py: 'For pydantic-settings fields the variable is the field name upper-cased with the env_prefix (`database_url` → `DATABASE_URL`); add those names to `.env.example`.',
      node: 'Add every `process.env.X` (and every key of your zod/envalid env schema) to `.env.example`.',
    },
    examples: { bad: '# app.py\nSLACK_WEBHOOK_URL = os.getenv("SLACK_WEBHOOK_URL")\n# .env.example has no SLACK_WEBHOOK_URL', good: '# .env.example\n# Slack incoming webhook for summaries (optional)\n# SLACK_WEBHOOK_URL=', lang: 'dotenv' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['envReads', 'envTemplates', 'files'],
    confidence: 'high',
  },
  check({ envReads, envTemplates, files }) {
    const svc = serviceOf({ files });
    if (envTemplates.length === 0) return notApplicable('no env template (see env-example-missing)');
    if (envReads.length === 0) return notApplicable('the code reads no environment variables');
    const findings: Finding[] = [];
    const strengths: EnvRead['evidence'][] = [];
    const byName = new Map<string, EnvRead[]>();
    for (const r of envReads) {
      // Code no template covers is env-example-missing's (it reports the folder once).
      if (platformProvided(r.name) || templatesCovering(r.evidence.file, envTemplates, svc).length === 0) continue;
      const list = byName.get(r.name) ?? [];
      list.push(r);
      byName.set(r.name, list);
    }
    for (const [name, reads] of byName) {
      const templates = [...new Set(reads.flatMap((r) => templatesCovering(r.evidence.file, envTemplates, svc)))];
      const doc = templates.flatMap((t) => t.vars).find((v) => v.name === name || (reads.some((r) => r.via === 'pydantic-settings') && v.name.toLowerCase() === name.toLowerCase()));
      if (doc) {
        strengths.push(doc.evidence);
        continue;
      }
      const where = reads.length > 1 ? ` (read in ${plural(reads.length, 'place')})` : '';
      const optional = reads.every((r) => r.hasDefault);
      findings.push({
        message: `\`${name}\`${optional ? ' (optional: it has a default in code)' : ''} is read in code but is not in ${templates.map((t) => t.file).join(', ')}${where}`,
        evidence: reads.map((r) => r.evidence),
        ...(optional ? { severity: 'low' as const } : {}),
      });
    }
    if (findings.length) return fail(findings);
    if (strengths.length === 0) return notApplicable('the code reads only platform-provided variables');
    return pass(`all ${plural(strengths.length, 'variable')} the code reads are in the env template`, strengths);
  },
});

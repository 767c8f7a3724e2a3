import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { SettingDefault } from '../../facts/fact-map.js';

/** `False` and `false`, `"8000"` and `8000` are the same default. */
function norm(v: string): string {
  const t = v.trim();
  return /^(true|false|none|null)$/i.test(t) ? t.toLowerCase() : t;
}

/** A value as shown in a message: short, with any URL password hidden. */
function show(v: string): string {
  const safe = v.replace(/(:\/\/[^:/@\s]*):[^@\s]+@/g, '$1:***@');
  return `"${safe.length > 40 ? `${safe.slice(0, 39)}…` : safe}"`;
}

export default defineRule({
  meta: {
    id: 'config-inconsistent',
    area: 'deployment',
    severity: 'low',
    title: 'Each setting has one default',
    failureTitle: 'The same setting has different defaults in different files',
    why:
      'When two modules read the same variable with different fallbacks (`PORT` 8000 here, 5000 there; `REDIS_URL` pointing at two hosts), behaviour depends on which module reads it first and on whether the variable happens to be set. An unset variable in one environment then makes the web process and the worker disagree silently, a bug that only shows up in production. ' +
      'One default, declared in one settings module, removes the ambiguity.',
    fix: {
      default: 'Declare each setting once, with a single default, in the settings module, and import it everywhere instead of repeating `os.getenv(..., default)` / `process.env.X || default`.',
      py: 'Move the setting to the settings class (`redis_url: str = "redis://localhost:6379/0"`) and replace every `os.getenv("REDIS_URL", …)` with `settings.redis_url`.',
      node: 'Define the setting once in `config.ts` (`export const REDIS_URL = process.env.REDIS_URL ?? "redis://localhost:6379"`, or in a zod/envalid schema) and import it.',
    },
    examples: {
      bad: '# app/main.py\nport = int(os.getenv("PORT", "8000"))\n# app/worker.py\nport = int(os.getenv("PORT", "5000"))',
      good: '# app/config.py\nclass Settings(BaseSettings):\n    port: int = 8000',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['settings'],
    confidence: 'high',
  },
  check({ settings }) {
    const { defaults } = settings;
    if (defaults.length === 0) return notApplicable('no setting read with a literal default');
    const groups = new Map<string, SettingDefault[]>();
    for (const d of defaults) groups.set(`${d.service}\u0000${d.name}`, [...(groups.get(`${d.service}\u0000${d.name}`) ?? []), d]);
    const findings: Finding[] = [];
    const shared: SettingDefault[] = [];
    for (const list of groups.values()) {
      const files = new Set(list.map((d) => d.evidence.file));
      if (files.size < 2) continue;
      const byValue = new Map<string, SettingDefault>();
      for (const d of list) if (!byValue.has(norm(d.value))) byValue.set(norm(d.value), d);
      if (byValue.size < 2) {
        shared.push(...list);
        continue;
      }
      const firsts = [...byValue.values()];
      // Different values in one file only (a branch on the environment) are not a cross-file conflict.
      if (new Set(firsts.map((d) => d.evidence.file)).size < 2) continue;
      findings.push({
        message: `${list[0].name} has ${plural(firsts.length, 'different default')} across ${plural(files.size, 'file')}: ${firsts.map((d) => `${show(d.value)} (${d.evidence.file}:${d.evidence.line})`).join(', ')}`,
        evidence: firsts.map((d) => d.evidence),
        stack: list[0].evidence.file.endsWith('.py') ? 'py' : 'node',
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass(
      shared.length ? `${plural(new Set(shared.map((d) => d.name)).size, 'setting')} read in several files, each with the same default` : `${plural(new Set(defaults.map((d) => d.name)).size, 'setting')} with a literal default, none defined twice`,
      (shared.length ? shared : defaults).slice(0, 5).map((d) => d.evidence),
    );
  },
});

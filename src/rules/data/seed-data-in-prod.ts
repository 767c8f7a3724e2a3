import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';
import { matchStartLines, productionStartLines } from '../../core/rule-support/start-path.js';

interface Seed {
  what: string;
  stack: FixKey;
}

/** Seed / fixture loading, recognised in one shell statement (plain text). */
function seeding(raw: string): Seed | undefined {
  // `RANDOM_SEED=1 cmd`: environment assignments in front of the program are not what it runs.
  // Variable references and declarations (`$LOAD_DEMO_DATA`, `export SEED=0`) name settings, not programs.
  if (/^\s*(export|local|readonly|declare)\s/.test(raw) || /^\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s*$/.test(raw)) return undefined;
  const statement = raw.replace(/^(\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+/, '').replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?/g, '');
  if (/\bprisma\s+db\s+seed\b/.test(statement)) return { what: 'prisma db seed', stack: 'prisma' };
  if (/\bloaddata\b/.test(statement)) return { what: 'manage.py loaddata', stack: 'django' };
  if (/\b(knex\s+seed:run|sequelize(-cli)?\s+db:seed)/.test(statement)) return { what: 'a seed run', stack: 'node' };
  if (/(^|[^a-z])seed(s|er|ers|ing)?([^a-z]|$)/i.test(statement)) return { what: 'a seed script', stack: /\bpython|\.py\b/.test(statement) ? 'py' : /\b(npm|yarn|pnpm|node|tsx|ts-node)\b/.test(statement) ? 'node' : 'default' };
  if (/create_demo|(^|[^a-z])demo[_-]?data([^a-z]|$)|(^|[^a-z])(load|create|generate|populate|insert)[_-]?(initial|demo|sample|fake|dummy)[_-]?(data|users|content)/i.test(statement)) return { what: 'demo data creation', stack: 'default' };
  if (/(^|[^a-z])fixtures?([^a-z]|$)/i.test(statement)) return { what: 'fixture loading', stack: 'default' };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'seed-data-in-prod',
    area: 'data',
    severity: 'high',
    title: 'The production start path does not load seed data',
    failureTitle: 'The production start path loads seed or demo data',
    why: 'A start command runs on every deploy, restart and scale-out. Seed and fixture scripts run there unconditionally insert demo users, sample records or known passwords into the production database each time, can overwrite real rows, and slow or fail boots when the seed conflicts with existing data. Seeding belongs to development and staging, or to a one-off command run on purpose.',
    fix: {
      default: 'Remove the seed step from the production start path, or guard it: `if [ "$APP_ENV" != "production" ]; then python scripts/seed.py; fi`.',
      py: 'Guard the seed script on the environment (`if [ "$ENVIRONMENT" != "production" ]; then python scripts/seed.py; fi`) or run it by hand once.',
      django: 'Drop `loaddata` from the release/start command; load reference data in a data migration instead, and demo fixtures only in development.',
      prisma: 'Remove `prisma db seed` from `start`; run it by hand (or in CI for preview environments) and keep `start` to `prisma migrate deploy && node dist/server.js`.',
      node: 'Remove the seed script from `start`/`prestart`; run it by hand or only when `NODE_ENV !== "production"`.',
    },
    examples: {
      bad: 'alembic upgrade head\npython scripts/seed_demo.py\nexec gunicorn app.main:app',
      good: 'alembic upgrade head\nif [ "$APP_ENV" != "production" ]; then\n  python scripts/seed_demo.py\nfi\nexec gunicorn app.main:app',
      lang: 'sh',
    },
    effort: 'minutes',
    appliesTo: ['platform', 'docker', 'py', 'node'],
    needs: ['startCommands', 'startScripts'],
    confidence: 'high',
  },
  check({ startCommands, startScripts }) {
    const lines = productionStartLines(startCommands, startScripts);
    if (lines.length === 0) return notApplicable('no production start command found');
    const hits = matchStartLines(lines, seeding);
    if (hits.length > 0) {
      // One seeding, one finding: `npm run seed` in a start script and the package.json `seed` script it
      // runs are cited together, at the outermost line.
      const at = (e: Evidence) => `${e.file}:${e.line}`;
      const hitAt = new Set(hits.map((h) => at(h.line.evidence)));
      const inner = new Map<string, Evidence[]>();
      const outer = hits.filter(({ line }) => {
        if (!line.via || !hitAt.has(at(line.via))) return true;
        inner.set(at(line.via), [...(inner.get(at(line.via)) ?? []), line.evidence]);
        return false;
      });
      return fail(
        outer.map(({ line, hit }) => ({
          message: `The production start path runs ${hit.what} on every start: \`${line.text.length > 80 ? `${line.text.slice(0, 79)}…` : line.text}\``,
          evidence: [line.evidence, ...(inner.get(at(line.evidence)) ?? []), ...(line.via ? [line.via] : [])],
          stack: hit.stack,
        })),
      );
    }
    // Seeding that only runs under a condition is the right shape: cite it.
    const guarded = lines.filter((l) => l.conditional && matchStartLines([{ ...l, conditional: false }], seeding).length > 0);
    const roots = lines.filter((l) => !l.via);
    return pass(
      guarded.length > 0 ? `seeding runs only under a condition (${plural(guarded.length, 'line')})` : `${plural(lines.length, 'production start line')} checked, none loads seed data`,
      [...guarded, ...roots].slice(0, 5).map((l) => l.evidence),
    );
  },
});

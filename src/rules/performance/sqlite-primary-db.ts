import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'sqlite-primary-db',
    area: 'performance',
    severity: 'high',
    title: 'Production data lives in a server database',
    failureTitle: 'SQLite is the production database',
    why: 'SQLite is a file on one machine: writes take a database-wide lock, so concurrent requests queue or fail with "database is locked"; a second instance or replica cannot share it; and on containers and most platforms the file sits on an ephemeral disk, lost at the next deploy. A SQLite URL used only as the fallback of an environment variable is fine when the repository supplies the real value (env template, deploy config); when nothing does, production silently runs on the fallback. Test-only SQLite is never flagged.',
    fix: {
      default: 'Use a server database (PostgreSQL, MySQL) in production and read its URL from the environment; keep SQLite for local development and tests only.',
      py: '`DATABASE_URL = os.environ["DATABASE_URL"]` (fail fast when unset) or a pydantic-settings field without a SQLite default; list DATABASE_URL in .env.example.',
      django: 'Read DATABASES from the environment: `DATABASES = {"default": dj_database_url.config(conn_max_age=60)}`, with `DATABASE_URL` set in the deploy config.',
      prisma: 'Set `provider = "postgresql"` and `url = env("DATABASE_URL")` in the datasource block, then create a fresh migration history for it.',
      node: "Use `client: 'pg'` / `type: 'postgres'` with the URL from `process.env.DATABASE_URL` in production; keep SQLite in the development config.",
    },
    examples: {
      bad: 'DATABASE_URL = "sqlite:///./app.db"',
      good: 'DATABASE_URL = os.environ["DATABASE_URL"]  # postgresql://… in production',
      lang: 'python',
    },
    effort: 'days',
    appliesTo: ['py', 'node'],
    needs: ['sqliteUses', 'dbEngines'],
    confidence: 'high',
  },
  check({ sqliteUses, dbEngines }) {
    const hard = sqliteUses.filter((u) => !u.fallbackOnly);
    const unsupplied = sqliteUses.filter((u) => u.fallbackOnly && !u.overriddenBy);
    if (hard.length + unsupplied.length > 0) {
      return fail([
        ...hard.map((u) => ({ message: 'SQLite is configured as the application database', evidence: [u.evidence] })),
        ...unsupplied.map((u) => ({
          message: 'SQLite is the fallback when the database URL is not set, and nothing in the repository (env template, deploy config) sets it',
          evidence: [u.evidence],
          severity: 'medium' as const,
        })),
      ]);
    }
    const supplied = sqliteUses.filter((u) => u.overriddenBy);
    if (supplied.length > 0) return pass('SQLite is only a local fallback; the deployment supplies the real database', supplied.flatMap((u) => [u.overriddenBy!, u.evidence]));
    const servers = dbEngines.filter((e) => e.poolNotApplicable === null);
    if (servers.length > 0) return pass('The application connects to a server database', servers.map((e) => e.evidence));
    return notApplicable('no database configuration found in code');
  },
});

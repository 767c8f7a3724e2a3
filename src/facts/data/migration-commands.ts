/**
 * Shell statements that apply schema migrations (plain text: start commands, script lines, CI
 * `run:` steps). Commands that only generate, inspect or roll back migrations do not count.
 */

/** `A=1 B=2 cmd …` → `cmd …`. */
function dropEnvPrefix(s: string): string {
  return s.replace(/^(\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+/, '').trim();
}

const TOOLS: [RegExp, string][] = [
  [/\balembic\b.*\bupgrade\b/, 'alembic upgrade'],
  [/\b(manage\.py|django-admin)\s+migrate\b/, 'manage.py migrate'],
  [/\bflask\s+db\s+upgrade\b/, 'flask db upgrade'],
  [/\bprisma\s+migrate\s+deploy\b/, 'prisma migrate deploy'],
  [/\bprisma\s+db\s+push\b/, 'prisma db push'],
  [/\bknex\b.*\bmigrate:(latest|up)\b/, 'knex migrate:latest'],
  [/\btypeorm[\w-]*\b.*\bmigration:run\b/, 'typeorm migration:run'],
  [/\bsequelize(-cli)?\b.*\bdb:migrate(?!:)/, 'sequelize db:migrate'],
  [/\bnode-pg-migrate\b.*\bup\b/, 'node-pg-migrate up'],
  [/\bdb-migrate\s+up\b/, 'db-migrate up'],
  [/\bdrizzle-kit\s+(migrate|push)\b/, 'drizzle-kit migrate'],
  [/\bmikro-orm\b.*\bmigration:up\b/, 'mikro-orm migration:up'],
  [/\byoyo\s+apply\b/, 'yoyo apply'],
  [/\baerich\s+upgrade\b/, 'aerich upgrade'],
  [/\bgraphile-migrate\s+migrate\b/, 'graphile-migrate migrate'],
  [/\bsupabase\s+(db\s+push|migration\s+up)\b/, 'supabase db push'],
];

/** Words after "migrat…" that mean the command does not apply anything. */
const NOT_APPLYING = /\b(makemigrations|showmigrations|sqlmigrate|squashmigrations)\b|migrat\w*[:\s-]+(make|generate|create|new|status|show|list|check|down|rollback|undo|revert)\b|--check\b|--plan\b/i;
/** Statements that move, list or test files named "migrations" rather than running them. */
const FILE_OPS = /^(cp|mv|mkdir|ls|cd|rm|chmod|chown|cat|test|\[|find|touch|echo|printf)\b/;

/** The migration tool a statement runs, or undefined. */
export function migrationCommand(statement: string): string | undefined {
  const s = dropEnvPrefix(statement);
  if (s === '' || FILE_OPS.test(s) || NOT_APPLYING.test(s)) return undefined;
  for (const [re, what] of TOOLS) if (re.test(s)) return what;
  if (/\balembic\b/.test(s)) return undefined; // alembic history / current / downgrade
  // `npm run migrate`, `yarn db:migrate`, `python scripts/run_migrations.py`, `./migrate.sh`, `python -m app.migrate`.
  if (/(^|[\s/:._-])migrat(e|es|ions?)?(\b|_)/i.test(s)) return 'a migration script';
  return undefined;
}

/** Statements of a command line (split on `&&`, `||`, `;`, `|`). */
export function shellStatements(text: string): string[] {
  return text
    .split(/&&|\|\||;|\|/)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function migrationIn(text: string): string | undefined {
  for (const s of shellStatements(text)) {
    const hit = migrationCommand(s);
    if (hit) return hit;
  }
  return undefined;
}

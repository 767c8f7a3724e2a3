import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/core/evidence.js';
import { migrationCommand } from '../../src/facts/data/migration-commands.js';
import { finishGraph } from '../../src/facts/data/graph.js';
import type { MigrationNode } from '../../src/facts/fact-map.js';

const ev = (line: number): Evidence => ({ file: 'versions/x.py', line, snippet: '' });
const node = (id: string, parents: string[], line = 1): MigrationNode => ({ id, parents, evidence: ev(line) });

describe('migrationCommand', () => {
  it('recognises commands that apply migrations', () => {
    expect(migrationCommand('alembic upgrade head')).toBe('alembic upgrade');
    expect(migrationCommand('PYTHONPATH=. alembic -c alembic.ini upgrade heads')).toBe('alembic upgrade');
    expect(migrationCommand('python manage.py migrate --noinput')).toBe('manage.py migrate');
    expect(migrationCommand('npx prisma migrate deploy')).toBe('prisma migrate deploy');
    expect(migrationCommand('npx knex migrate:latest')).toBe('knex migrate:latest');
    expect(migrationCommand('npm run db:migrate')).toBe('a migration script');
    expect(migrationCommand('python scripts/run_migrations.py')).toBe('a migration script');
    expect(migrationCommand('npx supabase db push')).toBe('supabase db push');
    expect(migrationCommand('supabase migration up && npm run db-types')).toBe('supabase db push');
  });
  it('ignores commands that generate, inspect or roll back', () => {
    for (const c of ['python manage.py makemigrations', 'alembic history', 'alembic downgrade -1', 'npx prisma migrate status', 'knex migrate:make users', 'cp -r migrations /app', 'npx typeorm migration:generate src/m', 'python manage.py migrate --check', 'supabase migration new add_profiles']) {
      expect(migrationCommand(c), c).toBeUndefined();
    }
  });
});

describe('finishGraph', () => {
  it('groups heads that share a base and keeps independent branches apart', () => {
    const g = finishGraph('alembic', 'versions', [node('a', []), node('b', ['a']), node('c', ['a']), node('x', []), node('y', ['x'])], 'shared-base');
    expect(g.heads.map((h) => h.id).sort()).toEqual(['b', 'c', 'y']);
    expect(g.headGroups.map((h) => h.sort())).toContainEqual(['b', 'c']);
    expect(g.headGroups).toContainEqual(['y']);
  });
  it('reports links to missing revisions and duplicate ids', () => {
    const g = finishGraph('alembic', 'versions', [node('a', []), node('b', ['zz'], 2), node('b', ['a'], 3)], 'shared-base');
    expect(g.broken).toEqual([{ node: 'b', missing: 'zz', evidence: ev(2) }]);
    expect(g.duplicates.map((d) => d.id)).toEqual(['b']);
  });
  it('a merge revision leaves one head', () => {
    const g = finishGraph('alembic', 'versions', [node('a', []), node('b', ['a']), node('c', ['a']), node('m', ['b', 'c'])], 'shared-base');
    expect(g.headGroups).toEqual([['m']]);
  });
});

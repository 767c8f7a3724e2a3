import { describe, expect, it } from 'vitest';
import type { RepoFile } from '../../src/discover/types.js';
import type { CodeModel } from '../../src/facts/code/model.js';
import type { FactMap } from '../../src/facts/fact-map.js';
import { parseCode } from '../../src/facts/parse/code.js';
import { aggregateCall } from '../../src/facts/perf/cache.js';
import { cacheControlIn } from '../../src/facts/perf/headers.js';
import { sqlIndexKeys } from '../../src/facts/perf/index-sources.js';
import { collectPerRowQueries } from '../../src/facts/perf/n-plus-one.js';
import { isLowCardinality } from '../../src/facts/perf/py-columns.js';
import { createRepoContext } from '../../src/facts/repo.js';

const file = (path: string, language: RepoFile['language']): RepoFile => ({ path, abs: path, language, role: 'app', size: 0, service: '' });

async function repoOf(sources: Record<string, string>) {
  const files = Object.keys(sources).map((p) => file(p, p.endsWith('.py') ? 'python' : 'typescript'));
  const models = new Map<string, CodeModel>();
  for (const f of files) models.set(f.path, await parseCode(f, sources[f.path]));
  const discovery = { root: '/x', isGitRepo: false, files, services: [], skipped: [], gitignorePatterns: [] };
  return createRepoContext(discovery, models, new Map(Object.entries(sources)));
}

describe('sqlIndexKeys', () => {
  it('keys CREATE INDEX statements by table and leading column', () => {
    expect(sqlIndexKeys('CREATE INDEX ix_a ON orders (user_id, created_at);')).toEqual(['orders.user_id']);
    expect(sqlIndexKeys('create unique index concurrently if not exists "ix" on only public."Post" using btree ("authorId")')).toEqual(['post.authorid']);
    expect(sqlIndexKeys('CREATE INDEX ON invoices(customer_id)')).toEqual(['invoices.customer_id']);
    expect(sqlIndexKeys('CREATE TABLE orders (id serial primary key)')).toEqual([]);
  });
});

describe('isLowCardinality', () => {
  it('recognises flags, enums and status-like names', () => {
    expect(isLowCardinality('enabled', ['Column', 'Boolean'])).toBe(true);
    expect(isLowCardinality('status', ['Column', 'String'])).toBe(true);
    expect(isLowCardinality('kind2', ['mapped_column'], 'Mapped[bool]')).toBe(true);
    expect(isLowCardinality('email', ['Column', 'String'])).toBe(false);
  });
});

describe('aggregateCall and cacheControlIn', () => {
  it('finds aggregates in ORM calls and SQL text, not in ordinary selects', async () => {
    const m = await parseCode(file('a.py', 'python'), ['rows = db.execute(select(func.count(User.id)))', 'db.execute(text("SELECT id FROM users"))', 'db.execute(text("SELECT status, COUNT(*) FROM orders GROUP BY status"))', 'itertools.groupby(x)'].join('\n'));
    const hits = m.calls.map((c) => aggregateCall(m, c)).filter(Boolean);
    expect(hits).toEqual(['func.count', 'SQL COUNT / GROUP BY', 'SQL COUNT / GROUP BY']);
  });
  it('sees Cache-Control set by assignment, call or headers dict', async () => {
    const m = await parseCode(file('h.py', 'python'), ['def a(r):', '    r.headers["Cache-Control"] = "max-age=60"', 'def b(r):', '    r.headers.setdefault("cache-control", "no-store")', 'def c():', '    return Response(headers={"Cache-Control": "public"})', 'def d(r):', '    r.headers["X-Frame-Options"] = "DENY"'].join('\n'));
    expect(cacheControlIn(m, 1, 2)).toBe(2);
    expect(cacheControlIn(m, 3, 4)).toBe(4);
    expect(cacheControlIn(m, 5, 6)).toBe(6);
    expect(cacheControlIn(m, 7, 8)).toBeUndefined();
  });
});

describe('per-row queries', () => {
  it('needs both a loop over query results and a query inside it', async () => {
    const repo = await repoOf({
      'svc.py': [
        'def get_user(db, user_id):',
        '    return db.query(User).filter(User.id == user_id).first()',
        'def report(db, ids):',
        '    rows = db.query(Note).all()',
        '    for n in rows:',
        '        get_user(db, n.owner_id)',
        '    for i in ids:',
        '        db.get(Note, i)',
        '    for org in db.query(Org).all():',
        '        with get_organization_session(org.slug) as s:',
        '            s.query(Project).all()',
      ].join('\n'),
    });
    const found = collectPerRowQueries(repo, {} as FactMap);
    expect(found.map((q) => [q.evidence.line, q.kind])).toEqual([[6, 'query']]);
    expect(found[0].what).toContain('get_user()');
    expect(found[0].evidence.note).toBe('loop at line 5 over rows');
  });
});

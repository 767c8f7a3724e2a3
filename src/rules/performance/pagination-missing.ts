import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { Route } from '../../facts/fact-map.js';

const stackOf = fixKeyForFramework;

export default defineRule({
  meta: {
    id: 'pagination-missing',
    area: 'performance',
    severity: 'medium',
    title: 'List endpoints are paginated',
    failureTitle: 'List endpoints return unbounded results',
    why:
      'A route that returns every row of a table is fast on a demo database and fails in production: as the table grows, each call loads, serialises and sends all of it, so response times and memory grow without bound and one client can exhaust the database and the API worker. ' +
      'A limit (with offset, page or cursor parameters) keeps every response the same size whatever the data volume.',
    fix: {
      default: 'Accept `limit` (with a maximum) and `offset`/`cursor` parameters and apply them in the query; return the next cursor or total so clients can page.',
      fastapi: 'Add `limit: int = Query(50, le=200), offset: int = 0` and use `select(Model).limit(limit).offset(offset)`, or fastapi-pagination (`Page[Model]` + `paginate(session, select(Model))`).',
      flask: 'Use `db.paginate(select(Model), page=page, per_page=per_page, max_per_page=100)` with `page`/`per_page` read from `request.args`.',
      django: 'Set `REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]` and `PAGE_SIZE` (or `pagination_class` on the view); for plain views use `Paginator(queryset, 50)` or slice `queryset[:limit]`.',
      express: 'Read `limit`/`offset` from `req.query` (capped) and pass them to the query: `LIMIT $1 OFFSET $2`, `findMany({ take, skip })`, `.find().limit(limit).skip(offset)`.',
      fastify: 'Declare `limit`/`offset` in the route\'s querystring schema (with `maximum`) and apply them in the query.',
      nestjs: 'Accept a `PaginationDto` (`@Query() { limit, offset }` with `@Max(100)`) and pass `take`/`skip` to the repository.',
      nextjs: 'Read `limit`/`cursor` from `request.nextUrl.searchParams` and pass `take`/`cursor` to `findMany`.',
      prisma: 'Pass `take` (capped) and `skip` or `cursor` to `findMany`.',
      sqlalchemy: 'Add `.limit(limit).offset(offset)` to the `select()` before `.scalars().all()`.',
    },
    examples: {
      bad: '@router.get("/notes")\nasync def list_notes(session: AsyncSession = Depends(get_session)):\n    return (await session.execute(select(Note))).scalars().all()',
      good: '@router.get("/notes")\nasync def list_notes(limit: int = Query(50, le=200), offset: int = 0, session: AsyncSession = Depends(get_session)):\n    return (await session.execute(select(Note).limit(limit).offset(offset))).scalars().all()',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes'],
    confidence: 'medium',
  },
  check({ routes }) {
    if (routes.length === 0) return notApplicable('no HTTP routes found');
    const reads = routes.filter((r) => r.method === 'GET' || r.method === 'ANY');
    const unbounded = reads.filter((r) => r.returnsList && !r.pagination);
    if (unbounded.length === 0) {
      const paged = reads.filter((r) => r.pagination);
      return pass(
        paged.length ? `${plural(paged.length, 'read route')} take pagination input; none returns an unbounded list` : 'No route returns an unbounded list',
        paged.map((r) => r.pagination as Evidence),
      );
    }
    // One finding per query: a query shared by several routes is fixed once.
    const byQuery = new Map<string, Route[]>();
    for (const r of unbounded) {
      const q = r.returnsList as Evidence;
      byQuery.set(`${q.file}:${q.line}`, [...(byQuery.get(`${q.file}:${q.line}`) ?? []), r]);
    }
    const findings: Finding[] = [...byQuery.values()].map((rs) => {
      const q = rs[0].returnsList as Evidence;
      const names = rs.map((r) => `${r.method === 'ANY' ? '' : `${r.method} `}${r.path}`).join(', ');
      const stack = stackOf(rs[0].framework);
      return {
        message: `${names} ${rs.length === 1 ? 'returns' : 'return'} every matching row (no limit, page or cursor): the response grows with the table`,
        evidence: [q, ...rs.map((r) => r.evidence)],
        ...(stack ? { stack } : {}),
      };
    });
    return fail(findings);
  },
});

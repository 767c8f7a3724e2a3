import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'n-plus-one',
    area: 'performance',
    severity: 'medium',
    title: 'No per-row queries inside loops over query results',
    failureTitle: 'Queries run once per row inside loops (N+1)',
    why: 'Loading a list and then querying (or lazily loading a relationship) for each row turns one request into N+1 database round trips. With 20 test rows nobody notices; with 2,000 production rows the page makes 2,001 queries, holds a pooled connection the whole time, and its latency grows with the data. Load the related rows in the first query (a join, `selectinload` / `select_related` / `prefetch_related` / Prisma `include`) or fetch them all at once with `WHERE id IN (…)`. Only loops whose items come from a query, with a query or a declared lazy relationship read inside, are reported.',
    fix: {
      default: 'Fetch related rows together with the list (eager loading or one `IN (...)` query) instead of one query per row.',
      sqlalchemy: '`db.scalars(select(Note).options(selectinload(Note.owner)))`, or `lazy="selectin"` on the relationship; replace per-row `db.get(User, n.owner_id)` with one `select(User).where(User.id.in_(ids))`.',
      django: '`Order.objects.select_related("customer").prefetch_related("items")`, or one `Customer.objects.in_bulk(ids)` before the loop.',
      prisma: '`prisma.post.findMany({ include: { author: true } })`, or one `prisma.user.findMany({ where: { id: { in: ids } } })` before the loop.',
      node: 'Join in the first query, or load related rows with one `WHERE id = ANY($1)` / `IN (...)` query before the loop and look them up in a Map.',
    },
    examples: {
      bad: 'for note in db.scalars(select(Note)).all():\n    owner = db.get(User, note.owner_id)',
      good: 'notes = db.scalars(select(Note).options(selectinload(Note.owner))).all()',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['perRowQueries', 'dbEngines', 'markers'],
    confidence: 'medium',
  },
  check({ perRowQueries, dbEngines, markers }) {
    if (perRowQueries.length > 0) {
      return fail(
        perRowQueries.map((q) => ({
          message:
            q.kind === 'query'
              ? `${q.what} runs once per row of a loop over query results: N+1 queries (${q.evidence.note ?? ''})`
              : `${q.what} lazily loads a relationship once per row of a loop over query results: N+1 queries (${q.evidence.note ?? ''})`,
          evidence: [q.evidence],
          stack: q.family === 'py' ? 'sqlalchemy' : 'node',
        })),
      );
    }
    const models = markers.filter((m) => m.kind === 'orm-model');
    if (dbEngines.length === 0 && models.length === 0) return notApplicable('no ORM models or database engine found in code');
    return pass('No per-row queries found inside loops over query results', [...dbEngines.map((e) => e.evidence), ...models.slice(0, 3).map((m) => m.evidence)]);
  },
});

import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const MAX_USES = 6;

export default defineRule({
  meta: {
    id: 'sync-db-in-async-app',
    area: 'performance',
    severity: 'medium',
    title: 'Async handlers use an async database driver',
    failureTitle: 'Async handlers use a sync database driver',
    why: 'An `async def` handler runs on the event loop. A sync driver call inside it (a SQLAlchemy `Session` on psycopg2, `psycopg2.connect`, `pymongo`) blocks the whole loop until the database answers, so one slow query stalls every other request the process is serving, and throughput collapses to one query at a time. Either use an async driver (asyncpg / `create_async_engine`, motor) or declare those handlers with plain `def` so FastAPI runs them in its thread pool. Plain `def` routes are not flagged.',
    fix: {
      default: 'Switch to an async driver (SQLAlchemy `create_async_engine` with asyncpg, motor for MongoDB), or make the handlers that use the sync session plain `def` functions.',
      fastapi: '`engine = create_async_engine("postgresql+asyncpg://…")`, `SessionLocal = async_sessionmaker(engine)`, `async def get_db(): async with SessionLocal() as s: yield s`, and `await db.execute(select(User))` in the route; or drop `async` from routes that use the sync `Session`.',
      py: 'Use an async driver (asyncpg, `create_async_engine`, motor) in async handlers, or run the sync calls with `await asyncio.to_thread(...)`.',
    },
    examples: {
      bad: '@app.get("/users")\nasync def users(db: Session = Depends(get_db)):\n    return db.query(User).all()',
      good: '@app.get("/users")\nasync def users(db: AsyncSession = Depends(get_db)):\n    return (await db.scalars(select(User))).all()',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py'],
    needs: ['syncDbUses'],
    confidence: 'medium',
  },
  check({ syncDbUses }) {
    if (syncDbUses.length === 0) return notApplicable('no database engine or driver in an async web application');
    const blocking = syncDbUses.filter((u) => u.sync && u.uses.length > 0);
    if (blocking.length > 0) {
      return fail(
        blocking.map((u) => ({
          message: `${u.driver} is sync, and ${plural(u.uses.length, 'async handler')} (routes or HTTP middleware) use${u.uses.length === 1 ? 's' : ''} it on the event loop: every query blocks all other requests of the process`,
          evidence: [u.engine, ...u.uses.slice(0, MAX_USES)],
          stack: u.framework === 'fastapi' ? 'fastapi' : 'py',
        })),
      );
    }
    const asyncOnes = syncDbUses.filter((u) => !u.sync);
    const syncOnes = syncDbUses.filter((u) => u.sync);
    const parts = [
      asyncOnes.length ? `async driver${asyncOnes.length > 1 ? 's' : ''} (${[...new Set(asyncOnes.map((u) => u.driver))].join(', ')})` : '',
      syncOnes.length ? `${plural(syncOnes.length, 'sync engine')} with no async handler found using it (plain \`def\` routes run in the thread pool)` : '',
    ].filter(Boolean);
    return pass(`Database access does not block the event loop: ${parts.join('; ')}`, syncDbUses.map((u) => u.engine));
  },
});

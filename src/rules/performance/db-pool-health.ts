import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';

/** SQLAlchemy engines only: Django and the Node drivers have their own health settings. */
const KINDS: Record<string, FixKey> = { sqlalchemy: 'sqlalchemy', 'flask-sqlalchemy': 'flask' };
const HEALTH = ['pool_pre_ping', 'pool_recycle'];

export default defineRule({
  meta: {
    id: 'db-pool-health',
    area: 'performance',
    severity: 'low',
    title: 'Pooled database connections are checked or recycled',
    failureTitle: 'Pooled database connections are never checked or recycled',
    why: 'A pool keeps connections open between requests. When the database restarts, fails over, or a proxy / firewall drops idle connections, the pool hands out dead connections and the next requests fail with "server closed the connection unexpectedly" until each stale connection has been tried once. `pool_pre_ping=True` tests a connection before handing it out, and `pool_recycle` replaces connections older than the idle timeout. Engines with `NullPool`, SQLite engines, and engines whose options come from values the code does not show are not judged.',
    fix: {
      default: 'Pass `pool_pre_ping=True` (and `pool_recycle` below the server or proxy idle timeout, plus a `pool_timeout`) where the engine is created.',
      sqlalchemy: '`create_async_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True, pool_recycle=1800, pool_timeout=30)`.',
      flask: '`app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True, "pool_recycle": 1800, "pool_timeout": 30}`.',
    },
    examples: {
      bad: 'engine = create_engine(settings.database_url, pool_size=10)',
      good: 'engine = create_engine(settings.database_url, pool_size=10, pool_pre_ping=True, pool_recycle=1800, pool_timeout=30)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['dbEngines'],
    confidence: 'high',
  },
  check({ dbEngines }) {
    const pooled = dbEngines.filter((e) => e.kind in KINDS && e.poolNotApplicable === null);
    if (pooled.length === 0) return notApplicable('no pooled SQLAlchemy engine (none, or only SQLite / NullPool engines)');
    const healthy = pooled.filter((e) => e.poolOptions.some((o) => HEALTH.includes(o)));
    // Options behind `**kwargs` may hold pool_pre_ping: nothing can be said about those engines.
    const missing = pooled.filter((e) => !healthy.includes(e) && !e.poolOptions.includes('**'));
    if (missing.length > 0) {
      return fail(
        missing.map((e) => ({
          message: `SQLAlchemy engine pools connections with neither pool_pre_ping nor pool_recycle: dead connections are handed out after a database restart or idle timeout${e.poolOptions.includes('pool_timeout') ? '' : ' (no pool_timeout either: a request waits 30 s for a free connection)'}`,
          evidence: [e.evidence],
          stack: KINDS[e.kind],
        })),
      );
    }
    if (healthy.length === 0) return notApplicable('engine options are passed through values the code model cannot read');
    const used = [...new Set(healthy.flatMap((e) => e.poolOptions.filter((o) => HEALTH.includes(o))))];
    return pass(`${plural(healthy.length, 'pooled engine')} check or recycle connections: ${used.join(', ')}`, healthy.map((e) => e.evidence));
  },
});

/**
 * Caching layers, and GET routes that run aggregate queries (cache-missing).
 * A cache counts when the code uses one: a cache library (cachetools, aiocache, fastapi-cache,
 * flask-caching, Django's cache framework / CACHES / cache_page, node-cache, lru-cache, keyv,
 * apicache, Nest cache-manager), `functools.lru_cache`/`cache` on a data function (not a settings
 * getter), Redis writes with an expiry (`setex`, `set(..., ex=)`, `{ EX }`) read back with `get` in the
 * same function or keyed / named "cache" (not locks or counters), Next.js `revalidate` /
 * `unstable_cache`, or a Cache-Control header with a max-age on responses.
 * An aggregation route: a GET route whose handler, directly or one level down, runs SQLAlchemy
 * `func.count/sum/avg/min/max` or `group_by`, Django `aggregate`/`annotate`, Prisma
 * `aggregate`/`groupBy`/`count`, Mongoose `Model.aggregate`, or SQL text with COUNT/SUM/AVG/GROUP BY;
 * not a paginated list (a page total or per-row sums are part of listing, not a summary of the table).
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { CacheFacts, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { findImport, scannedFiles, walkValue } from '../observability/scan.js';
import { routeCalls } from './route-code.js';
import { sqlOf } from './sql-text.js';

const PY_CACHE_LIBS = ['cachetools', 'aiocache', 'fastapi_cache', 'flask_caching', 'django.core.cache', 'diskcache', 'dogpile.cache', 'cashews', 'requests_cache'];
const NODE_CACHE_LIBS = ['node-cache', 'lru-cache', 'keyv', '@keyv/redis', 'apicache', '@nestjs/cache-manager', 'cache-manager', 'memory-cache', 'quick-lru', 'cacheable', '@isaacs/ttlcache'];
const SQL_AGG = /\b(count|sum|avg)\s*\(|\bgroup\s+by\b/i;
const SQL_CALLS = new Set(['execute', 'text', 'raw', 'query', 'fetch', 'fetchrow', 'fetchval', 'fetch_all', 'fetch_one', '$queryRaw', '$queryRawUnsafe', 'queryRaw', 'exec', 'all', 'get']);

export function collectCaching(repo: RepoContext, facts: FactMap): CacheFacts {
  const caches: CacheFacts['caches'] = [];
  for (const s of scannedFiles(repo)) caches.push(...cachesIn(repo, s.model, s.python));
  const aggregateRoutes: CacheFacts['aggregateRoutes'] = [];
  for (const r of facts.routes) {
    if (r.method !== 'GET' || !r.handler) continue;
    const hits = routeCalls(repo, r).filter((rc) => aggregateCall(rc.model, rc.call));
    const hit = hits[0];
    if (!hit) continue;
    // A paginated list is a list route, not an aggregation one, even when it counts its rows for the
    // page total (`select(func.count())` next to `.offset(skip)`) or sums each row's lines: what a
    // stats route summarises is the whole table, and it takes no page parameters.
    if (r.pagination) continue;
    // Only counts (`prisma.article.count()`, `func.count()` beside a bounded list): the list's total, not
    // a summary worth caching.
    if (hits.every((h) => /count/i.test(aggregateCall(h.model, h.call) ?? '') && !/group/i.test(aggregateCall(h.model, h.call) ?? ''))) continue;
    aggregateRoutes.push({
      framework: r.framework,
      method: r.method,
      path: r.path,
      route: r.evidence,
      aggregate: repo.ev(hit.model.file, hit.call.line, { note: `aggregate query: ${aggregateCall(hit.model, hit.call)}` }),
    });
  }
  return { caches, aggregateRoutes };
}

/** What aggregate the call runs, or undefined. */
export function aggregateCall(m: CodeModel, c: CallSite): string | undefined {
  if (m.language === 'python') {
    if (/(^|\.)func\.(count|sum|avg|min|max)$/.test(c.callee)) return c.callee;
    if (c.name === 'group_by' && !/^(itertools|df|pd)\b/.test(c.callee)) return 'group_by';
    if ((c.name === 'aggregate' || c.name === 'annotate') && /objects|queryset|qs|_set\b|\(\)/.test(c.callee)) return c.name;
  } else {
    if (/(^|\.)(prisma|db|client)\.\w+\.(aggregate|groupBy|count)$/.test(c.callee)) return c.callee;
    if (c.name === 'aggregate' && /^[A-Z]\w*\.aggregate$/.test(c.callee)) return c.callee;
  }
  if (SQL_CALLS.has(c.name)) {
    const sql = sqlOf(m, c.args[0]);
    if (sql && /\bselect\b/i.test(sql) && SQL_AGG.test(sql)) {
      const found = [...new Set([...sql.matchAll(new RegExp(SQL_AGG.source, 'gi'))].map((m) => m[0].replace(/\s*\($/, '').replace(/\s+/g, ' ').toUpperCase()))];
      return `SQL ${found.join(' / ')}`;
    }
  }
  return undefined;
}

/** A Cache-Control value that lets something cache: a positive max-age / s-maxage, or `public`. */
function cachingHeaderValue(v: Value | undefined): boolean {
  const s = v?.kind === 'string' ? (v.value ?? '') : '';
  return /(s-)?max-age=\s*[1-9]|\bpublic\b|stale-while-revalidate/i.test(s) && !/no-store/i.test(s);
}

function cachesIn(repo: RepoContext, m: CodeModel, python: boolean): CacheFacts['caches'] {
  const out: CacheFacts['caches'] = [];
  const add = (detail: string, line: number) => out.push({ detail, evidence: repo.ev(m.file, line) });
  const lib = findImport(m, python ? PY_CACHE_LIBS : NODE_CACHE_LIBS);
  if (lib) add(lib.module, lib.line);
  if (python) {
    for (const f of m.functions) {
      const d = f.decorators.find((x) => /^(functools\.)?(lru_cache|cache)(\(|$)|^cache_page\(|^(cache|\w+_cache)\.(cached|memoize)\(/.test(x.text));
      // A memoised settings / config getter is not a data cache.
      if (d && !/settings|config|env/i.test(f.name)) add(`@${d.text.replace(/\(.*$/, '')}`, d.line);
    }
    for (const a of m.assignments) {
      if (a.scope === 'module' && a.target === 'CACHES' && !/DummyCache/.test(a.value.text)) add('Django CACHES', a.line);
      if (/cache-control/i.test(a.target) && cachingHeaderValue(a.value)) add('Cache-Control header', a.line);
    }
  } else {
    for (const a of m.assignments) if (a.scope === 'module' && a.target === 'revalidate' && a.value.kind === 'number' && Number(a.value.text) > 0) add('Next.js revalidate', a.line);
  }
  for (const c of m.calls) {
    const expiring = c.name === 'setex' || c.name === 'setEx' || c.name === 'psetex' || (c.name === 'set' && (c.kwargs.ex || c.kwargs.px || c.args.some((a) => (a.kind === 'string' && /^(EX|PX)$/.test(a.value ?? '')) || (a.kind === 'dict' && a.entries?.some((e) => e.key === 'EX' || e.key === 'PX')))));
    if (expiring) {
      // A cache, not a lock or a rate counter: read-then-write on the same client in the same function, or a key / client named cache.
      const recv = c.callee.slice(0, c.callee.lastIndexOf('.'));
      const readBack = m.calls.some((g) => g.fn === c.fn && g.name === 'get' && g.callee.slice(0, g.callee.lastIndexOf('.')) === recv && g.line <= c.line);
      if (readBack || /cache/i.test(recv) || /cache/i.test(c.args[0]?.text ?? '')) add(`Redis ${c.name} (cache-aside)`, c.line);
    }
    if (expiring) continue;
    if (c.callee === 'unstable_cache' || c.callee === 'cache_page' || c.callee.endsWith('.cache_page')) add(c.callee, c.line);
    else if (c.args.some((a) => a.kind === 'string' && /^cache-control$/i.test(a.value ?? '')) && c.args.some(cachingHeaderValue)) add('Cache-Control header', c.line);
    else if ([...c.args, ...Object.values(c.kwargs)].some((a) => walkValue(a).some((v) => (v.entries ?? []).some((e) => (/^cache-control$/i.test(e.key) && cachingHeaderValue(e.value)) || (e.key === 'revalidate' && e.value.kind === 'number' && Number(e.value.text) > 0))))) add('Cache-Control header', c.line);
  }
  return out;
}

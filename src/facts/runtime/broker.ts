/**
 * Where task queues get their broker connection.
 * - Celery: per `Celery(...)` app, the `broker=` argument; else a `broker_url` setting anywhere
 *   (`conf.broker_url`, `conf.update(broker_url=…)`, celeryconfig `broker_url`, Django `CELERY_BROKER_URL`,
 *   old `BROKER_URL`) or a `config_from_object(...)` call (a module that may set it: `config`). With none,
 *   Celery reads the `CELERY_BROKER_URL` environment variable, else connects to amqp://localhost: `missing`.
 * - BullMQ: `new Queue(name, opts)` / `new Worker(name, proc, opts)` without a `connection` option connect
 *   to localhost:6379 (`missing`). Bull v3: `new Bull(name)` with no URL or options argument.
 * Env variable names come from the code model's env reads on the value's line.
 */
import type { CodeModel, Value } from '../code/model.js';
import type { BrokerSource } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, hasSpread } from './values.js';

function classify(repo: RepoContext, m: CodeModel, v: Value, framework: BrokerSource['framework']): BrokerSource {
  const evidence = repo.ev(m.file, v.line);
  const read = m.envReads.find((r) => r.line === v.line);
  if (read) return { framework, kind: 'env', env: read.name, evidence };
  if (v.kind === 'string' || v.kind === 'fstring') return { framework, kind: 'literal', evidence };
  return { framework, kind: 'config', evidence };
}

const BROKER_KEY = /^(broker_url|CELERY_BROKER_URL|BROKER_URL|broker)$/;

function celeryBrokers(repo: RepoContext, models: CodeModel[]): BrokerSource[] {
  const celery = models.filter((m) => m.imports.some((i) => i.module === 'celery'));
  if (celery.length === 0) return [];
  // A broker set anywhere in configuration applies to every app.
  const settings: BrokerSource[] = [];
  for (const m of models) {
    for (const a of m.assignments) {
      const key = a.target.replace(/^.*\.conf\./, '').replace(/^.*\.conf\[["'](.+)["']\]$/, '$1');
      if ((a.target.includes('.conf') || a.scope === 'module') && BROKER_KEY.test(key) && key !== 'broker') settings.push(classify(repo, m, a.value, 'celery'));
    }
    for (const c of m.calls) {
      if (/(^|\.)conf\.update$/.test(c.callee) && c.kwargs.broker_url) settings.push(classify(repo, m, c.kwargs.broker_url, 'celery'));
      if (c.name === 'config_from_object' || c.name === 'config_from_envvar') settings.push({ framework: 'celery', kind: 'config', evidence: repo.ev(m.file, c.line) });
    }
  }
  const out: BrokerSource[] = [];
  for (const m of celery) {
    for (const c of m.calls) {
      if (!/^(celery\.)?Celery$/.test(c.callee)) continue;
      const b = c.kwargs.broker;
      if (b && b.kind !== 'none') out.push(classify(repo, m, b, 'celery'));
      else if (settings.length > 0) out.push(...settings);
      else out.push({ framework: 'celery', kind: 'missing', env: 'CELERY_BROKER_URL', evidence: repo.ev(m.file, c.line) });
    }
  }
  return out;
}

function nodeBrokers(repo: RepoContext, models: CodeModel[]): BrokerSource[] {
  const out: BrokerSource[] = [];
  for (const m of models) {
    const bullmq = m.imports.some((i) => i.module === 'bullmq');
    const bull = m.imports.some((i) => i.module === 'bull');
    for (const c of m.calls) {
      if (bullmq && c.isNew && /^(bullmq\.)?(Queue|Worker|FlowProducer|QueueEvents)$/.test(c.callee)) {
        const opts = c.callee.endsWith('Worker') ? c.args[2] : c.args[1];
        const conn = entry(opts, 'connection');
        const known = !opts || (opts.kind === 'dict' && !hasSpread(opts));
        if (conn) out.push(classify(repo, m, conn, 'bullmq'));
        else out.push({ framework: 'bullmq', kind: known ? 'missing' : 'config', evidence: repo.ev(m.file, c.line) });
      } else if (bull && /^(Bull|Queue)$/.test(c.callee)) {
        const second = c.args[1];
        const known = !second || (second.kind === 'dict' && !hasSpread(second) && !entry(second, 'redis') && !entry(second, 'createClient'));
        out.push(known ? { framework: 'bull', kind: 'missing', evidence: repo.ev(m.file, c.line) } : classify(repo, m, second, 'bull'));
      }
    }
  }
  return out;
}

export function collectBrokers(repo: RepoContext): BrokerSource[] {
  const models = [...repo.models.values()].filter((m) => ['app', 'config', 'script'].includes(repo.file(m.file)?.role ?? ''));
  return [...celeryBrokers(repo, models.filter((m) => m.language === 'python')), ...nodeBrokers(repo, models.filter((m) => m.language !== 'python'))];
}

/**
 * Database engines/pools (db-python.ts, db-node.ts) and SQLite uses (sqlite.ts) of the deployed
 * application: role `app` (and `config`, for knexfiles) code only; scripts and migrations open
 * their own short-lived connections and are not the service.
 */
import type { CodeModel } from '../code/model.js';
import type { DbEngine, FactMap, SqliteUse } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { nodeEngines } from './db-node.js';
import { pythonEngines } from './db-python.js';
import { collectSqlite } from './sqlite.js';

export function collectDbEngines(repo: RepoContext, _facts: FactMap): DbEngine[] {
  const byService = new Map<string, CodeModel[]>();
  for (const m of repo.models.values()) {
    const s = repo.file(m.file)?.service ?? '';
    byService.set(s, [...(byService.get(s) ?? []), m]);
  }
  const out: DbEngine[] = [];
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || (f.role !== 'app' && f.role !== 'config')) continue;
    out.push(...(m.language === 'python' ? pythonEngines(repo, m, byService.get(f.service) ?? []) : nodeEngines(repo, m)));
  }
  return out;
}

export function collectSqliteUses(repo: RepoContext, _facts: FactMap): SqliteUse[] {
  return collectSqlite(repo);
}

/**
 * Rate limits applied in front of the app: nginx `limit_req` in a reverse-proxy config shipped with
 * the repository (plain-text config, read line by line). They cover every route behind the proxy.
 */
import type { Evidence } from '../../core/evidence.js';
import type { RepoContext } from '../repo.js';

const cache = new WeakMap<RepoContext, Evidence[]>();

export function proxyRateLimits(repo: RepoContext): Evidence[] {
  let out = cache.get(repo);
  if (out) return out;
  out = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture' || f.role === 'docs' || !/\.conf(\.template)?$|(^|\/)nginx\//.test(f.path)) continue;
    const lines = repo.lines(f.path);
    lines.forEach((line, i) => {
      if (/^\s*limit_req\s+zone=/.test(line)) out!.push(repo.ev(f.path, i + 1, { note: 'nginx limit_req' }));
    });
  }
  cache.set(repo, out);
  return out;
}

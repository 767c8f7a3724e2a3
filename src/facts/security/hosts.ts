/**
 * Allowed-host restrictions of Python apps (fact AllowedHosts, for trusted-host-missing):
 * Starlette/FastAPI `TrustedHostMiddleware` (its default `allowed_hosts` is ["*"]), Django
 * `ALLOWED_HOSTS`, Flask `TRUSTED_HOSTS` (app.config or a config class). Hosts read from
 * configuration are `null`; development-only settings modules, dev config classes and blocks under
 * `if DEBUG:` are skipped, and a production settings module overriding a base `['*']` wins.
 */
import type { CodeModel, Value } from '../code/model.js';
import type { AllowedHosts, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, frameworkOf, isDevClassName, isDevSettingsFile, resolveLiteral, stringItems } from './code-util.js';
import { envGuard } from './layout.js';

function hostsOf(m: CodeModel, v: Value | undefined): { hosts: string[] | null; allowsAny: boolean } {
  const items = stringItems(resolveLiteral(m, v));
  return { hosts: items, allowsAny: items?.includes('*') ?? false };
}

export function collectAllowedHosts(repo: RepoContext, _facts: FactMap): AllowedHosts[] {
  const models = appModels(repo, ['app', 'config']).filter((m) => m.language === 'python');
  const out: AllowedHosts[] = [];
  for (const m of models) {
    if (isDevSettingsFile(m.file)) continue;
    const service = repo.file(m.file)?.service ?? '';
    const dev = (line: number) => envGuard(repo, m.file, line) !== null || isDevClassName(m.classes.filter((c) => c.line <= line && line <= c.endLine).pop()?.name ?? 'App');
    for (const c of m.calls) {
      if ((c.name === 'add_middleware' || c.name === 'Middleware') && /(^|\.)TrustedHostMiddleware$/.test(c.args[0]?.text ?? '') && !dev(c.line)) {
        const v = c.kwargs.allowed_hosts ?? c.args[1];
        const h = v ? hostsOf(m, v) : { hosts: ['*'], allowsAny: true };
        out.push({ framework: frameworkOf(m) === 'fastapi' ? 'fastapi' : 'starlette', evidence: repo.ev(m.file, c.line, { endLine: c.endLine }), service, ...h });
      }
      if (c.name === 'update' && /config$/.test(c.callee.replace(/\.update$/, '')) && c.kwargs.TRUSTED_HOSTS && !dev(c.line)) {
        out.push({ framework: 'flask', evidence: repo.ev(m.file, c.line), service, ...hostsOf(m, c.kwargs.TRUSTED_HOSTS) });
      }
    }
    for (const a of m.assignments) {
      if (a.scope === 'function' || dev(a.line)) continue;
      if (a.target === 'ALLOWED_HOSTS' && a.scope === 'module') {
        const h = hostsOf(m, a.value);
        if (h.allowsAny && productionOverride(models, m.file)) continue;
        out.push({ framework: 'django', evidence: repo.ev(m.file, a.line), service, ...h });
      } else if (a.target === 'TRUSTED_HOSTS' || /\.config\[\s*['"]TRUSTED_HOSTS['"]\s*\]$/.test(a.target)) {
        out.push({ framework: 'flask', evidence: repo.ev(m.file, a.line), service, ...hostsOf(m, a.value) });
      }
    }
  }
  return out;
}

/** `settings/production.py` beside a base module assigns ALLOWED_HOSTS itself, with anything but ['*']. */
function productionOverride(models: CodeModel[], file: string): boolean {
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  return models.some((m) => {
    if (m.file === file || m.file.slice(0, m.file.lastIndexOf('/') + 1) !== dir) return false;
    if (!/(^|[_.-])(prod|production|staging|live|deploy)([_.-]|$)/.test(m.file.slice(dir.length).replace(/\.py$/, ''))) return false;
    const a = m.assignments.filter((x) => x.scope === 'module' && x.target === 'ALLOWED_HOSTS').pop();
    return a !== undefined && !(stringItems(a.value)?.includes('*') ?? false);
  });
}

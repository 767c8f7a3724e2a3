/**
 * SecretFact: credentials written into committed source or configuration. Evidence snippets are
 * redacted here, so no later layer ever holds the value. Test files, fixtures, docs and env
 * templates are not scanned (their values are fake by design).
 */
import type { FactMap, SecretFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { codeSecrets } from './secrets-code.js';
import { configSecrets } from './secrets-config.js';

const CODE_ROLES = new Set(['app', 'script', 'migration', 'config']);

export function collectSecrets(repo: RepoContext, _facts: FactMap): SecretFact[] {
  const out: SecretFact[] = [];
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || !CODE_ROLES.has(f.role) || f.tracked === false) continue;
    out.push(...codeSecrets(repo, m));
  }
  out.push(...configSecrets(repo));
  return out;
}

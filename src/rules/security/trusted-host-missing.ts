import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

const PY = new Set(['fastapi', 'starlette', 'flask', 'django']);

export default defineRule({
  meta: {
    id: 'trusted-host-missing',
    area: 'security',
    severity: 'low',
    title: 'Requests are restricted to known host names',
    failureTitle: 'Any Host header is accepted',
    why:
      'Without an allowed-hosts list the app trusts whatever Host header a client sends, and builds absolute URLs from it: password-reset and verification links, redirects and cache keys can be made to point at an attacker\'s domain (host header poisoning). ' +
      'Restricting hosts to the production domain turns such requests into 400 errors.',
    fix: {
      default: 'Accept only the production host names, read from configuration.',
      fastapi: '`app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)` with `ALLOWED_HOSTS=api.example.com` per environment (never `["*"]`).',
      py: '`app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)` (Starlette), never `["*"]`.',
      flask: 'Set `app.config["TRUSTED_HOSTS"] = os.environ["TRUSTED_HOSTS"].split(",")` (Flask ≥ 3.1) or check `request.host` in a `before_request` hook.',
      django: '`ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")` in production settings instead of `["*"]`.',
    },
    examples: {
      bad: 'ALLOWED_HOSTS = ["*"]',
      good: 'ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['allowedHosts', 'appEntries', 'files'],
    confidence: 'medium',
  },
  check({ allowedHosts, appEntries, files }) {
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const svc = (file: string) => serviceOf.get(file) ?? '';
    const entries = appEntries.filter((e) => PY.has(e.framework));
    if (entries.length === 0 && allowedHosts.length === 0) return notApplicable('no Python web application');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const h of allowedHosts) {
      if (h.allowsAny) findings.push({ message: `Allowed hosts include "*": every Host header is accepted`, evidence: [h.evidence], stack: fixKeyForFramework(h.framework) });
      else strengths.push(h.evidence);
    }
    const restricted = new Set(allowedHosts.map((h) => h.service));
    const reported = new Set<string>();
    for (const e of entries) {
      const service = svc(e.evidence.file);
      // Django refuses every host unless ALLOWED_HOSTS is set, so it cannot be "missing", only "*".
      if (e.framework === 'django' || restricted.has(service) || reported.has(service)) continue;
      reported.add(service);
      findings.push({
        message: `No allowed-hosts restriction for this ${e.framework === 'flask' ? 'Flask' : e.framework === 'fastapi' ? 'FastAPI' : 'Starlette'} app: no TrustedHostMiddleware${e.framework === 'flask' ? ' or TRUSTED_HOSTS' : ''}, so any Host header is accepted`,
        evidence: [e.evidence],
        stack: fixKeyForFramework(e.framework),
      });
    }
    if (findings.length > 0) return fail(findings);
    if (strengths.length === 0) return notApplicable('no Python application whose allowed hosts could be judged');
    return pass(`Allowed hosts restricted (${plural(strengths.length, 'place')})`, strengths);
  },
});

import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';

const FIX_STACKS = new Set<string>(['fastapi', 'flask', 'django', 'express', 'fastify', 'nestjs', 'nextjs']);

export default defineRule({
  meta: {
    id: 'security-headers-missing',
    area: 'security',
    severity: 'medium',
    title: 'Responses carry security headers',
    failureTitle: 'No security headers are set',
    why: 'Without HSTS a user\'s first plain-HTTP request can be intercepted and downgraded; without X-Frame-Options or a CSP `frame-ancestors` the app can be framed for clickjacking; without `X-Content-Type-Options: nosniff` browsers may execute uploaded files as scripts. These headers cost one middleware and close whole classes of browser attacks.',
    fix: {
      default: 'Add a middleware that sets Strict-Transport-Security, Content-Security-Policy (or X-Frame-Options), X-Content-Type-Options: nosniff and Referrer-Policy on every response.',
      fastapi: 'Add the `secure` package: `secure_headers = secure.Secure.with_default_headers()` and a middleware that calls `await secure_headers.set_headers_async(response)`, or set the headers in an `@app.middleware("http")` function.',
      flask: 'Wrap the app with flask-talisman: `Talisman(app, content_security_policy=...)`, which sets HSTS, CSP, X-Frame-Options and nosniff.',
      django: "Keep `django.middleware.security.SecurityMiddleware` first in MIDDLEWARE and set `SECURE_HSTS_SECONDS`, `SECURE_CONTENT_TYPE_NOSNIFF = True` and `X_FRAME_OPTIONS = 'DENY'` in production settings.",
      express: 'Install helmet and add `app.use(helmet())` before your routes.',
      fastify: 'Register `@fastify/helmet`: `await app.register(helmet)`.',
      nestjs: 'Install helmet and call `app.use(helmet())` in `main.ts` before `app.listen()`.',
      nextjs: 'Return the headers from `headers()` in `next.config.js` (`source: "/(.*)"`) or set them in `middleware.ts`.',
    },
    examples: {
      bad: 'const app = express();\napp.use(express.json());',
      good: "import helmet from 'helmet';\nconst app = express();\napp.use(helmet());",
      lang: 'ts',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['markers', 'appEntries', 'files'],
    confidence: 'medium',
  },
  check({ markers, appEntries, files }) {
    if (appEntries.length === 0) return notApplicable('no web application found');
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const headerMarkers = markers.filter((m) => m.kind === 'security-headers');
    const coveredBy = (service: string) =>
      headerMarkers.filter((m) => {
        const s = serviceOf.get(m.evidence.file) ?? '';
        return s === service || s === '' || service.startsWith(`${s}/`);
      });
    const byService = new Map<string, typeof appEntries>();
    for (const e of appEntries) {
      const s = serviceOf.get(e.evidence.file) ?? '';
      byService.set(s, [...(byService.get(s) ?? []), e]);
    }
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const [service, entries] of byService) {
      const covering = coveredBy(service);
      if (covering.length > 0) {
        strengths.push(...covering.map((m) => m.evidence));
        continue;
      }
      const sorted = [...entries].sort((a, b) => (a.evidence.file < b.evidence.file ? -1 : a.evidence.file > b.evidence.file ? 1 : a.evidence.line - b.evidence.line));
      const fw = sorted[0].framework;
      findings.push({
        message: `No security headers (HSTS, CSP, X-Frame-Options, nosniff) are set for ${plural(sorted.length, 'application')}${service ? ` in ${service}/` : ''}`,
        evidence: sorted.map((e) => e.evidence),
        ...(FIX_STACKS.has(fw) ? { stack: fw as FixKey } : {}),
      });
    }
    if (findings.length > 0) return fail(findings);
    const unique = [...new Map(strengths.map((e) => [`${e.file}:${e.line}`, e])).values()];
    return pass(`Security headers set (${[...new Set(headerMarkers.map((m) => m.detail))].slice(0, 3).join(', ')})`, unique);
  },
});

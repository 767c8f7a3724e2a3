import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'api-url-hardcoded',
    area: 'frontend',
    severity: 'low',
    title: 'The front end reads its API URL from build-time configuration',
    failureTitle: 'API base URL hard-coded in the front end',
    why: 'A front end bundles its code at build time: a literal `http://localhost:8000` or a production URL written into the source ships to every environment. Staging builds call production (or users\' browsers call localhost), and moving the API means a code change and a rebuild instead of a setting.',
    fix: {
      default: 'Read the base URL from the build environment, keeping a dev default if you like: `const API_URL = import.meta.env.VITE_API_URL ?? "http://localhost:8000"` (Vite) and set `VITE_API_URL` per environment; or use a relative `/api` path behind a proxy.',
      nextjs: 'Use `process.env.NEXT_PUBLIC_API_URL` (set per environment in the host\'s settings) or a relative `/api` path with a `rewrites()` entry in next.config.js.',
    },
    examples: {
      bad: "export const api = axios.create({ baseURL: 'http://localhost:8000/api' });",
      good: "export const api = axios.create({ baseURL: import.meta.env.VITE_API_URL ?? 'http://localhost:8000/api' });",
      lang: 'ts',
    },
    effort: 'minutes',
    appliesTo: ['fe'],
    needs: ['frontends'],
    confidence: 'medium',
  },
  check({ frontends }) {
    if (frontends.length === 0) return notApplicable('no React / Next.js / Vite front end');
    const found = frontends.flatMap((a) => a.hardcodedApiUrls.map((u) => ({ ...u, nextjs: a.frameworks.includes('nextjs') })));
    if (found.length > 0) {
      return fail(
        found.map((u) => ({
          message: `API base URL \`${u.url}\` is written into the front-end code instead of build-time configuration`,
          evidence: [u.evidence],
          ...(u.nextjs ? { stack: 'nextjs' as const } : {}),
        })),
      );
    }
    const configured = frontends.flatMap((a) => a.configuredApiUrls);
    if (configured.length === 0) return notApplicable('no API base URL found in the front-end code');
    return pass(`${plural(configured.length, 'API URL')} read from build-time configuration`, configured.slice(0, 5));
  },
});

import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'error-boundary-missing',
    area: 'frontend',
    severity: 'low',
    title: 'The React app has an error boundary',
    failureTitle: 'React app without an error boundary',
    why: 'In React, an error thrown while rendering any component unmounts the whole tree: one bad API response or a null field turns the entire page white, with nothing for the user to do but reload. An error boundary (or a router/Next.js error component) keeps the rest of the app alive, shows a fallback and gives you a place to report the error.',
    fix: {
      default: 'Wrap the app (or each route) in an error boundary: `react-error-boundary`\'s `<ErrorBoundary FallbackComponent={ErrorFallback}>` around `<App />` at the root render, or your router\'s error component (TanStack Router `errorComponent`, React Router `errorElement`).',
      nextjs: 'Add `app/error.tsx` (a client component receiving `error` and `reset`) and `app/global-error.tsx` for errors in the root layout.',
    },
    examples: {
      bad: "createRoot(document.getElementById('root')!).render(<App />);",
      good: "createRoot(document.getElementById('root')!).render(\n  <ErrorBoundary FallbackComponent={ErrorFallback}>\n    <App />\n  </ErrorBoundary>,\n);",
      lang: 'tsx',
    },
    effort: 'hours',
    appliesTo: ['fe'],
    needs: ['frontends'],
    confidence: 'high',
  },
  check({ frontends }) {
    // Only React apps with a known start (a root render or a Next.js app) can be judged.
    const apps = frontends.filter((a) => (a.frameworks.includes('react') || a.frameworks.includes('nextjs')) && a.roots.length > 0);
    if (apps.length === 0) return notApplicable('no React front end with a root render or Next.js root layout');
    const missing = apps.filter((a) => a.errorBoundaries.length === 0);
    if (missing.length > 0) {
      return fail(
        missing.map((a) => ({
          message: `The React app${a.service ? ` in ${a.service}/` : ''} has no error boundary: a render error in any component blanks the whole page`,
          evidence: a.roots,
          ...(a.frameworks.includes('nextjs') ? { stack: 'nextjs' as const } : {}),
        })),
      );
    }
    const found = apps.flatMap((a) => a.errorBoundaries);
    return pass(`${plural(found.length, 'error boundary', 'error boundaries')} found`, found.slice(0, 5));
  },
});

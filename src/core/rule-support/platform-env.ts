/** Environment variables set by the runtime or the hosting platform, never by the operator's env file. */
const PLATFORM_EXACT = new Set([
  'PORT', 'NODE_ENV', 'HOSTNAME', 'HOME', 'PATH', 'PWD', 'USER', 'SHELL', 'TMPDIR', 'TZ', 'LANG', 'CI', 'PYTHONPATH',
  'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'DYNO', 'WEB_CONCURRENCY', 'VERCEL', 'NEXT_RUNTIME', 'AWS_EXECUTION_ENV',
  'DJANGO_SETTINGS_MODULE', 'SOURCE_VERSION', 'TERM', 'TMP', 'TEMP', 'LOGNAME', 'VIRTUAL_ENV', 'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy',
  // Set by test runners, read to detect them.
  'JEST_WORKER_ID', 'VITEST', 'PYTEST_CURRENT_TEST',
]);
// Vercel also exposes its system variables to the front-end build under the framework prefix
// (`NEXT_PUBLIC_VERCEL_URL`, `VITE_VERCEL_ENV`).
const PLATFORM_PREFIX = /^(RAILWAY_|FLY_|RENDER_|VERCEL_|HEROKU_|GITHUB_|KUBERNETES_|AWS_LAMBDA_|GAE_|WEBSITE_|npm_|(NEXT_PUBLIC|VITE|REACT_APP|NUXT_ENV|PUBLIC)_VERCEL_)/;

export function platformProvided(name: string): boolean {
  return PLATFORM_EXACT.has(name) || PLATFORM_PREFIX.test(name);
}

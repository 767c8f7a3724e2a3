import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';

export default defineRule({
  meta: {
    id: 'static-cache-headers',
    area: 'performance',
    severity: 'low',
    title: 'Static assets are served with cache headers',
    failureTitle: 'Static assets served without cache headers',
    why: 'Without a Cache-Control max-age, browsers and CDNs revalidate (or re-download) every script, stylesheet and image on each page view, so every visit costs extra round trips and the application process spends its workers streaming files. Fingerprinted assets can be cached for a year; unversioned ones for minutes. Apps that leave static files to a CDN or a separate front end are not judged, and options passed as non-literal values are not read.',
    fix: {
      default: 'Set a Cache-Control max-age on static responses (long and `immutable` for fingerprinted files), or serve them from a CDN.',
      fastapi: 'Subclass `StaticFiles` and set the header: `class CachedStatic(StaticFiles):\n    async def get_response(self, path, scope):\n        r = await super().get_response(path, scope)\n        r.headers["Cache-Control"] = "public, max-age=31536000, immutable"\n        return r`, then `app.mount("/static", CachedStatic(directory="static"))`.',
      py: 'Subclass `StaticFiles` and set `Cache-Control` in `get_response`, or put a CDN / WhiteNoise in front.',
      flask: '`app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 31536000` for fingerprinted assets (or `send_from_directory(..., max_age=3600)`), or wrap the app with WhiteNoise.',
      django: 'Use WhiteNoise: `"whitenoise.middleware.WhiteNoiseMiddleware"` and `STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}`.',
      express: "`app.use('/static', express.static('public', { maxAge: '7d', immutable: true }))`.",
      fastify: "`fastify.register(fastifyStatic, { root, prefix: '/static/', maxAge: '7d', immutable: true })`.",
      nestjs: "`ServeStaticModule.forRoot({ rootPath, serveStaticOptions: { maxAge: '7d', immutable: true } })`.",
    },
    examples: { bad: "app.use(express.static('public'))", good: "app.use(express.static('public', { maxAge: '7d', immutable: true }))", lang: 'javascript' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['staticServing'],
    confidence: 'high',
  },
  check({ staticServing }) {
    if (staticServing.length === 0) return notApplicable('the application serves no static files itself');
    const bare = staticServing.filter((s) => s.cacheHeaders === null);
    if (bare.length > 0) {
      return fail(
        bare.map((s) => ({
          message: `${s.mechanism} serves files with no Cache-Control max-age: browsers revalidate or re-download them on every page view`,
          evidence: [s.evidence],
          stack: fixKeyForFramework(s.framework),
        })),
      );
    }
    return pass(
      `${plural(staticServing.length, 'static file mount')} set cache headers (${[...new Set(staticServing.map((s) => s.mechanism))].join(', ')})`,
      staticServing.map((s) => s.cacheHeaders ?? s.evidence),
    );
  },
});

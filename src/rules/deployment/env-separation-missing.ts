import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';
import { backendTargets, fixKeyOf, frameworkLabel, inService, serviceOf } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'env-separation-missing',
    area: 'deployment',
    severity: 'low',
    title: 'Configuration distinguishes development, staging and production',
    failureTitle: 'Configuration has no notion of environment',
    why:
      'When nothing in the configuration says which environment the process runs in, development conveniences (debug pages, verbose logs, permissive CORS, a local database default) and production settings live in one undifferentiated set, and the only way to change behaviour per environment is to edit code. ' +
      'An explicit environment setting (or per-environment settings classes / files) lets production fail closed, lets staging mirror it, and makes it obvious in logs and error reports which environment produced them.',
    fix: {
      default: 'Add one setting naming the environment (`APP_ENV=development|staging|production`), read it in the settings module, and derive environment-specific behaviour (debug, log level, CORS, error detail) from it.',
      py: 'Add `environment: Literal["development", "staging", "production"] = "development"` to the settings class and branch on `settings.environment` (debug, docs URL, log level).',
      fastapi: 'Add `environment: Literal["development", "staging", "production"]` to the pydantic settings; e.g. `FastAPI(docs_url=None if settings.environment == "production" else "/docs")`.',
      flask: 'Define `DevelopmentConfig` / `ProductionConfig` classes and load one from `APP_ENV`: `app.config.from_object(CONFIGS[os.environ.get("APP_ENV", "development")])`.',
      django: 'Split settings into `settings/base.py`, `development.py`, `production.py` and select one with `DJANGO_SETTINGS_MODULE`, or read `DJANGO_ENV` with django-environ.',
      node: 'Read `NODE_ENV` (or `APP_ENV`) in the config module, validate it (`z.enum(["development", "test", "production"])`), and set it to `production` in the Dockerfile / platform.',
      express: 'Validate `NODE_ENV` in the config module and set `ENV NODE_ENV=production` in the Dockerfile; Express itself also disables stack traces in error pages when it is `production`.',
      nestjs: 'Use `ConfigModule.forRoot({ envFilePath: `.env.${process.env.NODE_ENV}` })` with NODE_ENV validated in the schema.',
    },
    examples: {
      bad: 'class Settings(BaseSettings):\n    database_url: str\n    debug: bool = True',
      good: 'class Settings(BaseSettings):\n    environment: Literal["development", "staging", "production"] = "development"\n    database_url: str\n\n    @property\n    def debug(self) -> bool:\n        return self.environment == "development"',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['settings', 'appEntries', 'files', 'services'],
    confidence: 'medium',
  },
  check({ settings, appEntries, files, services }) {
    const targets = backendTargets({ appEntries, files, services });
    if (targets.length === 0) return notApplicable('no back-end service');
    const svc = serviceOf({ files });
    // A front end reading NODE_ENV says nothing about the API's configuration.
    const forTarget = (service: string) => settings.environments.filter((e) => svc(e.evidence.file) === service || svc(e.evidence.file) === '');
    const missing = targets.filter((t) => forTarget(t.service).length === 0);
    if (missing.length > 0) {
      return fail(
        missing.map((t) => ({
          message: `The ${frameworkLabel(t)}${inService(t.service)} has no notion of environment: no ENVIRONMENT / APP_ENV / NODE_ENV setting, per-environment settings classes or per-environment config files`,
          evidence: [t.anchor],
          ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
        })),
      );
    }
    const found = targets.flatMap((t) => forTarget(t.service));
    const kinds = [...new Set(found.map((e) => e.kind))];
    return pass(`Environment notion: ${kinds.slice(0, 3).join('; ')}`, found.filter((e, i) => found.findIndex((x) => x.evidence.file === e.evidence.file && x.evidence.line === e.evidence.line) === i).slice(0, 5).map((e) => e.evidence));
  },
});

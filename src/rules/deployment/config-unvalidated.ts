import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { platformProvided } from '../../core/rule-support/platform-env.js';
import type { AppEntry, EnvRead } from '../../facts/fact-map.js';

/** Reads straight from the process environment, with no schema in between. */
const AD_HOC = new Set(['os.getenv', 'os.environ.get', 'os.environ', 'process.env', 'python-decouple']);
/** Above this many modules, configuration is scattered rather than kept in one settings module. */
const SCATTERED = 3;

function fixKey(file: string, entries: readonly AppEntry[]): FixKey {
  const py = file.endsWith('.py');
  const e = entries.find((x) => x.evidence.file.endsWith('.py') === py);
  return e ? fixKeyForFramework(e.framework) : py ? 'py' : 'node';
}

export default defineRule({
  meta: {
    id: 'config-unvalidated',
    area: 'deployment',
    severity: 'medium',
    title: 'Configuration is loaded into one validated settings object',
    failureTitle: 'Configuration is read ad hoc across the code with no validation',
    why:
      'When `os.getenv` / `process.env` calls are spread over many modules, nothing checks at startup that the configuration is complete and well-formed: a missing or misspelled variable surfaces as `None` / `undefined` deep inside a request hours after the deploy, a port is compared as a string, a flag "false" is truthy. ' +
      'A typed settings object read once at startup fails the deploy immediately with a clear message, and gives one place that lists every setting the service needs.',
    fix: {
      default: 'Declare every setting once in a typed schema that is validated at startup, and import that object everywhere instead of reading the environment directly.',
      py: 'Use pydantic-settings: `class Settings(BaseSettings): database_url: PostgresDsn; redis_url: str; debug: bool = False` and `settings = Settings()` in `config.py`; import `settings` elsewhere.',
      fastapi: 'Use pydantic-settings: `class Settings(BaseSettings): database_url: PostgresDsn` with `settings = Settings()` in `app/config.py` (or `@lru_cache def get_settings()` as a dependency), and replace `os.getenv` calls with `settings.<field>`.',
      flask: 'Load a pydantic-settings object (or a typed Config class) once and pass it to `app.config.from_object(settings)`; read `current_app.config[...]` instead of `os.getenv` in modules.',
      django: 'Read the environment only in settings.py through django-environ: `env = environ.Env(DEBUG=(bool, False))`, `DATABASES = {"default": env.db()}`; elsewhere use `django.conf.settings`.',
      node: 'Validate `process.env` once with zod or envalid: `export const env = z.object({ DATABASE_URL: z.string().url(), PORT: z.coerce.number().default(3000) }).parse(process.env)`, and import `env` everywhere.',
      express: 'Create `src/config.ts` with `export const env = cleanEnv(process.env, { DATABASE_URL: url(), PORT: port({ default: 3000 }) })` (envalid) and import it instead of reading `process.env` in routes and services.',
      nestjs: 'Use `ConfigModule.forRoot({ validationSchema: Joi.object({ DATABASE_URL: Joi.string().uri().required() }) })` (or `validate` with class-validator) and inject `ConfigService`.',
    },
    examples: {
      bad: '# app/db.py\nengine = create_engine(os.getenv("DATABASE_URL"))\n# app/mail.py\nsmtp_port = os.getenv("SMTP_PORT", 25)',
      good: 'class Settings(BaseSettings):\n    database_url: PostgresDsn\n    smtp_port: int = 25\n\nsettings = Settings()',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['envReads', 'settings', 'files', 'services', 'appEntries'],
    confidence: 'medium',
  },
  check({ envReads, settings, files, services, appEntries }) {
    const roles = new Map(files.map((f) => [f.path, f.role]));
    // Browser code reads build-time variables; only server-side configuration is judged here.
    const frontends = new Set(services.filter((s) => s.kind === 'frontend').map((s) => s.dir));
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const appReads = envReads.filter((r) => roles.get(r.evidence.file) === 'app' && !frontends.has(serviceOf.get(r.evidence.file) ?? '') && !platformProvided(r.name));
    if (settings.schemas.length > 0) {
      const schemaFiles = new Set(settings.schemas.map((s) => s.evidence.file));
      const bypass = new Set(appReads.filter((r) => AD_HOC.has(r.via) && !schemaFiles.has(r.evidence.file)).map((r) => r.evidence.file));
      return pass(
        `Settings validated by ${[...new Set(settings.schemas.map((s) => s.kind))].join(', ')}${bypass.size ? `; ${plural(bypass.size, 'module')} still ${bypass.size === 1 ? 'reads' : 'read'} the environment directly` : ''}`,
        settings.schemas.slice(0, 5).map((s) => s.evidence),
      );
    }
    const adHoc = appReads.filter((r) => AD_HOC.has(r.via));
    if (adHoc.length === 0) return notApplicable('the application reads no configuration from the environment');
    const byFile = new Map<string, EnvRead[]>();
    for (const r of adHoc) byFile.set(r.evidence.file, [...(byFile.get(r.evidence.file) ?? []), r]);
    const firsts: Evidence[] = [...byFile.values()].sort((a, b) => b.length - a.length).map((list) => list[0].evidence);
    if (byFile.size < SCATTERED) {
      return pass(`Environment read in ${plural(byFile.size, 'module')} only (${[...byFile.keys()].join(', ')})`, firsts);
    }
    const names = [...new Set(adHoc.map((r) => r.name))];
    return fail([
      {
        message: `${plural(names.length, 'setting')} read directly from the environment in ${plural(byFile.size, 'module')} with no typed settings object validating them at startup`,
        evidence: firsts.slice(0, 10),
        stack: fixKey(firsts[0].file, appEntries),
      },
    ]);
  },
});

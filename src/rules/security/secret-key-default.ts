import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'secret-key-default',
    area: 'security',
    severity: 'high',
    title: 'Signing secrets have no usable default',
    failureTitle: 'SECRET_KEY or JWT secret falls back to a value written in the code',
    why:
      'The key that signs sessions, JWTs, password-reset links and CSRF tokens falls back to a literal that anyone with the source (or the framework\'s docs) knows. If the environment variable is ever missing in production, the app starts normally with that key, and anyone can forge a session or token for any user, including admins. ' +
      'A key with no default (the app refuses to start without it), or a startup check that rejects the default and short keys in production, turns that silent compromise into a failed deploy.',
    fix: {
      default: 'Remove the literal fallback so a missing key stops the app at startup, or keep a development default and refuse it (and keys shorter than 32 bytes) when the environment is production. Generate keys with `openssl rand -hex 32`.',
      fastapi: 'Declare `secret_key: SecretStr` with no default in the pydantic `BaseSettings`, or keep a dev default and add a `@model_validator(mode="after")` that raises when `environment == "production"` and the key is the default or shorter than 32 characters.',
      flask: 'Read it with no fallback: `app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]`; keep a literal only in the development config class.',
      django: 'In production settings use `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]` (or `env("DJANGO_SECRET_KEY")` with django-environ); keep the `django-insecure-…` key only in a local settings module.',
      express: 'Validate the environment at startup: `JWT_SECRET: z.string().min(32)` in a zod schema parsed from `process.env`, and drop `|| "secret"` fallbacks.',
      nestjs: 'Require the secret in the ConfigModule validation schema (`JWT_SECRET: Joi.string().min(32).required()`) and read it with `config.getOrThrow("JWT_SECRET")`.',
      nextjs: 'Set `AUTH_SECRET` / `NEXTAUTH_SECRET` in the deployment environment and validate it (`z.string().min(32)`) instead of a fallback in code.',
      node: 'Read the secret with no fallback and fail at startup when it is missing or shorter than 32 characters.',
    },
    examples: {
      bad: 'SECRET_KEY = os.getenv("SECRET_KEY", "dev-secret")',
      good: 'SECRET_KEY = os.environ["SECRET_KEY"]  # KeyError at startup when missing',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['signingSecrets'],
    confidence: 'high',
  },
  check({ signingSecrets }) {
    if (signingSecrets.length === 0) return notApplicable('no signing secret with a literal default in the code');
    const open = signingSecrets.filter((s) => !s.guard);
    if (open.length === 0) {
      const guards = [...new Map(signingSecrets.map((s) => s.guard as Evidence).map((e) => [`${e.file}:${e.line}`, e])).values()];
      return pass(`${plural(signingSecrets.length, 'signing secret default')} refused in production by a check`, guards);
    }
    return fail(
      open.map((s) => ({
        message: `${s.name} falls back to a literal written in the code, and nothing refuses it in production: when the variable is unset, tokens and sessions are signed with a publicly known key`,
        evidence: [s.evidence],
        ...(s.evidence.file.endsWith('.py') ? {} : { stack: 'node' as const }),
      })),
    );
  },
});

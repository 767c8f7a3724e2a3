import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),

  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),

  ANTHROPIC_API_KEY: z.string().min(1),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-3-5-haiku-20241022'),

  FX_API_URL: z.string().url().default('https://api.frankfurter.app'),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/).default('EUR'),

  POSTMARK_SERVER_TOKEN: z.string().min(1),
  MAIL_FROM: z.string().email(),
  COMPANY_NAME: z.string().min(1),

  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(24 * 30),

  SENTRY_DSN: z.preprocess(emptyToUndefined, z.string().url().optional()),
});

export type Config = z.infer<typeof EnvSchema>;

function loadConfig(): Config {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    // the logger is configured from this module, so report straight to stderr
    process.stderr.write(`Invalid environment configuration:\n${problems}\n`);
    process.exit(1);
  }
  return parsed.data;
}

export const config = loadConfig();

/** Which fix text a framework gets: its own where rules carry one, else the language family's. */
import type { Framework } from '../../facts/fact-map.js';
import type { FixKey } from '../rule.js';

const FIX_KEYS: Record<Framework, FixKey> = {
  fastapi: 'fastapi',
  flask: 'flask',
  django: 'django',
  express: 'express',
  fastify: 'fastify',
  nestjs: 'nestjs',
  nextjs: 'nextjs',
  starlette: 'py',
  koa: 'node',
  hono: 'node',
};

export function fixKeyForFramework(f: Framework): FixKey {
  return FIX_KEYS[f];
}

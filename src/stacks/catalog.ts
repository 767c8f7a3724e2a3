/**
 * The stacks shipready recognises and how each is detected. Stacks detect; they never judge.
 * `tags` are the families checks claim in their `appliesTo` (checks.md "Stacks").
 */
import type { StackTag } from '../core/types.js';

export interface StackDef {
  id: string;
  title: string;
  tags: StackTag[];
  /** Package names in package.json (npm) or Python manifests (pypi, PEP 503-normalised). */
  npm?: string[];
  pypi?: string[];
  /** Repository-relative paths (regex over the path) whose presence marks the stack. */
  files?: RegExp[];
  /** Module names imported by application code. */
  imports?: string[];
}

export const STACKS: StackDef[] = [
  { id: 'fastapi', title: 'FastAPI', tags: ['py'], pypi: ['fastapi'], imports: ['fastapi'] },
  { id: 'flask', title: 'Flask', tags: ['py'], pypi: ['flask'], imports: ['flask'] },
  { id: 'django', title: 'Django', tags: ['py'], pypi: ['django'], imports: ['django'] },
  { id: 'starlette', title: 'Starlette', tags: ['py'], pypi: ['starlette'], imports: ['starlette'] },
  { id: 'express', title: 'Express', tags: ['node'], npm: ['express'], imports: ['express'] },
  { id: 'fastify', title: 'Fastify', tags: ['node'], npm: ['fastify'], imports: ['fastify'] },
  { id: 'nestjs', title: 'NestJS', tags: ['node'], npm: ['@nestjs/core'], imports: ['@nestjs/core', '@nestjs/common'] },
  { id: 'nextjs', title: 'Next.js', tags: ['node', 'fe'], npm: ['next'], files: [/(^|\/)next\.config\.(js|mjs|ts|cjs)$/] },
  { id: 'koa', title: 'Koa', tags: ['node'], npm: ['koa'], imports: ['koa'] },
  { id: 'hono', title: 'Hono', tags: ['node'], npm: ['hono'], imports: ['hono'] },
  { id: 'react', title: 'React front end', tags: ['fe'], npm: ['react'] },
  { id: 'vite', title: 'Vite', tags: ['fe'], npm: ['vite'], files: [/(^|\/)vite\.config\.(js|mjs|ts)$/] },
  { id: 'celery', title: 'Celery', tags: ['py'], pypi: ['celery'], imports: ['celery'] },
  { id: 'rq', title: 'RQ', tags: ['py'], pypi: ['rq'], imports: ['rq'] },
  { id: 'bullmq', title: 'BullMQ', tags: ['node'], npm: ['bullmq', 'bull'], imports: ['bullmq', 'bull'] },
  { id: 'sqlalchemy', title: 'SQLAlchemy', tags: ['py'], pypi: ['sqlalchemy', 'flask-sqlalchemy', 'sqlmodel'], imports: ['sqlalchemy', 'sqlmodel', 'flask_sqlalchemy'] },
  { id: 'alembic', title: 'Alembic', tags: ['py'], pypi: ['alembic'], files: [/(^|\/)alembic\.ini$/] },
  { id: 'prisma', title: 'Prisma', tags: ['node'], npm: ['prisma', '@prisma/client'], files: [/(^|\/)schema\.prisma$/] },
  { id: 'knex', title: 'knex', tags: ['node'], npm: ['knex'], imports: ['knex'] },
  { id: 'typeorm', title: 'TypeORM', tags: ['node'], npm: ['typeorm', '@nestjs/typeorm'], imports: ['typeorm'] },
  { id: 'postgres', title: 'PostgreSQL', tags: [], pypi: ['psycopg2', 'psycopg2-binary', 'psycopg', 'asyncpg'], npm: ['pg', 'postgres'] },
  { id: 'redis', title: 'Redis', tags: [], pypi: ['redis', 'aioredis'], npm: ['redis', 'ioredis'] },
  { id: 'openai', title: 'OpenAI SDK', tags: [], pypi: ['openai'], npm: ['openai'], imports: ['openai'] },
  { id: 'anthropic', title: 'Anthropic SDK', tags: [], pypi: ['anthropic'], npm: ['@anthropic-ai/sdk'], imports: ['anthropic', '@anthropic-ai/sdk'] },
  { id: 'groq', title: 'Groq SDK', tags: [], pypi: ['groq'], npm: ['groq-sdk'], imports: ['groq', 'groq-sdk'] },
  { id: 'google-genai', title: 'Google Gen AI SDK', tags: [], pypi: ['google-genai', 'google-generativeai'], npm: ['@google/genai', '@google/generative-ai'], imports: ['google.genai', 'google.generativeai', '@google/genai', '@google/generative-ai'] },
  { id: 'langchain', title: 'LangChain', tags: [], pypi: ['langchain', 'langchain-core', 'langchain-openai', 'langgraph'], npm: ['langchain', '@langchain/core', '@langchain/openai'] },
  { id: 'elevenlabs', title: 'ElevenLabs SDK', tags: [], pypi: ['elevenlabs'], npm: ['elevenlabs', '@elevenlabs/elevenlabs-js'] },
  { id: 'docker', title: 'Docker', tags: ['docker'], files: [/(^|\/)(Dockerfile|Containerfile)(\.[\w.-]+)?$/, /\.[Dd]ockerfile$/] },
  { id: 'docker-compose', title: 'docker-compose', tags: ['platform'], files: [/(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/] },
  { id: 'railway', title: 'Railway', tags: ['platform'], files: [/(^|\/)railway\.(json|toml)$/] },
  { id: 'fly', title: 'Fly.io', tags: ['platform'], files: [/(^|\/)fly\.toml$/] },
  { id: 'render', title: 'Render', tags: ['platform'], files: [/(^|\/)render\.ya?ml$/] },
  { id: 'procfile', title: 'Procfile', tags: ['platform'], files: [/(^|\/)Procfile$/] },
  { id: 'github-actions', title: 'GitHub Actions', tags: ['ci'], files: [/^\.github\/workflows\/[^/]+\.ya?ml$/] },
  { id: 'gitlab-ci', title: 'GitLab CI', tags: ['ci'], files: [/(^|\/)\.gitlab-ci\.ya?ml$/] },
];

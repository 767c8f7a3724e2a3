import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { tempRepo } from '../helpers/temp-repo.js';

describe('stack detection', () => {
  it('detects a Python monorepo backend and a React front end, with evidence', async () => {
    const dir = tempRepo({
      'backend/requirements.txt': 'fastapi==0.115\nuvicorn\nsqlalchemy>=2\nalembic\ncelery[redis]\nredis\nopenai\nanthropic\ngroq\ngoogle-genai\nlangchain-openai\nelevenlabs\npsycopg2-binary\n',
      'backend/alembic.ini': '[alembic]\n',
      'backend/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'frontend/package.json': JSON.stringify({ dependencies: { react: '18', 'react-dom': '18' }, devDependencies: { vite: '5' } }),
      'frontend/src/App.tsx': 'export const App = () => <div />;\n',
      'backend/Dockerfile': 'FROM python:3.12-slim\n',
      'docker-compose.yml': 'services:\n  api:\n    build: backend\n',
      'railway.json': '{}',
      'fly.toml': 'app = "x"\n',
      'render.yaml': 'services: []\n',
      'Procfile': 'web: uvicorn app.main:app\n',
      '.github/workflows/ci.yml': 'on: push\n',
      '.gitlab-ci.yml': 'test:\n  script: pytest\n',
    });
    const audit = await runAudit(dir, { useGit: false, only: ['tests-missing'] });
    const ids = audit.stacks.map((s) => s.id);
    for (const id of ['fastapi', 'sqlalchemy', 'alembic', 'celery', 'redis', 'postgres', 'openai', 'anthropic', 'groq', 'google-genai', 'langchain', 'elevenlabs', 'react', 'vite', 'docker', 'docker-compose', 'railway', 'fly', 'render', 'procfile', 'github-actions', 'gitlab-ci']) {
      expect(ids, id).toContain(id);
    }
    const fastapi = audit.stacks.find((s) => s.id === 'fastapi');
    expect(fastapi?.evidence[0]).toMatchObject({ file: 'backend/requirements.txt', line: 1, snippet: 'fastapi==0.115' });
    expect(audit.stacks.find((s) => s.id === 'celery')?.evidence[0].line).toBe(5);
    expect(ids).not.toContain('django');
    expect(ids).not.toContain('express');
    expect([...audit.tags]).toEqual(expect.arrayContaining(['py', 'fe', 'docker', 'platform', 'ci', 'any']));
    expect(audit.tags.has('node')).toBe(false); // a React front end is not a Node back end
  });

  it('detects Node back ends and ORMs', async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify(
        { dependencies: { express: '4', fastify: '4', '@nestjs/core': '10', next: '14', bullmq: '5', prisma: '5', knex: '3', typeorm: '0.3', ioredis: '5', '@anthropic-ai/sdk': '0.30', 'groq-sdk': '0.5' } },
        null,
        2,
      ),
      'src/server.ts': "import express from 'express';\nexport const app = express();\n",
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n',
    });
    const audit = await runAudit(dir, { useGit: false, only: ['tests-missing'] });
    const ids = audit.stacks.map((s) => s.id);
    for (const id of ['express', 'fastify', 'nestjs', 'nextjs', 'bullmq', 'prisma', 'knex', 'typeorm', 'redis', 'anthropic', 'groq']) expect(ids, id).toContain(id);
    const express = audit.stacks.find((s) => s.id === 'express');
    expect(express?.evidence[0]).toMatchObject({ file: 'package.json', line: 3 });
    expect(audit.tags.has('node')).toBe(true);
  });

  it('locates a dependency in its dependencies block, not in keywords', async () => {
    const dir = tempRepo({
      'package.json': '{\n  "name": "api",\n  "keywords": [\n    "express",\n    "mongoose"\n  ],\n  "dependencies": {\n    "express": "^4.18.0",\n    "mongoose": "^7.0.0"\n  }\n}\n',
      'src/app.js': "const express = require('express');\nmodule.exports = express();\n",
    });
    const audit = await runAudit(dir, { useGit: false, only: ['tests-missing'] });
    const deps = audit.facts.dependencies;
    expect(deps.find((d) => d.name === 'mongoose')).toMatchObject({ spec: '^7.0.0', dev: false, evidence: { line: 9 } });
    expect(audit.stacks.find((s) => s.id === 'express')?.evidence[0].line).toBe(8);
  });

  it('detects Django from manage.py and imports without a manifest', async () => {
    const dir = tempRepo({ 'manage.py': 'import django\n', 'mysite/settings.py': 'INSTALLED_APPS = []\n' });
    const audit = await runAudit(dir, { useGit: false, only: ['tests-missing'] });
    expect(audit.stacks.map((s) => s.id)).toContain('django');
  });
});

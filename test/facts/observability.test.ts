/** Observability and data extractors: the decisions the fixtures only touch once. */

import { describe, expect, it } from 'vitest';
import type { Marker, MarkerKind } from '../../src/facts/fact-map.js';
import { prismaModels } from '../../src/facts/markers/data/orm-models.js';
import { ormconfigSynchronize } from '../../src/facts/markers/data/schema-in-code.js';
import { auditRepo } from '../helpers/temp-repo.js';

async function facts(files: Record<string, string>) {
  const audit = await auditRepo(files);
  return audit.facts;
}

const where = (ms: readonly Marker[], kind: MarkerKind) => ms.filter((m) => m.kind === kind).map((m) => `${m.evidence.file}:${m.evidence.line}`);
const pkg = (deps: Record<string, string>, scripts: Record<string, string> = {}) => JSON.stringify({ name: 'x', scripts, dependencies: deps }, null, 2);

describe('log calls', () => {
  it('skips files package.json runs as one-off scripts, not the started entry', async () => {
    const f = await facts({
      'package.json': pkg({ express: '^4' }, { start: 'node index.js', 'db:setup': 'node db/setup.js', again: 'node index.js' }),
      'index.js': "const express = require('express');\nconst app = express();\nconsole.log('up');\n",
      'db/setup.js': "console.log('tables created');\n",
    });
    expect(f.logCalls.map((c) => `${c.evidence.file}:${c.evidence.line}`)).toEqual(['index.js:3']);
  });

  it('names the enclosing function, or the named function around a callback', async () => {
    const f = await facts({
      'package.json': pkg({ express: '^4' }),
      'server.js': "const app = require('express')();\nfunction start() {\n  app.listen(3000, () => console.info('up'));\n  console.log('starting');\n}\napp.get('/', (req, res) => { console.debug('hit'); res.end(); });\n",
    });
    expect(f.logCalls.map((c) => c.evidence.note)).toEqual(['console.info() in a callback in start()', 'console.log() in start()', 'console.debug() in a callback']);
  });

  it('leaves Alembic revisions kept outside a migrations folder alone', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi\nalembic\n',
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'app/db/revisions/versions/0001_init.py': 'from alembic import op\n\ndef upgrade():\n    print("migrating")\n',
    });
    expect(f.logCalls).toEqual([]);
    expect(where(f.markers, 'migration-tool')).toContain('app/db/revisions/versions/0001_init.py:0');
  });
});

describe('markers', () => {
  it('prefers the init call over an import and a manifest line', async () => {
    const f = await facts({
      'requirements.txt': 'flask\nsentry-sdk\n',
      'app.py': 'import sentry_sdk\nfrom flask import Flask\n\nsentry_sdk.init(dsn=None)\napp = Flask(__name__)\n',
      'errors.py': 'from sentry_sdk import capture_exception\n',
    });
    const trackers = f.markers.filter((m) => m.kind === 'error-tracker');
    expect(trackers.map((m) => [`${m.evidence.file}:${m.evidence.line}`, !!m.evidence.note])).toEqual([
      ['app.py:4', false],
      ['errors.py:1', true],
    ]);
  });

  it('falls back to the manifest when no code mentions the library, never to dev dependencies', async () => {
    const f = await facts({
      'package.json': JSON.stringify({ name: 'x', dependencies: { express: '^4', 'prom-client': '^15' }, devDependencies: { '@sentry/cli': '^2' } }, null, 2),
      'index.js': "const express = require('express');\nconst app = express();\n",
    });
    expect(where(f.markers, 'metrics')).toEqual(['package.json:5']);
    expect(where(f.markers, 'error-tracker')).toEqual([]);
  });

  it('does not take a per-process uuid or an outbound idempotency key for a request id', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi\n',
      'app/main.py': [
        'import uuid',
        'from fastapi import FastAPI',
        'REQUEST_ID = str(uuid.uuid4())',
        'app = FastAPI()',
        'def create_meeting(title):',
        '    request_id = str(uuid.uuid4())',
        '    return {"requestId": request_id}',
        '',
      ].join('\n'),
    });
    expect(where(f.markers, 'request-id')).toEqual([]);
  });

  it('classifies Express error middleware by arity and Router receivers', async () => {
    const f = await facts({
      'package.json': pkg({ express: '^4' }),
      'app.js': [
        "const express = require('express');",
        'const app = express();',
        'const api = express.Router();',
        'api.use((err, req, res, next) => res.status(400).end());',
        'app.use((req, res, next) => next());',
        '',
      ].join('\n'),
    });
    expect(f.markers.filter((m) => m.kind === 'exception-handler')).toEqual([]);
  });

  it('credits error middleware returned by a factory, and a Koa try/catch that answers', async () => {
    const f = await facts({
      'package.json': pkg({ express: '^4', koa: '^2' }),
      'errors.js': 'function errorHandler() {\n  return (err, req, res, next) => res.status(500).json({ error: "internal" });\n}\nmodule.exports = { errorHandler };\n',
      'app.js': "const express = require('express');\nconst { errorHandler } = require('./errors');\nconst app = express();\napp.use(errorHandler());\n",
      'koa.js': [
        "const Koa = require('koa');",
        'const app = new Koa();',
        'app.use(async (ctx, next) => {',
        '  try {',
        '    await next();',
        '  } catch (err) {',
        '    ctx.status = 500;',
        "    ctx.body = { error: 'internal' };",
        '  }',
        '});',
        'app.use(async (ctx, next) => {',
        '  try { await next(); } catch (err) { metrics.increment(); throw err; }',
        '});',
        '',
      ].join('\n'),
    });
    expect(where(f.markers, 'exception-handler')).toEqual(['app.js:4', 'koa.js:3']);
  });

  it('credits a Django model reached through an abstract base in another module', async () => {
    const f = await facts({
      'requirements.txt': 'django\n',
      'core/models.py': 'from django.db import models\n\nclass Stamped(models.Model):\n    class Meta:\n        abstract = True\n',
      'notes/models.py': 'from core.models import Stamped\n\nclass Note(Stamped):\n    pass\n',
    });
    expect(f.markers.filter((m) => m.kind === 'orm-model').map((m) => m.detail)).toEqual(['Django model Note']);
  });
});

describe('schema helpers', () => {
  it('reads synchronize from ormconfig.json objects and arrays', () => {
    expect(ormconfigSynchronize('{\n  "type": "postgres",\n  "synchronize": true\n}')).toBe(3);
    expect(ormconfigSynchronize('[{ "name": "a" },\n { "synchronize": true }]')).toBe(2);
    expect(ormconfigSynchronize('{ "synchronize": false }')).toBeNull();
  });

  it('skips Prisma schemas on MongoDB, which has no migrations', () => {
    expect(prismaModels(['datasource db {', '  provider = "mongodb"', '}', 'model User {', '}'])).toEqual([]);
    expect(prismaModels(['model User {', '}', '  model Post {'])).toEqual([
      { line: 1, detail: 'Prisma model User' },
      { line: 3, detail: 'Prisma model Post' },
    ]);
  });
});

/** Start commands, shell scripts and the runtime facts that read code: tricky cases, end to end. */

import { describe, expect, it } from 'vitest';
import { commandRefs, splitStatements } from '../../src/facts/deploy/command.js';
import type { FactMap } from '../../src/facts/fact-map.js';
import { auditRepo } from '../helpers/temp-repo.js';

async function factsOf(files: Record<string, string>): Promise<FactMap> {
  return (await auditRepo(files)).facts;
}

describe('command lines', () => {
  it('splits statements but not redirections', () => {
    expect(splitStatements('a && b || c; d | e & f 2>&1 >&2')).toEqual(['a', 'b', 'c', 'd', 'e', 'f 2>&1 >&2']);
    expect(splitStatements(`sh -c "x && y"`)).toEqual([`sh -c "x && y"`]);
  });
  it('finds what a command runs next', () => {
    expect(commandRefs('cd backend && FOO=1 exec ./start.sh')).toEqual([
      { type: 'cd', dir: 'backend' },
      { type: 'script', path: './start.sh' },
    ]);
    expect(commandRefs(`sh -c "python scripts/seed.py && npm run serve"`)).toEqual([
      { type: 'python-file', path: 'scripts/seed.py' },
      { type: 'pkg', manager: 'npm', name: 'serve' },
    ]);
    expect(commandRefs('bash -e scripts/boot.sh')).toEqual([{ type: 'script', path: 'scripts/boot.sh' }]);
    expect(commandRefs('yarn dev')).toEqual([{ type: 'pkg', manager: 'yarn', name: 'dev' }]);
    expect(commandRefs('yarn install --frozen-lockfile')).toEqual([]);
    expect(commandRefs('python -u -m app.main')).toEqual([{ type: 'python-module', module: 'app.main' }]);
    expect(commandRefs('npm-run-all --parallel check-db start-server "lint:*"')).toEqual([
      { type: 'pkg', manager: 'npm', name: 'check-db' },
      { type: 'pkg', manager: 'npm', name: 'start-server' },
    ]);
    expect(commandRefs('node --enable-source-maps scripts/check-db.js')).toEqual([{ type: 'node-file', path: 'scripts/check-db.js' }]);
  });
});

describe('shell scripts', () => {
  it('marks guarded lines, set -e, trap and background processes', async () => {
    const facts = await factsOf({
      Procfile: 'web: ./start.sh\n',
      'start.sh': [
        '#!/bin/bash',
        'set -euo pipefail',
        'migrate() {',
        '  alembic upgrade head',
        '}',
        'if [ "$ENV" != production ]; then',
        '  python seed.py',
        'fi',
        '[ -n "$FIXTURES" ] && python load.py',
        'case "$ROLE" in',
        '  worker) celery -A app worker ;;',
        'esac',
        'cat > /tmp/conf <<EOF',
        'uvicorn --reload',
        'EOF',
        'gunicorn app:app \\',
        '  --workers 2 2>&1 &',
        'trap "kill 0" TERM',
        'wait',
      ].join('\n'),
    });
    const [script] = facts.startScripts;
    expect(script.file).toBe('start.sh');
    expect(script.production).toBe(true);
    expect(script.setE?.line).toBe(2);
    expect(script.trap?.line).toBe(18);
    expect(script.backgrounded.map((e) => e.line)).toEqual([16]);
    const byLine = new Map(script.lines.map((l) => [l.line, l]));
    expect(byLine.get(4)?.conditional).toBe(true); // function body
    expect(byLine.get(7)?.conditional).toBe(true); // if
    expect(byLine.get(9)?.conditional).toBe(true); // [ … ] &&
    expect(byLine.get(11)?.conditional).toBe(true); // case
    expect(byLine.has(14)).toBe(false); // heredoc body
    expect(byLine.get(16)?.text).toBe('gunicorn app:app --workers 2 2>&1 &');
    expect(byLine.get(16)?.conditional).toBe(false);
  });

  it('a later `set +e` at top level cancels set -e', async () => {
    const facts = await factsOf({ Procfile: 'web: bash run.sh\n', 'run.sh': '#!/bin/sh\nset -e\nset +e\nnode server.js\n' });
    expect(facts.startScripts[0].setE).toBeNull();
  });

  it('what a conditional line runs is not production', async () => {
    const facts = await factsOf({
      Procfile: 'web: sh boot.sh\n',
      'boot.sh': 'if [ "$ENV" = dev ]; then\n  sh seed.sh\nfi\nexec node server.js\n',
      'seed.sh': 'node seed.js\n',
    });
    const seed = facts.startScripts.find((s) => s.file === 'seed.sh');
    expect(seed?.production).toBe(false);
    expect(facts.startScripts.find((s) => s.file === 'boot.sh')?.production).toBe(true);
  });
});

describe('start commands', () => {
  it('Dockerfile: final stage, inherited CMD, WORKDIR paths, dev Dockerfiles', async () => {
    const facts = await factsOf({
      'api/Dockerfile': 'FROM python:3.12 AS base\nWORKDIR /srv/app\nCMD ["/srv/app/bin/start.sh"]\nFROM base\nRUN true\n',
      'api/bin/start.sh': '#!/bin/sh\nexec gunicorn app:app\n',
      'api/requirements.txt': 'flask\n',
      'api/Dockerfile.dev': 'FROM python:3.12\nCMD flask run\n',
    });
    const docker = facts.startCommands.filter((c) => c.source === 'dockerfile');
    expect(docker.map((c) => [c.evidence.file, c.evidence.line, c.production])).toEqual([
      ['api/Dockerfile', 3, true],
      ['api/Dockerfile.dev', 2, false],
    ]);
    expect(facts.startScripts.map((s) => s.file)).toEqual(['api/bin/start.sh']);
  });

  it('shell-form ENTRYPOINT ignores CMD; exec-form ENTRYPOINT keeps both', async () => {
    const a = await factsOf({ Dockerfile: 'FROM node:20\nENTRYPOINT node server.js\nCMD ["npm", "run", "dev"]\n' });
    expect(a.startCommands.map((c) => c.command)).toEqual(['node server.js']);
    const b = await factsOf({ Dockerfile: 'FROM node:20\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n' });
    expect(b.startCommands.map((c) => c.command)).toEqual(['docker-entrypoint.sh', 'node server.js']);
  });

  it('npm start runs prestart; yarn scripts are followed without hooks', async () => {
    const facts = await factsOf({
      'railway.json': '{ "deploy": { "startCommand": "cd web && npm start" } }',
      'web/package.json': JSON.stringify({ scripts: { prestart: 'node migrate.js', start: 'yarn serve', serve: 'node dist/index.js', preserve: 'node seed.js' }, dependencies: { express: '4' } }, null, 2),
    });
    const pkg = facts.startCommands.filter((c) => c.source === 'package.json');
    expect(pkg.map((c) => [c.process, c.production])).toEqual([
      ['start', true],
      ['prestart', true],
      ['serve', true],
    ]);
    expect(pkg[0].via?.file).toBe('railway.json');
  });

  it('a front end start script is not production unless something runs it', async () => {
    const facts = await factsOf({
      'frontend/package.json': JSON.stringify({ scripts: { start: 'vite' }, dependencies: { react: '18' }, devDependencies: { vite: '5' } }),
      'backend/package.json': JSON.stringify({ scripts: { start: 'node server.js' }, dependencies: { express: '4' } }),
    });
    const starts = new Map(facts.startCommands.map((c) => [c.evidence.file, c.production]));
    expect(starts.get('frontend/package.json')).toBe(false);
    expect(starts.get('backend/package.json')).toBe(true);
  });

  it('compose: a service that mounts its own source is development', async () => {
    const facts = await factsOf({
      'docker-compose.yml': 'services:\n  api:\n    build: ./api\n    command: uvicorn main:app --reload\n    volumes:\n      - ./api:/code\n  worker:\n    build: ./api\n    command: celery -A tasks worker\n    volumes:\n      - ./data:/data\n',
      'api/requirements.txt': 'fastapi\n',
    });
    expect(facts.startCommands.map((c) => [c.process, c.production, c.service])).toEqual([
      ['worker', true, 'api'],
      ['api', false, 'api'],
    ]);
  });

  it('python entry modules that start a dev server are start commands', async () => {
    const facts = await factsOf({
      Procfile: 'web: python -m app.run\n',
      'app/run.py': 'import uvicorn\n\nif __name__ == "__main__":\n    uvicorn.run("app.main:app", reload=True)\n',
      'app/__init__.py': '',
      'requirements.txt': 'fastapi\nuvicorn\n',
    });
    const launch = facts.startCommands.find((c) => c.source === 'script');
    expect(launch).toMatchObject({ command: 'uvicorn --reload', production: true, evidence: { file: 'app/run.py', line: 4 } });
  });
});

describe('runtime facts', () => {
  it('http calls: aiohttp per-request timeouts and requests sessions', async () => {
    const facts = await factsOf({
      'requirements.txt': 'fastapi\naiohttp\nrequests\n',
      'app/client.py': [
        'import aiohttp',
        'import requests',
        '',
        'class Api:',
        '    def __init__(self):',
        '        self.session = requests.Session()',
        '',
        '    def get(self, path):',
        '        return self.session.get(path)',
        '',
        'async def fetch(url):',
        '    async with aiohttp.ClientSession() as s:',
        '        async with s.get(url, timeout=aiohttp.ClientTimeout(total=5)) as r:',
        '            return await r.text()',
      ].join('\n'),
    });
    expect(facts.httpCalls.map((c) => [c.client, c.evidence.line, c.missingTimeout !== null])).toEqual([
      ['requests', 9, true],
      ['aiohttp', 12, false],
    ]);
  });

  it('celery: Django settings limit and dramatiq defaults', async () => {
    const facts = await factsOf({
      'requirements.txt': 'django\ncelery\ndramatiq\n',
      'proj/settings.py': 'INSTALLED_APPS = []\nCELERY_TASK_TIME_LIMIT = 300\n',
      'proj/tasks.py': 'import dramatiq\nfrom celery import shared_task\n\n@shared_task\ndef a():\n    pass\n\n@dramatiq.actor\ndef b():\n    pass\n',
    });
    expect(facts.tasks.map((t) => [t.framework, t.name, t.timeLimit?.file, t.timeLimit?.line])).toEqual([
      ['celery', 'a', 'proj/settings.py', 2],
      ['dramatiq', 'b', 'proj/tasks.py', 8],
    ]);
  });

  it('sqlite: an env fallback is overridden by render.yaml', async () => {
    const facts = await factsOf({
      'requirements.txt': 'flask\n',
      'app.py': 'import os\n\nSQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or "sqlite:///local.db"\n',
      'render.yaml': 'services:\n  - type: web\n    name: api\n    envVars:\n      - key: DATABASE_URL\n        fromDatabase:\n          name: db\n          property: connectionString\n',
    });
    expect(facts.sqliteUses).toHaveLength(1);
    expect(facts.sqliteUses[0]).toMatchObject({ fallbackOnly: true, overriddenBy: { file: 'render.yaml', line: 5 } });
  });

  it('node pools: Sequelize, knex through require, TypeORM sqlite', async () => {
    const facts = await factsOf({
      'package.json': JSON.stringify({ dependencies: { express: '4', sequelize: '6', knex: '3', typeorm: '0.3' } }),
      'src/db.js': [
        "const { Sequelize } = require('sequelize');",
        "const main = new Sequelize(process.env.DATABASE_URL, { pool: { max: 20 } });",
        "const cache = new Sequelize('sqlite::memory:');",
        "const reports = require('knex')({ client: 'pg', connection: process.env.REPORTS_URL });",
      ].join('\n'),
      'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'better-sqlite3', database: 'app.db' });\n",
    });
    const engines = [...facts.dbEngines].sort((a, b) => a.evidence.file.localeCompare(b.evidence.file) || a.evidence.line - b.evidence.line).map((e) => [e.kind, e.evidence.line, e.poolOptions.includes('pool') || e.poolOptions.includes('max'), e.poolNotApplicable !== null]);
    expect(engines).toEqual([
      ['typeorm', 2, false, true],
      ['sequelize', 2, true, false],
      ['sequelize', 3, false, true],
      ['knex', 4, false, false],
    ]);
    expect(facts.sqliteUses.map((u) => [u.evidence.file, u.evidence.line, u.fallbackOnly]).sort()).toEqual([
      ['src/data-source.ts', 2, false],
      ['src/db.js', 3, false],
    ]);
  });

  it('celery: conf attribute assignment counts as an app-wide limit', async () => {
    const facts = await factsOf({
      'requirements.txt': 'celery\n',
      'worker.py': 'from celery import Celery\n\napp = Celery("w")\napp.conf.task_soft_time_limit = 120\n\n@app.task\ndef job():\n    pass\n',
    });
    expect(facts.tasks[0].timeLimit?.line).toBe(4);
    expect(facts.markers.filter((m) => m.kind === 'task-time-limit').map((m) => m.evidence.line)).toEqual([4]);
  });
});

import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { CodeModel } from '../../src/facts/code/model.js';
import type { Route } from '../../src/facts/fact-map.js';
import { importBindings } from '../../src/facts/routes/imports.js';
import { joinPath } from '../../src/facts/routes/names.js';
import { tempRepo } from '../helpers/temp-repo.js';

async function audit(files: Record<string, string>) {
  return runAudit(tempRepo(files), { only: ['tests-missing'], useGit: false });
}

const summary = (routes: Route[]) => routes.map((r) => `${r.method} ${r.path}`).sort();

describe('import bindings', () => {
  const model = (language: CodeModel['language'], imports: CodeModel['imports'], calls: CodeModel['calls'] = [], assignments: CodeModel['assignments'] = []) =>
    ({ language, imports, calls, assignments }) as unknown as CodeModel;

  it('recovers Python aliases, parenthesised lists and module imports', () => {
    const lines = ['from .notes import (', '    router as notes_router,', '    helper,', ')', 'import app.services.llm as llm', 'import os, json'];
    const b = importBindings(
      model('python', [
        { module: '.notes', names: ['router', 'helper'], line: 1 },
        { module: 'app.services.llm', names: ['app.services.llm'], line: 5 },
        { module: 'os', names: ['os'], line: 6 },
        { module: 'json', names: ['json'], line: 6 },
      ]),
      lines,
    );
    expect(b.map((x) => `${x.local}=${x.module}:${x.name}`)).toEqual(['notes_router=.notes:router', 'helper=.notes:helper', 'llm=app.services.llm:*', 'os=os:*', 'json=json:*']);
  });

  it('recovers JS default, named, aliased and namespace imports', () => {
    const lines = ["import express, { Router as R, type Request } from 'express';", 'import * as users from "./users";'];
    const b = importBindings(
      model('typescript', [
        { module: 'express', names: ['default', 'Router', 'Request'], line: 1 },
        { module: './users', names: ['*'], line: 2 },
      ]),
      lines,
    );
    expect(b.map((x) => `${x.local}=${x.module}:${x.name}`)).toEqual(['express=express:default', 'R=express:Router', 'Request=express:Request', 'users=./users:*']);
  });
});

describe('joinPath', () => {
  it('joins prefixes with one slash and keeps a meaningful trailing slash', () => {
    expect(joinPath('/api', '/notes', '')).toBe('/api/notes');
    expect(joinPath('/health', '/')).toBe('/health');
    expect(joinPath('', 'health/')).toBe('/health/');
    expect(joinPath('')).toBe('/');
  });
});

describe('route extraction', () => {
  it('joins FastAPI router prefixes across files, and ignores CLI decorators', async () => {
    const a = await audit({
      'requirements.txt': 'fastapi\ntyper\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\nfrom app.routes import notes\n\napp = FastAPI()\napp.include_router(notes.router, prefix="/api/v1")\n',
      'app/routes/__init__.py': '',
      'app/routes/notes.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/notes")\n\n\n@router.get("/{note_id}")\nasync def get_note(note_id: int):\n    return {}\n\n\n@router.api_route("", methods=["GET", "POST"])\nasync def notes():\n    return []\n',
      'cli.py': 'import typer\n\napp = typer.Typer()\n\n\n@app.command()\ndef hello():\n    pass\n',
    });
    expect(summary(a.facts.routes)).toEqual(['GET /api/v1/notes', 'GET /api/v1/notes/{note_id}', 'POST /api/v1/notes']);
  });

  it('finds Express, Koa, Hono and Fastify routes, never HTTP client calls', async () => {
    const a = await audit({
      'package.json': '{"dependencies":{"express":"4","@koa/router":"12","koa":"2","hono":"4","fastify":"5","axios":"1"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import axios from 'axios';",
        "import users from './users';",
        'const app = express();',
        "app.set('env', 'production');",
        "app.get('env');",
        "axios.get('/not-a-route');",
        "app.use('/users', users);",
        "app.route('/books').get((req, res) => res.json([])).post((req, res) => res.json({}));",
      ].join('\n'),
      'src/users.ts': "import { Router } from 'express';\nconst router = Router();\nrouter.get('/:id', (req, res) => res.json({}));\nexport default router;\n",
      'src/koa.ts': "import Router from '@koa/router';\nconst router = new Router({ prefix: '/k' });\nrouter.get('item', '/items/:id', async (ctx) => { ctx.body = {}; });\n",
      'src/hono.ts': "import { Hono } from 'hono';\nconst app = new Hono();\nconst api = new Hono();\napi.get('/ping', (c) => c.text('pong'));\napp.route('/api', api);\n",
      'src/fastify.ts': "import Fastify from 'fastify';\nimport plugin from './plugin';\nconst app = Fastify();\napp.register(plugin, { prefix: '/p' });\n",
      'src/plugin.ts': "import type { FastifyInstance } from 'fastify';\nexport default async function plugin(fastify: FastifyInstance) {\n  fastify.get('/', async () => []);\n}\n",
    });
    expect(summary(a.facts.routes)).toEqual(['GET /api/ping', 'GET /books', 'GET /k/items/:id', 'GET /p', 'GET /users/:id', 'POST /books']);
  });

  it('mounts each router of a route table iterated in a loop under its own prefix, with path-scoped limiters', async () => {
    const a = await audit({
      'package.json': '{"dependencies":{"express":"4","express-rate-limit":"7","passport":"0.7"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        "import auth from './auth';",
        "import users from './users';",
        "import docs from './docs';",
        "import passport from 'passport';",
        'const app = express();',
        'app.use(passport.initialize());',
        "app.use('/v1/auth', rateLimit({ windowMs: 60000, limit: 5 }));",
        'const router = express.Router();',
        "const table = [{ path: '/auth', route: auth }, { path: '/users', route: users }];",
        'table.forEach((entry) => { router.use(entry.path, entry.route); });',
        "for (const { path, route } of [{ path: '/docs', route: docs }]) router.use(path, route);",
        "app.use('/v1', router);",
      ].join('\n'),
      'src/auth.ts': "import { Router } from 'express';\nconst router = Router();\nrouter.post('/login', (req, res) => res.json({}));\nexport default router;\n",
      'src/users.ts': "import { Router } from 'express';\nconst router = Router();\nrouter.get('/', (req, res) => res.json([]));\nexport default router;\n",
      'src/docs.ts': "import { Router } from 'express';\nconst router = Router();\nrouter.get('/spec', (req, res) => res.json({}));\nexport default router;\n",
    });
    expect(summary(a.facts.routes)).toEqual(['GET /v1/docs/spec', 'GET /v1/users', 'POST /v1/auth/login']);
    expect(a.facts.routes.filter((r) => r.rateLimit).map((r) => r.path)).toEqual(['/v1/auth/login']);
    // passport.initialize() sets the library up; it authenticates nobody.
    expect(a.facts.routes.filter((r) => r.auth)).toEqual([]);
  });

  it('reads @fastify/autoload: folder prefixes, autohooks guards and autoloaded plugins', async () => {
    const a = await audit({
      'package.json': '{"dependencies":{"fastify":"5","@fastify/autoload":"6","@fastify/rate-limit":"10","@fastify/type-provider-typebox":"5"}}',
      'src/app.ts': [
        "import path from 'node:path';",
        "import fastifyAutoload from '@fastify/autoload';",
        "import { FastifyInstance } from 'fastify';",
        'export default async function serviceApp(fastify: FastifyInstance) {',
        "  await fastify.register(fastifyAutoload, { dir: path.join(import.meta.dirname, 'plugins') });",
        "  fastify.register(fastifyAutoload, { dir: path.join(import.meta.dirname, 'routes') });",
        '}',
      ].join('\n'),
      'src/plugins/rate-limit.ts': "import fastifyRateLimit from '@fastify/rate-limit';\nexport const autoConfig = { max: 100, timeWindow: '1 minute' };\nexport default fastifyRateLimit;\n",
      'src/routes/home.ts': "import { FastifyInstance } from 'fastify';\nexport default async function (fastify: FastifyInstance) {\n  fastify.get('/', async () => ({ ok: true }));\n}\n",
      'src/routes/api/autohooks.ts': [
        "import { FastifyInstance } from 'fastify';",
        'export default async function (fastify: FastifyInstance) {',
        "  fastify.addHook('onRequest', async function requireAuth(request, reply) {",
        "    if (!request.session.user) reply.unauthorized('You must be authenticated');",
        '  });',
        '}',
      ].join('\n'),
      'src/routes/api/tasks/index.ts': [
        "import { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';",
        'const plugin: FastifyPluginAsyncTypebox = async (fastify) => {',
        "  fastify.get('/', async () => []);",
        "  fastify.delete('/:id', async () => ({}));",
        '};',
        'export default plugin;',
      ].join('\n'),
    });
    expect(summary(a.facts.routes)).toEqual(['DELETE /api/tasks/:id', 'GET /', 'GET /api/tasks']);
    expect(a.facts.routes.filter((r) => r.auth).map((r) => r.path).sort()).toEqual(['/api/tasks', '/api/tasks/:id']);
    expect(a.facts.routes.every((r) => r.rateLimit?.file === 'src/plugins/rate-limit.ts')).toBe(true);
  });

  it('shows Django path prefixes it cannot evaluate as {expr}, not as the variable name', async () => {
    const a = await audit({
      'requirements.txt': 'django==5.1\n',
      'project/settings.py': 'INSTALLED_APPS = ["accounts"]\nROOT_URLCONF = "project.urls"\n',
      'project/urls.py': [
        'from django.urls import include, path',
        'from accounts import views',
        'prefix = ""',
        'urlpatterns = [',
        '    path(f"{prefix}admin/login/", views.login),',
        '    path(prefix, include("accounts.urls")),',
        ']',
      ].join('\n'),
      'accounts/__init__.py': '',
      'accounts/urls.py': 'from django.urls import path\nfrom accounts import views\nurlpatterns = [path("signup/", views.signup)]\n',
      'accounts/views.py': 'def login(request):\n    return None\n\ndef signup(request):\n    return None\n',
    });
    expect(summary(a.facts.routes)).toEqual(['ANY /{prefix}/signup/', 'ANY /{prefix}admin/login/']);
  });

  it('reads the methods a Django function view answers from its decorators, and views that only render', async () => {
    const a = await audit({
      'requirements.txt': 'django==5.1\ndjangorestframework==3.15\n',
      'project/settings.py': 'INSTALLED_APPS = ["accounts"]\nROOT_URLCONF = "project.urls"\n',
      'project/urls.py': [
        'from django.urls import path',
        'from accounts import views',
        'urlpatterns = [',
        '    path("a/", views.post_only),',
        '    path("b/", views.safe_only),',
        '    path("c/", views.listed),',
        '    path("d/", views.api_default),',
        '    path("e/", views.api_listed),',
        '    path("f/", views.any_verb),',
        '    path("g/", views.page),',
        ']',
      ].join('\n'),
      'accounts/__init__.py': '',
      'accounts/views.py': [
        'from django.shortcuts import render',
        'from django.views.decorators.http import require_POST, require_safe, require_http_methods',
        'from rest_framework.decorators import api_view',
        '@require_POST',
        'def post_only(request):\n    return None',
        '@require_safe',
        'def safe_only(request):\n    return None',
        '@require_http_methods(["get", "POST", "HEAD"])',
        'def listed(request):\n    return None',
        '@api_view()',
        'def api_default(request):\n    return None',
        '@api_view(["PUT", "DELETE"])',
        'def api_listed(request):\n    return None',
        'def any_verb(request):\n    save(request.POST)\n    return render(request, "x.html")',
        'def page(request):\n    return render(request, "page.html")',
        'def save(data):\n    return data',
      ].join('\n'),
    });
    expect(summary(a.facts.routes)).toEqual(['ANY /f/', 'ANY /g/', 'DELETE /e/', 'GET /b/', 'GET /c/', 'GET /d/', 'POST /a/', 'POST /c/', 'PUT /e/']);
    expect(a.facts.routes.filter((r) => r.rendersOnly).map((r) => r.path)).toEqual(['/g/']);
  });

  it('follows calls through imports to a bounded depth and survives recursion', async () => {
    const a = await audit({
      'requirements.txt': 'fastapi\nopenai\n',
      'main.py': 'from fastapi import FastAPI\nfrom svc import outer\n\napp = FastAPI()\n\n\n@app.post("/x")\nasync def x():\n    return await outer(3)\n',
      'svc.py': [
        'from openai import AsyncOpenAI',
        '',
        'client = AsyncOpenAI()',
        '',
        '',
        'async def outer(n):',
        '    if n:',
        '        return await outer(n - 1)',
        '    return await inner()',
        '',
        '',
        'async def inner():',
        '    return await client.chat.completions.create(model="m", messages=[])',
      ].join('\n'),
    });
    const r = a.facts.routes[0];
    expect(r.reaches).toEqual(['outer', 'inner']);
    expect(r.llmCalls.map((e) => `${e.file}:${e.line}`)).toEqual(['svc.py:13']);
  });

  it('tells an LLM SDK call from a same-shaped call on another client', async () => {
    const a = await audit({
      'requirements.txt': 'flask\nanthropic\ntwilio\n',
      'app.py': [
        'from anthropic import Anthropic',
        'from flask import Flask',
        'from twilio.rest import Client',
        '',
        'app = Flask(__name__)',
        'claude = Anthropic()',
        'sms = Client("sid", "token")',
        '',
        '',
        '@app.post("/notify")',
        'def notify():',
        '    sms.messages.create(to="+1", from_="+2", body="hi")',
        '    return "ok"',
        '',
        '',
        '@app.post("/ask")',
        'def ask():',
        '    return claude.messages.create(model="m", max_tokens=10, messages=[]).content[0].text',
      ].join('\n'),
    });
    expect(a.facts.routes.map((r) => [r.path, r.llmCalls.length])).toEqual([
      ['/notify', 0],
      ['/ask', 1],
    ]);
    expect(a.facts.llmCalls.map((c) => c.provider)).toEqual(['anthropic']);
  });

  it('reports an unbounded list only when the whole collection is sent back', async () => {
    const a = await audit({
      'package.json': '{"dependencies":{"express":"4","pg":"8"}}',
      'app.js': [
        "const express = require('express');",
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        'const app = express();',
        "app.get('/all', async (req, res) => {",
        "  const { rows } = await pool.query('SELECT * FROM t');",
        '  res.json(rows);',
        '});',
        "app.get('/one/:id', async (req, res) => {",
        "  const { rows } = await pool.query('SELECT * FROM t WHERE id = $1', [req.params.id]);",
        '  res.json(rows[0]);',
        '});',
        "app.get('/count', async (req, res) => {",
        "  const { rows } = await pool.query('SELECT * FROM t');",
        '  res.json({ total: rows.length });',
        '});',
      ].join('\n'),
    });
    expect(a.facts.routes.map((r) => [r.path, r.returnsList?.line ?? null])).toEqual([
      ['/all', 6],
      ['/one/:id', null],
      ['/count', null],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { isCleanupName } from '../../src/facts/requests/cleanup-names.js';
import { tempRepo } from '../helpers/temp-repo.js';

async function facts(files: Record<string, string>) {
  return (await runAudit(tempRepo(files), { only: ['tests-missing'], useGit: false })).facts;
}

const py = (...lines: string[]) => lines.join('\n') + '\n';
const FASTAPI = { 'requirements.txt': 'fastapi==0.115.0\nhttpx==0.27.2\nopenai==1.51.0\nrequests==2.32.3\ncelery==5.4.0\n' };

describe('cleanup names', () => {
  it('reads cleanup / retention verbs, not values or predicates', () => {
    for (const n of ['cleanup', 'cleanup_old_files', '_purge_cache', 'pruneOldLogs', 'clean_up_tmp', 'delete_expired_tokens', 'removeStaleUploads', 'expire_sessions', 'apply_retention_policy', 'vacuum_db'])
      expect(isCleanupName(n), n).toBe(true);
    for (const n of ['expires_at', 'expire_at', 'is_expired', 'get_retention_days', 'delete_user', 'clean_text', 'cleaned', '__del__', 'retention'])
      expect(isCleanupName(n), n).toBe(false);
  });
});

describe('clients created per request', () => {
  it('follows one helper level, not two, and skips singletons stored in module names or containers', async () => {
    const f = await facts({
      ...FASTAPI,
      'app/main.py': py(
        'import httpx',
        'from fastapi import FastAPI',
        'from openai import OpenAI',
        'app = FastAPI()',
        '_client = None',
        '_pool = {}',
        'def singleton():',
        '    global _client',
        '    if _client is None:',
        '        _client = OpenAI(timeout=10)',
        '    return _client',
        'def keyed(key):',
        '    c = httpx.Client(timeout=5)',
        '    _pool[key] = c',
        '    return c',
        'def deep():',
        '    return httpx.Client(timeout=5)',
        'def middle():',
        '    return deep()',
        '@app.get("/a")',
        'def a():',
        '    singleton()',
        '    keyed("x")',
        '    middle()',
        '    return {}',
      ),
    });
    expect(f.requestClients.perRequest).toEqual([]);
    expect(f.requestClients.entries).toBe(1);
  });

  it('reports a helper creation with the handler call line as second evidence', async () => {
    const f = await facts({
      ...FASTAPI,
      'app/main.py': py(
        'from fastapi import FastAPI',
        'from openai import OpenAI',
        'app = FastAPI()',
        'def llm():',
        '    return OpenAI(timeout=10)',
        '@app.get("/a")',
        'def a():',
        '    return llm().models.list()',
      ),
    });
    const [c] = f.requestClients.perRequest;
    expect([c.what, c.helper, c.evidence.line, c.via?.line]).toEqual(['openai.OpenAI', 'llm', 5, 8]);
  });

  it('JS: assigning a module variable from a handler is a lazy singleton', async () => {
    const f = await facts({
      'package.json': JSON.stringify({ dependencies: { express: '^4.19.2', openai: '^4.67.0' } }),
      'src/app.ts': [
        "import express from 'express';",
        "import OpenAI from 'openai';",
        'let client: OpenAI | undefined;',
        'const app = express();',
        "app.get('/a', async (_req, res) => {",
        '  if (!client) client = new OpenAI({ timeout: 10_000 });',
        '  res.json(await client.models.list());',
        '});',
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(f.requestClients.perRequest).toEqual([]);
  });
});

describe('slow work in requests', () => {
  it('a model call in an except fallback is not a second step; a while poll is not a sync', async () => {
    const f = await facts({
      ...FASTAPI,
      'app/main.py': py(
        'import httpx',
        'from fastapi import FastAPI',
        'from openai import AsyncOpenAI',
        'app = FastAPI()',
        'client = AsyncOpenAI(timeout=10)',
        'http = httpx.AsyncClient(timeout=5)',
        '@app.post("/chat")',
        'async def chat(q: str):',
        '    try:',
        '        r = await client.chat.completions.create(model="a", max_tokens=5, messages=[])',
        '    except Exception:',
        '        r = await client.chat.completions.create(model="b", max_tokens=5, messages=[])',
        '    while (await http.get("https://x.example.com/status")).status_code == 202:',
        '        pass',
        '    return r',
      ),
    });
    expect(f.slowRequestWork.slow).toEqual([]);
  });

  it('a hand-off anywhere in the route code leaves it alone and is credited', async () => {
    const f = await facts({
      ...FASTAPI,
      'app/main.py': py(
        'from fastapi import BackgroundTasks, FastAPI',
        'from openai import AsyncOpenAI',
        'app = FastAPI()',
        'client = AsyncOpenAI(timeout=10)',
        'async def step(x):',
        '    return await client.chat.completions.create(model="a", max_tokens=5, messages=[])',
        'def audit(x):',
        '    pass',
        '@app.post("/run")',
        'async def run(x: str, bg: BackgroundTasks):',
        '    a = await step(x)',
        '    b = await step(a)',
        '    bg.add_task(audit, b)',
        '    return b',
      ),
    });
    expect(f.slowRequestWork.slow).toEqual([]);
    expect(f.slowRequestWork.offloaded.map((e) => e.line)).toEqual([9]);
  });
});

describe('cleanup functions', () => {
  it('self calls, send_task strings and job dicts wire it; its own body and framework hooks do not count', async () => {
    const f = await facts({
      ...FASTAPI,
      'app/jobs.py': py(
        'from celery import Celery',
        'from starlette.background import BackgroundTask',
        'celery_app = Celery("x")',
        'class Store:',
        '    def cleanup(self):',
        '        pass',
        '    def close(self):',
        '        self.cleanup()',
        'class Hook(BackgroundTask):',
        '    def cleanup_files(self):',
        '        pass',
        'def purge_old_rows():',
        '    purge_old_rows()',
        'def prune_tmp():',
        '    pass',
        'JOBS = {"prune": prune_tmp}',
        '@celery_app.task(name="maint.expire_tokens")',
        'def expire_tokens():',
        '    pass',
        'def kick():',
        '    celery_app.send_task("maint.expire_tokens")',
      ),
    });
    const byName = Object.fromEntries(f.cleanupFunctions.map((c) => [c.name, c.wiredBy?.line ?? null]));
    expect(byName).toEqual({ cleanup: 8, purge_old_rows: null, prune_tmp: 16, expire_tokens: 21 });
  });
});

describe('blocking calls one helper level away', () => {
  it('follows direct calls of a sync helper, not awaited ones, thread hand-offs or a second level', async () => {
    const f = await facts({
      ...FASTAPI,
      'app/main.py': py(
        'import asyncio',
        'import time',
        'import requests',
        'from fastapi import FastAPI',
        'app = FastAPI()',
        'def inner():',
        '    time.sleep(1)',
        'def outer():',
        '    inner()',
        'def direct():',
        '    return requests.get("https://x.example.com", timeout=5)',
        'def returns_future():',
        '    time.sleep(0)',
        '    return asyncio.sleep(0)',
        '@app.get("/a")',
        'async def a():',
        '    outer()',
        '    direct()',
        '    await returns_future()',
        '    await asyncio.get_running_loop().run_in_executor(None, lambda: direct())',
        '    return {}',
      ),
    });
    expect(f.blockingCalls.map((b) => [b.evidence.line, b.via?.caller, b.via?.helper, b.via?.evidence.line])).toEqual([[11, 'a', 'direct', 18]]);
  });
});

describe('cleanup functions imported under another name', () => {
  it('a default export or an `as` alias called elsewhere wires it', async () => {
    const f = await facts({
      'package.json': JSON.stringify({ dependencies: { express: '^4.19.2', 'node-cron': '^3.0.3' } }),
      'src/cleanup.ts': 'export default async function cleanupOldUploads(): Promise<void> {}\n',
      'src/app.ts': [
        "import express from 'express';",
        "import cron from 'node-cron';",
        "import sweep from './cleanup';",
        'const app = express();',
        "cron.schedule('0 * * * *', sweep);",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(f.cleanupFunctions.map((c) => [c.name, c.wiredBy?.file, c.wiredBy?.line])).toEqual([['cleanupOldUploads', 'src/app.ts', 5]]);
  });
});

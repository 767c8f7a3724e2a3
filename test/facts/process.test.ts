/** Process-level extractors (src/facts/process/): the decisions the rule fixtures only touch once. */

import { describe, expect, it } from 'vitest';
import { broadTypes, isEmptyFunction } from '../../src/facts/process/swallowed.js';
import { auditRepo } from '../helpers/temp-repo.js';

async function facts(files: Record<string, string>) {
  const audit = await auditRepo(files);
  return audit.facts;
}

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'x', dependencies: deps }, null, 2);
const fn = (text: string) => ({ kind: 'function' as const, text, line: 1 });

describe('swallowed exceptions', () => {
  it('treats only Exception / BaseException (alone or in a tuple) and bare except as broad', () => {
    expect(broadTypes('')).toBe(true);
    expect(broadTypes('Exception')).toBe(true);
    expect(broadTypes('(ValueError, builtins.BaseException)')).toBe(true);
    expect(broadTypes('KeyError')).toBe(false);
    expect(broadTypes('(ImportError, ModuleNotFoundError)')).toBe(false);
    expect(broadTypes('asyncio.CancelledError')).toBe(false);
  });

  it('recognises empty callbacks, comments aside, and nothing that does work', () => {
    expect(isEmptyFunction(fn('() => {}'))).toBe(true);
    expect(isEmptyFunction(fn('(_err) => { /* best effort */ }'))).toBe(true);
    expect(isEmptyFunction(fn('async function () {}'))).toBe(true);
    expect(isEmptyFunction(fn('(e: unknown) => {}'))).toBe(true);
    expect(isEmptyFunction(fn('() => null'))).toBe(false);
    expect(isEmptyFunction(fn('(err) => { logger.warn(err); }'))).toBe(false);
  });

  it('skips scripts, __main__ blocks and suppress() of a narrow type; reports suppress(Exception)', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi==0.115.6\n',
      'app/main.py':
        'from contextlib import suppress\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\ndef a():\n    with suppress(Exception):\n        work()\n    with suppress(KeyError):\n        work()\n\n\nif __name__ == "__main__":\n    try:\n        a()\n    except Exception:\n        pass\n',
      'scripts/fix.py': 'try:\n    x = 1\nexcept Exception:\n    pass\n',
    });
    expect(f.swallowedExceptions.map((s) => `${s.evidence.file}:${s.evidence.line} ${s.form}`)).toEqual(['app/main.py:8 suppress(Exception)']);
  });
});

describe('health status', () => {
  it('ignores exception messages and log lines when looking for an unhealthy body', async () => {
    const f = await facts({
      'package.json': pkg({ express: '^4.21.0' }),
      'app.js':
        "const express = require('express');\nconst app = express();\napp.get('/health', async (req, res) => {\n  if (!(await ping())) throw new Error('unhealthy');\n  req.log.error('down');\n  res.json({ status: 'ok' });\n});\nasync function ping() { return true; }\nmodule.exports = app;\n",
    });
    expect(f.healthStatuses).toEqual([]);
  });

  it('reads a Flask `return body, code` tuple and a helper that builds the degraded body', async () => {
    const f = await facts({
      'requirements.txt': 'flask==3.1.0\n',
      'app.py':
        'from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\ndef build(ok):\n    return {"status": "ok" if ok else "degraded"}\n\n\n@app.get("/health")\ndef health():\n    ok = check()\n    return jsonify(build(ok)), 200 if ok else 503\n\n\n@app.get("/ready")\ndef ready():\n    return jsonify(build(check()))\n\n\ndef check():\n    return True\n',
    });
    const byPath = Object.fromEntries(f.healthStatuses.map((h) => [h.path, h.statusSet?.line ?? null]));
    expect(byPath).toEqual({ '/health': 13, '/ready': null });
  });
});

describe('process error handling', () => {
  it('credits a handler in a shared workspace package', async () => {
    const f = await facts({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['api', 'packages/*', 'web'] }),
      'api/package.json': pkg({ express: '^4.21.0' }),
      'api/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
      'packages/runtime/package.json': pkg({}),
      'packages/runtime/index.js': "process.on('unhandledRejection', (r) => console.error(r));\n",
    });
    expect(f.processErrorHandling.map((p) => [p.service, p.handlers.map((h) => h.file)])).toEqual([['api', ['packages/runtime/index.js']]]);
  });

  it('gives no credit to Sentry with default integrations turned off', async () => {
    const f = await facts({
      'package.json': pkg({ fastify: '^5.1.0', '@sentry/node': '^8.40.0' }),
      'index.js':
        "const Fastify = require('fastify');\nconst Sentry = require('@sentry/node');\nSentry.init({ dsn: process.env.SENTRY_DSN, defaultIntegrations: false });\nconst app = Fastify();\napp.listen({ port: 3000 });\n",
    });
    expect(f.processErrorHandling.map((p) => p.libraries.length + p.handlers.length)).toEqual([0]);
  });
});

describe('module state', () => {
  it('matches reached functions by name only when the name is unique or the module is imported', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi==0.115.6\n',
      'app/main.py': 'from fastapi import FastAPI\n\nfrom app.jobs import start_job\n\napp = FastAPI()\n\n\n@app.post("/jobs")\ndef create():\n    return start_job()\n',
      'app/jobs.py': 'JOBS = {}\n\n\ndef start_job():\n    JOBS["1"] = "queued"\n    return "1"\n',
      'app/tools.py': '_seen = []\n\n\ndef remember(x):\n    _seen.append(x)\n',
    });
    expect(f.moduleStates.map((m) => `${m.evidence.file}:${m.name}:${m.mutations.map((e) => e.line).join(',')}`)).toEqual(['app/jobs.py:JOBS:5']);
  });

  it('does not report per-process memos of compiled patterns or clients', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi==0.115.6\n',
      'app/main.py':
        'import re\nfrom fastapi import FastAPI\n\napp = FastAPI()\n_patterns = {}\n\n\n@app.get("/match")\ndef match(p: str, s: str):\n    if p not in _patterns:\n        _patterns[p] = re.compile(p)\n    return {"ok": bool(_patterns[p].match(s))}\n',
    });
    expect(f.moduleStates).toEqual([]);
  });
});

describe('process checks on common real-world shapes', () => {
  it('reports a FastAPI dependency that counts requests in a module-level defaultdict', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi==0.115.6\n',
      'app/limits.py':
        'import time\nfrom collections import defaultdict\n\nfrom fastapi import HTTPException, Request\n\n_requests = defaultdict(list)\n\n\ndef rate_limiter(request: Request) -> None:\n    now = time.time()\n    _requests[request.client.host].append(now)\n    _requests[request.client.host] = [t for t in _requests[request.client.host] if now - t < 60]\n    if len(_requests[request.client.host]) > 30:\n        raise HTTPException(429)\n',
      'app/main.py':
        'from fastapi import Depends, FastAPI\n\nfrom app.limits import rate_limiter\n\napp = FastAPI()\n\n\n@app.get("/items", dependencies=[Depends(rate_limiter)])\ndef items():\n    return []\n',
    });
    expect(f.moduleStates.map((m) => `${m.evidence.file}:${m.evidence.line}:${m.name}`)).toEqual(['app/limits.py:6:_requests']);
  });

  it('does not take status_code=200 as an error status', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi==0.115.6\n',
      'app/main.py':
        'from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\n\napp = FastAPI()\n\n\n@app.get("/health")\nasync def health():\n    try:\n        await ping()\n        return {"status": "healthy"}\n    except Exception:\n        return JSONResponse(status_code=200, content={"status": "degraded", "database": "unreachable"})\n\n\nasync def ping():\n    return None\n',
    });
    expect(f.healthStatuses.map((h) => [h.unhealthy.line, h.statusSet])).toEqual([[13, null]]);
  });

  it('finds a plain http server and a routing-controllers server', async () => {
    const plain = await facts({
      'package.json': pkg({}),
      'server.js': "const http = require('node:http');\nhttp.createServer((req, res) => res.end('ok')).listen(8080);\n",
    });
    expect(plain.processErrorHandling.map((p) => [p.framework, p.entry.line])).toEqual([['http', 2]]);
    const rc = await facts({
      'package.json': pkg({ 'routing-controllers': '^0.10.4', express: '^4.21.0' }),
      'src/app.ts': "import { createExpressServer } from 'routing-controllers';\nconst app = createExpressServer({ controllers: [] });\napp.listen(3000);\n",
    });
    expect(rc.processErrorHandling.map((p) => [p.framework, p.entry.line])).toEqual([['express', 2]]);
  });
});

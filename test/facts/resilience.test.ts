/** The resilience extractors (src/facts/resilience/): what counts as a retry, a breaker, a bound. */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { tempRepo } from '../helpers/temp-repo.js';

async function facts(files: Record<string, string>) {
  return (await runAudit(tempRepo(files), { only: ['tests-missing'], useGit: false })).facts;
}

const PY = { 'requirements.txt': 'fastapi\nrequests\nopenai\nredis\n' };
const NODE = { 'package.json': JSON.stringify({ name: 'x', dependencies: { express: '4', ioredis: '5', openai: '4' } }) };

describe('retry coverage', () => {
  it('credits hand-written retry loops and attempt parameters, not a plain loop over items', async () => {
    const f = await facts({
      ...PY,
      'app/clients.py': [
        'import time',
        'import requests',
        '',
        'def with_loop(url):',
        '    for attempt in range(3):',
        '        try:',
        '            return requests.get(url, timeout=5)',
        '        except requests.RequestException:',
        '            time.sleep(2 ** attempt)',
        '',
        'def with_param(url, retries=3):',
        '    return requests.get(url, timeout=5)',
        '',
        'def per_item(urls):',
        '    for url in urls:',
        '        requests.post(url, timeout=5)',
        '',
      ].join('\n'),
    });
    const byLine = new Map(f.outboundGuards.calls.map((c) => [c.evidence.line, c.retry?.note ?? null]));
    expect(byLine.get(7)).toBe('hand-written retry loop');
    expect(byLine.get(12)).toBe('retry parameter retries');
    expect(byLine.get(16)).toBeNull();
  });

  it('a call inside the except block of a self.retry() task is not retried; two levels of callers count', async () => {
    const f = await facts({
      ...PY,
      'app/tasks.py': [
        'import requests',
        'from celery import shared_task',
        'from tenacity import retry, stop_after_attempt',
        '',
        'def notify(msg):',
        '    requests.post("https://ops.example.com", json={"m": msg}, timeout=5)',
        '',
        '@shared_task(bind=True, max_retries=3)',
        'def sync(self):',
        '    try:',
        '        work()',
        '    except Exception as exc:',
        '        notify(str(exc))',
        '        raise self.retry(exc=exc)',
        '',
        'def work():',
        '    requests.get("https://api.example.com/items", timeout=5)',
        '',
        'def _get(url):',
        '    return requests.get(url, timeout=5)',
        '',
        'def get_item(i):',
        '    return _get(f"https://api.example.com/items/{i}")',
        '',
        '@retry(stop=stop_after_attempt(3))',
        'def refresh(i):',
        '    return get_item(i)',
        '',
      ].join('\n'),
    });
    const byLine = new Map(f.outboundGuards.calls.map((c) => [c.evidence.line, c.retry]));
    expect(byLine.get(6)).toBeNull();
    expect(byLine.get(17)?.note).toContain('self.retry');
    expect(byLine.get(20)?.line).toBe(25);
  });
});

describe('redis clients', () => {
  it('reads redis-py socket options, skips opaque options and BullMQ connections', async () => {
    const f = await facts({
      ...PY,
      ...NODE,
      'app/cache.py': [
        'import redis',
        'a = redis.Redis(host="r", socket_timeout=2)',
        'b = redis.from_url("redis://r:6379/0?socket_timeout=2")',
        'c = redis.Redis.from_url("redis://r:6379/0")',
        'pool = redis.ConnectionPool(host="r")',
        'd = redis.Redis(connection_pool=pool)',
        '',
      ].join('\n'),
      'src/redis.ts': [
        "import Redis from 'ioredis';",
        "export const a = new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: null });",
        'export const b = new Redis(options);',
        "export const c = new Redis(6379, 'redis');",
        "export const d = new Redis({ host: 'r', redisOptions: {}, commandTimeout: 1000 });",
        '',
      ].join('\n'),
    });
    const missing = f.redisClients.filter((r) => r.missing).map((r) => `${r.evidence.file}:${r.evidence.line}`);
    expect(missing.sort()).toEqual(['app/cache.py:4', 'app/cache.py:5', 'src/redis.ts:4']);
  });
});

describe('llm fan-outs', () => {
  it('follows the fanned function one call down and ignores fixed lists', async () => {
    const f = await facts({
      ...PY,
      'app/fan.py': [
        'import asyncio',
        'from openai import AsyncOpenAI',
        'client = AsyncOpenAI(timeout=30, max_retries=2)',
        '',
        'async def ask(q):',
        '    return await client.chat.completions.create(model="m", max_tokens=10, messages=[])',
        '',
        'async def handle(q):',
        '    return await ask(q)',
        '',
        'async def all_of(qs):',
        '    return await asyncio.gather(*[handle(q) for q in qs])',
        '',
        'async def fixed(q):',
        '    return await asyncio.gather(*[ask(p) for p in ["a", "b"]])',
        '',
      ].join('\n'),
    });
    const open = f.llmFanouts.filter((x) => x.limit === null).map((x) => x.evidence.line);
    expect(open).toEqual([12]);
    expect(f.llmFanouts.find((x) => x.evidence.line === 12)?.llmCall.line).toBe(6);
  });
});

describe('llm clients', () => {
  it('credits with_options on the client and does not take prompt templates for clients', async () => {
    const f = await facts({
      ...PY,
      'app/llm.py': [
        'from anthropic import Anthropic',
        'from langchain_core.prompts import ChatPromptTemplate',
        'base = Anthropic()',
        'fast = base.with_options(timeout=10, max_retries=1)',
        'prompt = ChatPromptTemplate([("human", "{q}")])',
        '',
      ].join('\n'),
    });
    expect(f.llmClients).toHaveLength(1);
    expect(f.llmClients[0].timeout?.note).toContain('with_options');
    expect(f.llmClients[0].retries?.note).toContain('max_retries');
  });

  it('credits with_retry on a parenthesised pipe that holds the model, not on another model', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi\nlangchain\n',
      'app/llm.py': [
        'from langchain.chat_models import init_chat_model',
        'from langchain_core.runnables import RunnableLambda',
        'def check(r):',
        '    return r',
        'def retrying(model: str):',
        '    return (',
        '        init_chat_model(model=model)',
        '        | RunnableLambda(check)',
        '    ).with_retry(stop_after_attempt=3)',
        'plain = init_chat_model(model="gpt-4o-mini")',
        '',
      ].join('\n'),
    });
    expect(f.llmClients.map((c) => [c.evidence.line, !!c.retries])).toEqual([
      [7, true],
      [10, false],
    ]);
  });
});

describe('browser code', () => {
  it('leaves out fetch helpers that only components and hooks reach, keeps route handlers', async () => {
    const f = await facts({
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '15', react: '19' } }),
      'src/lib/fetch.ts': [
        'async function request(method: string, url: string) {',
        '  return fetch(url, { method, signal: AbortSignal.timeout(5000) });',
        '}',
        'export const httpGet = (url: string) => request("GET", url);',
        '',
      ].join('\n'),
      'src/components/hooks/useApi.ts': ["import { httpGet } from '@/lib/fetch';", 'export function useApi() { return { get: httpGet }; }', ''].join('\n'),
      'src/app/api/rates/route.ts': [
        'export async function GET() {',
        '  const res = await fetch("https://rates.example.com/latest", { signal: AbortSignal.timeout(5000) });',
        '  return Response.json(await res.json());',
        '}',
        '',
      ].join('\n'),
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
    });
    expect(f.outboundGuards.calls.map((c) => c.evidence.file)).toEqual(['src/app/api/rates/route.ts']);
  });
});

import { describe, expect, it } from 'vitest';
import type { RepoFile } from '../../src/discover/types.js';
import { parseCode } from '../../src/facts/parse/code.js';

const file = (path: string, language: RepoFile['language']): RepoFile => ({ path, abs: path, language, role: 'app', size: 0, service: '' });

describe('python code model', () => {
  const src = [
    'import os',
    'from fastapi import FastAPI, Depends',
    'app = FastAPI(debug=True)',
    '@app.get("/items")',
    'async def list_items(limit: int = 10, user=Depends(get_user)):',
    '    try:',
    '        r = requests.get(f"http://x/{limit}", timeout=3)',
    '    except Exception as e:',
    '        pass',
    '    return {"key": os.environ["API_KEY"]}',
    'if __name__ == "__main__":',
    '    print("hi")',
  ].join('\n');
  it('summarises functions, calls, kwargs, handlers and env reads', async () => {
    const m = await parseCode(file('main.py', 'python'), src);
    const fn = m.functions.find((f) => f.name === 'list_items');
    expect(fn).toMatchObject({ async: true, line: 5 });
    expect(fn?.decorators[0]).toMatchObject({ kind: 'call', callee: 'app.get' });
    expect(fn?.params.map((p) => p.name)).toEqual(['limit', 'user']);
    expect(fn?.params[1].default).toMatchObject({ kind: 'call', callee: 'Depends' });
    const get = m.calls.find((c) => c.callee === 'requests.get');
    expect(get?.kwargs.timeout).toMatchObject({ kind: 'number', value: '3' });
    expect(get?.args[0].kind).toBe('fstring');
    expect(get?.fn).toBe(m.functions.indexOf(fn!));
    expect(m.calls.find((c) => c.callee === 'FastAPI')?.kwargs.debug).toMatchObject({ kind: 'bool', value: 'true' });
    expect(m.handlers[0]).toMatchObject({ alias: 'e', types: 'Exception', empty: true });
    expect(m.envReads).toEqual([expect.objectContaining({ name: 'API_KEY', line: 10, hasDefault: false })]);
    expect(m.imports.map((i) => i.module)).toEqual(['os', 'fastapi']);
    expect(m.mainGuards).toEqual([{ line: 11, endLine: 12 }]);
    expect(m.syntaxErrors).toEqual([]);
  });
});

describe('python settings fields', () => {
  it('keeps annotation-only fields (required settings) as assignments with an empty value', async () => {
    const m = await parseCode(file('config.py', 'python'), 'class Settings(BaseSettings):\n    secret_key: str\n    debug: bool = False\n');
    expect(m.assignments.map((a) => [a.target, a.annotation, a.value.text, a.scope, a.className])).toEqual([
      ['secret_key', 'str', '', 'class', 'Settings'],
      ['debug', 'bool', 'False', 'class', 'Settings'],
    ]);
  });
});

describe('typescript code model', () => {
  const src = [
    "import express from 'express';",
    "import { rateLimit as rl } from 'express-rate-limit';",
    'const app = express();',
    "const port = process.env.PORT ?? '3000';",
    "app.get('/users', auth, async (req, res) => {",
    '  try {',
    "    const r = await fetch('https://api.example.com', { method: 'GET' });",
    '    res.json(await r.json());',
    '  } catch (err) {}',
    '});',
    'class Svc { @Get(":id") find() { return 1; } }',
    '@Controller("users")',
    'export class UsersController {',
    '  @Post()',
    '  // only admins',
    '  @UseGuards(AdminGuard)',
    '  create() { return 2; }',
    '}',
  ].join('\n');
  it('summarises calls, object args, functions, catch blocks and env reads', async () => {
    const m = await parseCode(file('app.ts', 'typescript'), src);
    const route = m.calls.find((c) => c.callee === 'app.get');
    expect(route?.args.map((a) => a.kind)).toEqual(['string', 'name', 'function']);
    expect(route?.fn).toBe(-1);
    const fetchCall = m.calls.find((c) => c.callee === 'fetch');
    expect(fetchCall?.awaited).toBe(true);
    expect(fetchCall?.args[1].entries?.map((e) => e.key)).toEqual(['method']);
    const handler = m.functions[route!.args[2].fn!];
    expect(handler.async).toBe(true);
    expect(fetchCall?.fn).toBe(route!.args[2].fn);
    expect(m.handlers[0]).toMatchObject({ alias: 'err', empty: true });
    expect(m.envReads).toEqual([expect.objectContaining({ name: 'PORT', hasDefault: true, defaultValue: '3000' })]);
    expect(m.imports[1]).toMatchObject({ module: 'express-rate-limit', names: ['rateLimit'] });
    expect(m.functions.find((f) => f.name === 'find')?.decorators[0]).toMatchObject({ callee: 'Get' });
    expect(m.classes.find((c) => c.name === 'UsersController')?.decorators.map((d) => d.callee)).toEqual(['Controller']);
    expect(m.functions.find((f) => f.name === 'create')?.decorators.map((d) => d.callee)).toEqual(['Post', 'UseGuards']);
  });
  it('reports syntax errors and keeps what parsed', async () => {
    const m = await parseCode(file('bad.ts', 'typescript'), 'const a = {;\nconsole.log(1);\n');
    expect(m.syntaxErrors.length).toBeGreaterThan(0);
    expect(m.calls.some((c) => c.callee === 'console.log')).toBe(true);
  });
});

describe('except / catch blocks that raise the caught error again', () => {
  it('marks `raise`, `raise e` and `throw err`, not a new error or a raise in a nested function', async () => {
    const py = await parseCode(
      file('r.py', 'python'),
      ['try:', '    a()', 'except E as e:', '    raise', 'try:', '    b()', 'except E as e:', '    raise e', 'try:', '    c()', 'except E as e:', '    raise Other() from e', 'try:', '    d()', 'except E as e:', '    def later():', '        raise e'].join('\n'),
    );
    expect(py.handlers.map((h) => !!h.reraises)).toEqual([true, true, false, false]);
    const ts = await parseCode(file('r.ts', 'typescript'), 'try { a(); } catch (err) { throw err; }\ntry { b(); } catch (err) { throw new Error("x"); }');
    expect(ts.handlers.map((h) => !!h.reraises)).toEqual([true, false]);
  });
});

describe('comparisons kept in the model', () => {
  it('keeps secret equalities and size bounds, nothing else', async () => {
    const m = await parseCode(
      file('c.py', 'python'),
      ['if token == expected_token:', '    pass', 'if file.size > MAX_UPLOAD_BYTES:', '    pass', 'if len(data) <= limit_bytes:', '    pass', 'if count > 3:', '    pass', 'if user.name == other.name:', '    pass'].join('\n'),
    );
    expect(m.comparisons.map((c) => [c.topic, c.line])).toEqual([
      ['secret', 1],
      ['size', 3],
      ['size', 5],
    ]);
  });
});

describe('JS declarations and reassignments', () => {
  it('marks const/let/var declarations, not reassignments of an outer variable', async () => {
    const m = await parseCode(file('d.ts', 'typescript'), 'let client;\nexport const pool = makePool();\nfunction get() {\n  client = makeClient();\n  const local = makeClient();\n}');
    expect(m.assignments.map((a) => [a.target, !!a.declared])).toEqual([
      ['pool', true],
      ['client', false],
      ['local', true],
    ]);
  });
});

describe('in-place updates', () => {
  it('keeps `+=` and `++` apart from assignments, with their target', async () => {
    const py = await parseCode(file('a.py', 'python'), 'hits = {}\ndef f(ip):\n    hits[ip] += 1\n    total = 0\n');
    expect(py.augmented.map((a) => [a.target, a.op, a.line])).toEqual([['hits[ip]', '+=', 3]]);
    expect(py.assignments.map((a) => a.target)).toEqual(['hits', 'total']);
    const ts = await parseCode(file('a.ts', 'typescript'), 'const hits: Record<string, number> = {};\nexport function f(ip: string) {\n  hits[ip]++;\n  hits.total -= 1;\n}');
    expect(ts.augmented.map((a) => [a.target, a.op])).toEqual([
      ['hits[ip]', '++'],
      ['hits.total', '-='],
    ]);
  });
});

describe('class bases (TypeScript)', () => {
  it('lists the class it extends and each interface it implements separately', async () => {
    const src = [
      'export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {}',
      'class NotesRepo extends Repository<Note, Map<string, number>> {}',
      'export class Init1700000000000 implements MigrationInterface {}',
      'class Plain {}',
    ].join('\n');
    const m = await parseCode(file('src/x.ts', 'typescript'), src);
    expect(m.classes.map((c) => [c.name, c.bases])).toEqual([
      ['PrismaService', ['PrismaClient', 'OnModuleInit', 'OnModuleDestroy']],
      ['NotesRepo', ['Repository<Note, Map<string, number>>']],
      ['Init1700000000000', ['MigrationInterface']],
      ['Plain', []],
    ]);
  });
});

describe('names given to secret-looking literals', () => {
  it('keeps the key, keyword or attribute a candidate literal is given', async () => {
    const py = await parseCode(file('app/forms.py', 'python'), 'field = Field(placeholder="sk-proj-Xq7asdfQwerty12345Zxcvbn67890Lkjhg")\nKEY = "sk-proj-9fK2mQ7vR4xT1wZ8bN3cH6jL5pD0sG2aY7eU4iO1"\n');
    expect(py.secretCandidates.map((c) => c.key)).toEqual(['placeholder', 'KEY']);
    const ts = await parseCode(file('src/form.ts', 'typescript'), "export const f = { placeholder: 'sk-proj-Xq7asdfQwerty12345Zxcvbn67890Lkjhg' };\n");
    expect(ts.secretCandidates.map((c) => c.key)).toEqual(['placeholder']);
  });
});

import { describe, expect, it } from 'vitest';
import { Query } from 'web-tree-sitter';
import { collectCaptures, compilePlan, splitPatterns } from '../../src/facts/parse/plan.js';
import { loadGrammar, querySource, type Grammar } from '../../src/facts/parse/tree-sitter.js';

/** Node ids per capture name, as the query engine returns them. */
function queryCaptures(query: Query, root: Parameters<Query['captures']>[0]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const c of query.captures(root)) (out[c.name] ??= []).push(c.node.id);
  return out;
}

async function compare(grammar: Grammar, source: string): Promise<void> {
  const { parser, plan } = await loadGrammar(grammar);
  const query = new Query(parser.language!, querySource(grammar));
  const tree = parser.parse(source);
  if (!tree) throw new Error('no tree');
  const want = queryCaptures(query, tree.rootNode);
  const got = collectCaptures(plan, tree, source).nodes;
  // Every name the query matched comes out of the plan with the same nodes in the same order.
  for (const [name, ids] of Object.entries(want)) expect(got[name]?.map((n) => n.id), name).toEqual(ids);
  for (const [name, nodes] of Object.entries(got)) expect(nodes.map((n) => n.id), name).toEqual(want[name] ?? []);
  tree.delete();
}

describe('capture plan', () => {
  it('splits a query file into top-level patterns, comments dropped', () => {
    const src = '; a comment (with parens)\n(call) @call\n((string) @s (#match? @s "a;b(")) ; trailing\n(a (b) @x) @y\n';
    expect(splitPatterns(src)).toEqual(['(call) @call', '((string) @s (#match? @s "a;b("))', '(a (b) @x) @y']);
  });

  it('walks bare kinds, runs structured patterns as a query only where their literals occur', async () => {
    const { parser } = await loadGrammar('python');
    const plan = compilePlan(parser.language!, '(call) @call\n((identifier) @id (#eq? @id "x"))\n(ERROR) @error\n(attribute object: (identifier) @o (#eq? @o "os")) @attr\n');
    expect(plan.types).toEqual(['call', 'identifier']);
    expect(plan.gates).toEqual([
      { error: true, literals: [] },
      { error: false, literals: ['os'] },
    ]);
    const tree = parser.parse('x = f(y)\nos.getcwd()\n');
    const caps = collectCaptures(plan, tree!, 'x = f(y)\nos.getcwd()\n');
    expect(caps.nodes.call).toHaveLength(2);
    expect(caps.nodes.id.map((n) => n.text)).toEqual(['x']);
    expect(caps.nodes.attr.map((n) => n.text)).toEqual(['os.getcwd']);
    tree!.delete();
  });

  it('gives what the query gives: Python', async () => {
    await compare(
      'python',
      [
        'import os',
        'from a import (b, c as d)',
        '@app.get("/x")',
        'async def f(x: int = g(1), *, y=[1, {"k": h()}]):',
        '    key = os.environ["API_KEY"]',
        '    url = "postgres://user:secret@db/x"',
        '    try:',
        '        return await k(f"{x}" + "X-Request-ID")',
        '    except Exception as e:',
        '        pass',
        'class C(Base):',
        '    t: str = "sk-live"',
        'if __name__ == "__main__":',
        '    f()(1)',
        'def broken(:',
      ].join('\n'),
    );
  });

  it('gives what the query gives: TypeScript', async () => {
    await compare(
      'typescript',
      [
        "import express from 'express';",
        'const port = process.env.PORT ?? process.env["P"];',
        '@Controller() export class A { @Get() async list(@Body() b: Dto) { return this.s.find(); } x = 1; }',
        'const C = class { m() { return new Map(); } };',
        "app.get('/x', async (req, res) => { try { await f(`a${b}`); } catch (e) {} res.json([1, 'x-request-id']); });",
        "const u = 'https://user:pw@host/';",
        'function* g() { yield 1 }',
        'let broken = ;',
      ].join('\n'),
    );
  });

  it('gives what the query gives: TSX (typescript.scm + tsx.scm)', async () => {
    await compare(
      'tsx',
      [
        "import { createRoot } from 'react-dom/client';",
        'const App = () => <div className="x" {...p}><Foo.Bar a="1" /> hi {label} <>y</></div>;',
        "createRoot(document.getElementById('root')!).render(<App />);",
        'const k = process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8000";',
        "if (!navigator.onLine) window.addEventListener('online', retry);",
      ].join('\n'),
    );
  });
});

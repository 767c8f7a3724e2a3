import { describe, expect, it } from 'vitest';
import type { RepoFile } from '../../src/discover/types.js';
import type { CodeModel } from '../../src/facts/code/model.js';
import { parseCode } from '../../src/facts/parse/code.js';

const file = (path: string, language: RepoFile['language']): RepoFile => ({ path, abs: path, language, role: 'app', size: 0, service: '' });
const el = (m: CodeModel, name: string) => m.jsxElements.find((e) => e.name === name);

describe('JSX elements in the code model', () => {
  const src = [
    "import { Trash } from './icons';",
    'export function Toolbar({ label, onDelete, ...rest }) {',
    '  return (',
    '    <div className="bar" {...rest}>',
    '      <button aria-label="Delete" onClick={onDelete} disabled>',
    '        <Trash size={16} />',
    '      </button>',
    '      <Foo.Bar title={`x`}>{label}</Foo.Bar>',
    '      <IconButton>  {/* icon only */} <svg><path d="M0" /></svg> &nbsp;</IconButton>',
    '      <a href="https://fonts.example.com">&times;</a>',
    '      <>{open ? <X /> : null}</>',
    '    </div>',
    '  );',
    '}',
  ].join('\n');

  it('reads names, attributes, text and children of .tsx elements', async () => {
    const m = await parseCode(file('Toolbar.tsx', 'tsx'), src);
    expect(m.jsxElements.map((e) => e.name)).toEqual(['div', 'button', 'Trash', 'Foo.Bar', 'IconButton', 'svg', 'path', 'a', '', 'X']);
    const div = el(m, 'div')!;
    expect(div.attributes).toEqual([
      { name: 'className', value: expect.objectContaining({ kind: 'string', value: 'bar' }), line: 4 },
      { name: '', spread: true, line: 4 },
    ]);
    expect(div.children.map((i) => m.jsxElements[i].name)).toEqual(['button', 'Foo.Bar', 'IconButton', 'a', '']);
    expect(div).toMatchObject({ hasText: false, parent: -1, line: 4, endLine: 12, fn: 0 });
    const button = el(m, 'button')!;
    expect(button.attributes.map((a) => [a.name, a.value?.kind])).toEqual([['aria-label', 'string'], ['onClick', 'name'], ['disabled', undefined]]);
    expect(button).toMatchObject({ hasText: false, line: 5, endLine: 7 });
    expect(button.children.map((i) => m.jsxElements[i].name)).toEqual(['Trash']);
    expect(m.jsxElements[button.children[0]].parent).toBe(m.jsxElements.indexOf(button));
    expect(el(m, 'Trash')!.attributes[0].value).toMatchObject({ kind: 'number', value: '16' });
    // `{label}` may be text; a comment, whitespace and &nbsp; are not; &times; is.
    expect(el(m, 'Foo.Bar')!.hasText).toBe(true);
    expect(el(m, 'IconButton')).toMatchObject({ hasText: false });
    expect(el(m, 'a')!.hasText).toBe(true);
    // A conditional child is an expression, so it may render text; the elements inside it have no parent.
    expect(el(m, '')!.hasText).toBe(true);
    expect(el(m, 'X')!.parent).toBe(-1);
  });

  it('parses JSX in .js and .jsx files with the tsx grammar, and none in .ts', async () => {
    const js = await parseCode(file('main.jsx', 'jsx'), "ReactDOM.render(<App />, document.getElementById('root'));");
    expect(js.jsxElements.map((e) => e.name)).toEqual(['App']);
    expect(js.calls[0].args[0]).toMatchObject({ kind: 'other', text: '<App />' });
    const plain = await parseCode(file('a.js', 'javascript'), '// client\n"use client";\nconst a = <b>{x}</b>;\n"not a directive";');
    expect(plain.jsxElements).toHaveLength(1);
    expect(plain.directives).toEqual(['use client']);
    const ts = await parseCode(file('a.ts', 'typescript'), 'const a = f<string>(x);\nif (!navigator.onLine || navigator.userAgent) navigator.serviceWorker.register("/sw.js");');
    expect(ts.jsxElements).toEqual([]);
    expect(ts.notableMembers).toEqual([{ value: 'navigator.onLine', line: 2 }, { value: 'navigator.serviceWorker', line: 2 }]);
    expect(ts.syntaxErrors).toEqual([]);
  });
});

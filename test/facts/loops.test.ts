import { describe, expect, it } from 'vitest';
import type { RepoFile } from '../../src/discover/types.js';
import type { CodeModel } from '../../src/facts/code/model.js';
import { parseCode } from '../../src/facts/parse/code.js';

const file = (path: string, language: RepoFile['language']): RepoFile => ({ path, abs: path, language, role: 'app', size: 0, service: '' });
const loopOf = (m: CodeModel, callee: string) => {
  const call = m.calls.find((c) => c.callee === callee);
  return call?.loop === undefined ? undefined : m.loops[call.loop];
};

describe('loops in the python code model', () => {
  const src = [
    'def report(db):',
    '    for user in db.query(User).all():',
    '        send(user.email)',
    '        while retry():',
    '            wait()',
    '    names = [fmt(u) for u in fetch_users()]',
    '    def later():',
    '        inner()',
    '    return total()',
  ].join('\n');
  it('tags calls run once per item with their innermost loop, not the iterated expression', async () => {
    const m = await parseCode(file('r.py', 'python'), src);
    expect(m.loops.map((l) => [l.kind, l.target, l.iter?.text, l.line])).toEqual([
      ['for', 'user', 'db.query(User).all()', 2],
      ['while', '', undefined, 4],
      ['comprehension', 'u', 'fetch_users()', 6],
    ]);
    expect(loopOf(m, 'send')?.line).toBe(2);
    expect(loopOf(m, 'wait')?.kind).toBe('while');
    expect(loopOf(m, 'retry')?.kind).toBe('while'); // a while condition runs on every turn
    expect(loopOf(m, 'fmt')?.kind).toBe('comprehension');
    expect(loopOf(m, 'db.query().all')).toBeUndefined();
    expect(loopOf(m, 'fetch_users')).toBeUndefined();
    expect(loopOf(m, 'total')).toBeUndefined();
  });
});

describe('loops in the typescript code model', () => {
  const src = [
    'async function report(ids: string[]) {',
    '  for (const id of await repo.findAll()) {',
    '    await load(id);',
    '  }',
    '  await Promise.all(ids.map(async (id) => fetchOne(id)));',
    '  const later = () => { for (let i = 0; i < 3; i++) {} };',
    '  return done();',
    '}',
  ].join('\n');
  it('reads for…of statements and iteration callbacks', async () => {
    const m = await parseCode(file('r.ts', 'typescript'), src);
    expect(m.loops.map((l) => [l.kind, l.target, l.iter?.text])).toEqual([
      ['for', 'id', 'repo.findAll()'],
      ['callback', 'id', 'ids'],
      ['for', '', undefined],
    ]);
    expect(loopOf(m, 'load')?.kind).toBe('for');
    expect(loopOf(m, 'repo.findAll')).toBeUndefined();
    expect(loopOf(m, 'fetchOne')?.kind).toBe('callback');
    expect(loopOf(m, 'Promise.all')).toBeUndefined();
    expect(loopOf(m, 'done')).toBeUndefined();
  });
});

/**
 * Whether an Alembic revision's `downgrade()` does anything. The function is found in the code
 * model; its body (the model's line range) is then read as text to see whether only `pass`, `...`,
 * comments or a docstring remain. A body with any call or assignment is never empty.
 */
import type { CodeModel, FunctionDef } from '../code/model.js';
import type { MigrationNode } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const HEADER = /^\s*(?:async\s+)?def\s+\w+\s*\([^)]*\)\s*(?:->[^:]*)?:/;

function topLevel(m: CodeModel, name: string): number {
  return m.functions.findIndex((f) => f.name === name && f.parent === -1 && !f.className);
}

/** True when the function body holds only pass / ... / comments / docstrings. */
export function bodyIsEmpty(m: CodeModel, lines: readonly string[], index: number): boolean {
  const fn: FunctionDef = m.functions[index];
  if (m.calls.some((c) => c.fn === index) || m.assignments.some((a) => a.fn === index) || m.returns.some((r) => r.fn === index)) return false;
  const text = lines.slice(fn.line - 1, fn.endLine).join('\n');
  const header = HEADER.exec(text);
  if (!header) return false; // a signature we cannot read: never call it empty
  const body = text
    .slice(header[0].length)
    .replace(/("""|''')[\s\S]*?\1/g, '')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '' && l !== 'pass' && l !== '...' && !/^(["']).*\1$/.test(l));
  return body.length === 0;
}

export function downgradeOf(repo: RepoContext, m: CodeModel): MigrationNode['downgrade'] {
  const down = topLevel(m, 'downgrade');
  if (down < 0) return null;
  const lines = repo.lines(m.file);
  const up = topLevel(m, 'upgrade');
  return {
    evidence: repo.ev(m.file, m.functions[down].line),
    empty: bodyIsEmpty(m, lines, down),
    upgradeEmpty: up >= 0 && bodyIsEmpty(m, lines, up),
  };
}

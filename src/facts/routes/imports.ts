/**
 * Local names bound by imports. The code model keeps each import's module and imported names but
 * not the local alias (`from .notes import router as notes_router`, `import notesRouter from
 * './routes/notes'`); route mounting and call resolution need it, so the import statements the model
 * located are re-read here (only those lines) to recover the aliases.
 */
import type { CodeModel } from '../code/model.js';

export interface Binding {
  /** The name used in this file. */
  local: string;
  /** Module as written: `app.services.summarizer`, `.notes`, `./db`, `openai`. */
  module: string;
  /** Imported name; '*' when the binding is the module object itself, 'default' for a JS default import. */
  name: string;
  line: number;
}

/** The statement text starting at a 1-based line: Python imports may span parenthesised lines. */
function pyStatement(lines: readonly string[], line: number): string {
  let text = '';
  let depth = 0;
  for (let i = line - 1; i < lines.length && i < line + 60; i++) {
    const l = lines[i].replace(/#.*$/, '');
    text += ` ${l}`;
    for (const ch of l) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth <= 0 && !/\\\s*$/.test(l)) break;
  }
  return text.replace(/\\\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

function pythonBindings(model: CodeModel, lines: readonly string[]): Binding[] {
  const out: Binding[] = [];
  const seen = new Set<number>();
  for (const imp of model.imports) {
    if (seen.has(imp.line)) continue;
    seen.add(imp.line);
    const stmt = pyStatement(lines, imp.line);
    const from = /^from\s+(\S+)\s+import\s+(.+)$/.exec(stmt);
    if (from) {
      const names = from[2].replace(/[()]/g, ' ');
      for (const part of names.split(',')) {
        const m = /^\s*(\w+|\*)(?:\s+as\s+(\w+))?\s*$/.exec(part);
        if (!m) continue;
        out.push({ local: m[2] ?? m[1], module: from[1], name: m[1], line: imp.line });
      }
      continue;
    }
    const plain = /^import\s+(.+)$/.exec(stmt);
    if (!plain) continue;
    for (const part of plain[1].split(',')) {
      const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (!m) continue;
      // `import a.b` binds `a`; `import a.b as c` binds `c` to the module a.b.
      if (m[2]) out.push({ local: m[2], module: m[1], name: '*', line: imp.line });
      else out.push({ local: m[1].split('.')[0], module: m[1].includes('.') ? m[1].split('.')[0] : m[1], name: '*', line: imp.line });
    }
  }
  return out;
}

/** The text of an ES import statement from its first line to its module specifier. */
function jsStatement(lines: readonly string[], line: number): string {
  let text = '';
  for (let i = line - 1; i < lines.length && i < line + 60; i++) {
    text += ` ${lines[i]}`;
    if (/\bfrom\s*['"][^'"]+['"]/.test(text) || /^\s*import\s*['"]/.test(text)) break;
  }
  return text.replace(/\/\/[^\n]*$/, '').replace(/\s+/g, ' ').trim();
}

function jsClause(clause: string, module: string, line: number, out: Binding[]): void {
  const c = clause.replace(/^type\s+/, '').trim();
  const named = /\{([^}]*)\}/.exec(c);
  const rest = c.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
  const ns = /\*\s*as\s+([\w$]+)/.exec(rest);
  if (ns) out.push({ local: ns[1], module, name: '*', line });
  const def = /^([\w$]+)/.exec(rest.replace(/\*\s*as\s+[\w$]+/, '').trim());
  if (def) out.push({ local: def[1], module, name: 'default', line });
  for (const part of named?.[1].split(',') ?? []) {
    const m = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
    if (m) out.push({ local: m[2] ?? m[1], module, name: m[1], line });
  }
}

function jsBindings(model: CodeModel, lines: readonly string[]): Binding[] {
  const out: Binding[] = [];
  const seen = new Set<number>();
  for (const imp of model.imports) {
    if (seen.has(imp.line) || imp.names.length === 0) continue;
    // require() imports are read from the assignment they feed (below).
    if (model.calls.some((c) => c.callee === 'require' && c.line === imp.line)) continue;
    seen.add(imp.line);
    const stmt = jsStatement(lines, imp.line);
    const m = /^(?:import|export)\s+(.*?)\s+from\s*['"]([^'"]+)['"]/.exec(stmt);
    if (m && m[2] === imp.module) jsClause(m[1], m[2], imp.line, out);
  }
  // const x = require('m'), const { a, b: c } = require('m'): the module object or its members.
  for (const a of model.assignments) {
    if (a.value.kind !== 'call' || a.value.callee !== 'require' || a.value.call === undefined) continue;
    const spec = model.calls[a.value.call]?.args[0];
    if (spec?.kind !== 'string' || !spec.value) continue;
    const target = a.target.trim();
    if (/^[\w$]+$/.test(target)) out.push({ local: target, module: spec.value, name: '*', line: a.line });
    else if (target.startsWith('{')) {
      for (const part of target.slice(1, -1).split(',')) {
        const p = /^\s*([\w$]+)(?:\s*:\s*([\w$]+))?\s*$/.exec(part);
        if (p) out.push({ local: p[2] ?? p[1], module: spec.value, name: p[1], line: a.line });
      }
    }
  }
  return out;
}

export function importBindings(model: CodeModel, lines: readonly string[]): Binding[] {
  return model.language === 'python' ? pythonBindings(model, lines) : jsBindings(model, lines);
}

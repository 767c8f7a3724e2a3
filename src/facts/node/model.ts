/**
 * Builds the CodeModel of one TypeScript/JavaScript file from the captures of
 * `queries/typescript.scm` (plus `queries/tsx.scm`'s JSX elements under the tsx grammar, jsx.ts).
 * The caller owns and deletes the tree.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Captures } from '../parse/plan.js';
import { SpanIndex, type CallSite, type CodeModel, type FunctionDef, type Param, type Value } from '../code/model.js';
import { comparisonOf } from '../code/comparisons.js';
import { attachLoops, loopSpan, type LoopSpan } from '../code/loops.js';
import { markReraises } from '../code/reraise.js';
import { collapse, endLine, line, lineCount, literalKey, stripQuotes } from '../code/text.js';
import { heritageBases } from './heritage.js';
import { buildJsx } from './jsx.js';
import { calleeText, jsValue, type Index } from './values.js';

/** Fallbacks of an env read that are values written in the code. */
const LITERAL_FALLBACK = new Set(['string', 'number', 'true', 'false', 'template_string']);

function params(node: Node | null, ix: Index): Param[] {
  if (!node) return [];
  const out: Param[] = [];
  const list = node.type === 'formal_parameters' ? node.namedChildren : [node];
  for (const p of list) {
    if (!p) continue;
    const kind = p.type;
    if (kind === 'identifier') {
      out.push({ name: p.text });
      continue;
    }
    if (kind !== 'required_parameter' && kind !== 'optional_parameter') continue;
    const pattern = p.childForFieldName('pattern');
    const value = p.childForFieldName('value');
    const type = p.childForFieldName('type');
    const decorators = p.childrenForFieldName('decorator').map((d) => decoratorValue(d, ix)).filter((v): v is Value => !!v);
    out.push({
      name: pattern ? collapse(pattern.text) : '',
      ...(type ? { annotation: collapse(type.text.replace(/^:\s*/, '')) } : {}),
      ...(value ? { default: jsValue(value, ix) } : {}),
      ...(decorators.length ? { decorators } : {}),
    });
  }
  return out;
}

function decoratorValue(d: Node, ix: Index): Value | undefined {
  for (const c of d.namedChildren) {
    const t = c?.type;
    if (c && t !== 'comment') return jsValue(c, ix, 0, t);
  }
  return undefined;
}

/** Decorators of a class member sit before it in the class body (tree-sitter-typescript's shape). */
function memberDecorators(n: Node, ix: Index): Value[] {
  const out: Value[] = [];
  for (let s = n.previousNamedSibling; s && (s.type === 'decorator' || s.type === 'comment'); s = s.previousNamedSibling) {
    if (s.type === 'comment') continue;
    const v = decoratorValue(s, ix);
    if (v) out.unshift(v);
  }
  for (const d of n.childrenForFieldName('decorator')) {
    const v = decoratorValue(d, ix);
    if (v) out.push(v);
  }
  return out;
}

/** The name an anonymous function is known by: `const handler = async () => …`, `{ handler() {} }`. */
function boundName(n: Node): string {
  const own = n.childForFieldName('name');
  if (own) return own.text;
  const p = n.parent;
  const type = p?.type;
  if (type === 'variable_declarator') return p?.childForFieldName('name')?.text ?? '';
  if (type === 'pair') return stripQuotes(p?.childForFieldName('key')?.text ?? '');
  if (type === 'assignment_expression') return collapse(p?.childForFieldName('left')?.text ?? '');
  return '';
}

/** `for`, `for…of`/`for…in`, `while` and `do` statements. */
function statementLoops(nodes: Node[], types: string[], ix: Index, fnAt: (offset: number) => number): LoopSpan[] {
  return nodes.map((n, i) => {
    const forIn = types[i] === 'for_in_statement';
    const kind = types[i] === 'while_statement' || types[i] === 'do_statement' ? 'while' : 'for';
    return loopSpan(n, kind, forIn ? n.childForFieldName('left') : null, forIn ? n.childForFieldName('right') : null, (v) => jsValue(v, ix), fnAt);
  });
}

const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap']);

/** `items.forEach(x => …)`, `.map`, `.flatMap` with an inline callback: its body runs once per item. */
function callbackLoops(callNodes: Node[], model: CodeModel, ix: Index): LoopSpan[] {
  const out: LoopSpan[] = [];
  model.calls.forEach((call, i) => {
    if (!ITERATION_METHODS.has(call.name) || call.args[0]?.kind !== 'function') return;
    const callback = call.args[0].fn;
    const fnNode = callNodes[i].childForFieldName('function');
    const receiver = fnNode?.type === 'member_expression' ? fnNode.childForFieldName('object') : null;
    if (callback === undefined || !receiver) return;
    const fn = model.functions[callback];
    out.push({
      kind: 'callback',
      target: fn.params[0]?.name ?? '',
      iter: jsValue(receiver, ix),
      line: fn.line,
      endLine: fn.endLine,
      fn: callback,
      start: fn.start,
      end: fn.end,
      iterStart: -1,
      iterEnd: -1,
    });
  });
  return out;
}

/** The string statements a module starts with (`'use client';`), comments skipped. */
function directives(root: Node): string[] {
  const out: string[] = [];
  for (const c of root.namedChildren) {
    if (!c) continue;
    const t = c.type;
    if (t === 'comment' || t === 'hash_bang_line') continue;
    const s = t === 'expression_statement' ? c.namedChildren[0] : null;
    if (!s || s.type !== 'string') break;
    out.push(stripQuotes(s.text));
  }
  return out;
}

function enclosingClass(n: Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    const type = p.type;
    if (type === 'class_declaration' || type === 'class') return p.childForFieldName('name')?.text ?? '';
    if (type === 'function_declaration' || type === 'arrow_function' || type === 'function_expression') return undefined;
  }
  return undefined;
}

function isEmptyBlock(b: Node | null): boolean {
  return !b || b.namedChildren.every((c) => !c || c.type === 'comment');
}

export function buildNodeModel(
  file: string,
  source: string,
  language: 'typescript' | 'tsx' | 'javascript',
  tree: Tree,
  caps: Captures,
): CodeModel {
  const get = (n: string): Node[] => caps.nodes[n] ?? [];
  const model: CodeModel = {
    file,
    language,
    lineCount: lineCount(source),
    functions: [],
    classes: [],
    calls: [],
    assignments: [],
    imports: [],
    handlers: [],
    secretCandidates: [],
    returns: [],
    envReads: [],
    notableStrings: [],
    notableMembers: [],
    comparisons: [],
    augmented: [],
    loops: [],
    jsxElements: [],
    directives: [],
    mainGuards: [],
    syntaxErrors: [],
  };
  const callTypes = caps.types.call ?? [];
  const ix: Index = { calls: new Map(), callees: [], fns: new Map() };
  get('call').forEach((n, i) => {
    ix.calls.set(n.id, i);
    const fnNode = n.childForFieldName(callTypes[i] === 'new_expression' ? 'constructor' : 'function');
    ix.callees.push(fnNode ? calleeText(fnNode) : '');
  });
  get('function').forEach((n, i) => ix.fns.set(n.id, i));
  const awaitedIds = new Set<number>();
  for (const a of get('await')) for (const c of a.namedChildren) if (c) awaitedIds.add(c.id);

  for (const n of get('class')) {
    const heritage = n.namedChildren.find((c) => c?.type === 'class_heritage');
    model.classes.push({
      name: n.childForFieldName('name')?.text ?? '',
      bases: heritage ? heritageBases(collapse(heritage.text)) : [],
      // `@Controller() export class X` keeps its decorators on the export statement.
      decorators: [...(n.parent?.type === 'export_statement' ? n.parent.childrenForFieldName('decorator') : []), ...n.childrenForFieldName('decorator')]
        .map((d) => decoratorValue(d, ix))
        .filter((v): v is Value => !!v),
      line: line(n),
      endLine: endLine(n),
    });
  }

  const fnTypes = caps.types.function ?? [];
  for (const [i, n] of get('function').entries()) {
    const method = fnTypes[i] === 'method_definition';
    const fn: FunctionDef = {
      name: boundName(n),
      line: line(n),
      endLine: endLine(n),
      async: n.children.some((c) => c?.type === 'async'),
      decorators: method ? memberDecorators(n, ix) : [],
      params: params(n.childForFieldName('parameters') ?? n.childForFieldName('parameter'), ix),
      parent: -1,
      start: n.startIndex,
      end: n.endIndex,
    };
    const cls = method ? enclosingClass(n) : undefined;
    if (cls) fn.className = cls;
    model.functions.push(fn);
  }
  const fnIndexer = new SpanIndex(model.functions);
  fnIndexer.parents.forEach((p, i) => (model.functions[i].parent = p));
  let handlerIndexer: SpanIndex | undefined;

  for (const n of get('except')) {
    const body = n.childForFieldName('body');
    model.handlers.push({
      alias: n.childForFieldName('parameter')?.text ?? '',
      types: '',
      line: line(n),
      endLine: endLine(n),
      empty: isEmptyBlock(body),
      ...((body?.namedChildren ?? []).some((c) => c?.type === 'comment') ? { commented: true } : {}),
      fn: fnIndexer.at(n.startIndex),
      start: n.startIndex,
      end: n.endIndex,
    });
  }

  for (const [i, n] of get('call').entries()) {
    const isNew = callTypes[i] === 'new_expression';
    const callee = ix.callees[i];
    const argNodes = n.childForFieldName('arguments');
    const tagged = argNodes?.type === 'template_string';
    const args: Value[] = [];
    if (!tagged) {
      for (const a of argNodes?.namedChildren ?? []) {
        const t = a?.type;
        if (a && t !== 'comment') args.push(jsValue(a, ix, 0, t));
      }
    }
    const l = line(n);
    const site: CallSite = {
      callee,
      name: callee.slice(callee.lastIndexOf('.') + 1).replace(/\(\)$/, ''),
      args,
      kwargs: {},
      line: l,
      endLine: endLine(n),
      fn: fnIndexer.at(n.startIndex),
      awaited: awaitedIds.has(n.id),
      ...(isNew ? { isNew: true } : {}),
    };
    // A tagged template (sql`…`) has the template as its arguments node: it is not string building.
    if (tagged && argNodes) site.args = [{ kind: 'other', text: collapse(argNodes.text), line: l }];
    const h = (handlerIndexer ??= new SpanIndex(model.handlers)).at(n.startIndex);
    if (h >= 0) site.handler = h;
    model.calls.push(site);
  }

  const assignmentTypes = caps.types.assignment ?? [];
  for (const [i, n] of get('assignment').entries()) {
    const nodeType = assignmentTypes[i];
    let target: Node | null;
    let value: Node | null;
    if (nodeType === 'variable_declarator') {
      target = n.childForFieldName('name');
      value = n.childForFieldName('value');
    } else if (nodeType === 'public_field_definition') {
      target = n.childForFieldName('name');
      value = n.childForFieldName('value');
    } else {
      target = n.childForFieldName('left');
      value = n.childForFieldName('right');
    }
    if (!target || !value) continue;
    const l = line(n);
    const fn = fnIndexer.at(n.startIndex);
    const cls = nodeType === 'public_field_definition' ? enclosingClass(n) : undefined;
    const type = n.childForFieldName('type');
    model.assignments.push({
      target: collapse(target.text),
      value: jsValue(value, ix),
      ...(type ? { annotation: collapse(type.text.replace(/^:\s*/, '')) } : {}),
      line: l,
      scope: cls !== undefined ? 'class' : fn >= 0 ? 'function' : 'module',
      ...(cls ? { className: cls } : {}),
      fn,
      ...(nodeType === 'variable_declarator' ? { declared: true } : {}),
    });
  }

  for (const n of get('export')) {
    if (!n.children.some((c) => c?.type === 'default')) continue;
    const value = n.childForFieldName('value');
    model.defaultExport = { line: line(n), ...(value?.type === 'identifier' ? { name: value.text } : {}) };
    break;
  }

  for (const n of get('import')) {
    const src = n.childForFieldName('source');
    if (!src) continue;
    const names: string[] = [];
    const clause = n.namedChildren.find((c) => c?.type === 'import_clause');
    for (const c of clause?.namedChildren ?? []) {
      if (!c) continue;
      if (c.type === 'identifier') names.push('default');
      else if (c.type === 'namespace_import') names.push('*');
      else if (c.type === 'named_imports')
        for (const s of c.namedChildren) if (s?.type === 'import_specifier') names.push(s.childForFieldName('name')?.text ?? '');
    }
    model.imports.push({ module: stripQuotes(src.text), names, line: line(n) });
  }
  // require('x') is an import too.
  model.calls.forEach((c) => {
    if (c.callee === 'require' && c.args[0]?.kind === 'string') model.imports.push({ module: c.args[0].value ?? '', names: ['default'], line: c.line });
  });

  const augmentedTypes = caps.types.augmented ?? [];
  for (const [i, n] of get('augmented').entries()) {
    const target = augmentedTypes[i] === 'update_expression' ? n.childForFieldName('argument') : n.childForFieldName('left');
    if (target) model.augmented.push({ target: collapse(target.text), op: n.childForFieldName('operator')?.text ?? '', line: line(n), fn: fnIndexer.at(n.startIndex) });
  }

  for (const n of get('return')) {
    const v = n.namedChildren.find((c) => c && c.type !== 'comment');
    const l = line(n);
    model.returns.push({ value: v ? jsValue(v, ix) : undefined, line: l, fn: fnIndexer.at(n.startIndex) });
  }
  markReraises(model, get('raise'), (o) => fnIndexer.at(o));
  const callNodes = get('call');
  attachLoops(model, [...statementLoops(get('loop'), caps.types.loop ?? [], ix, (o) => fnIndexer.at(o)), ...callbackLoops(callNodes, model, ix)], callNodes.map((n) => n.startIndex));
  for (const n of get('env_member')) {
    const name = n.type === 'member_expression' ? n.childForFieldName('property')?.text : stripQuotes(n.childForFieldName('index')?.text ?? '');
    if (!name) continue;
    const p = n.parent;
    const op = p?.type === 'binary_expression' ? p.childForFieldName('operator')?.text : undefined;
    const fallback = (op === '||' || op === '??') && p?.childForFieldName('left')?.id === n.id ? p.childForFieldName('right') : null;
    // Only a literal fallback is a default value: `process.env.A || process.env.B` falls back to another read.
    const literal = fallback && LITERAL_FALLBACK.has(fallback.type) && !(fallback.type === 'template_string' && fallback.namedChildCount > 0);
    model.envReads.push({
      name,
      line: line(n),
      hasDefault: !!fallback,
      ...(fallback && literal ? { defaultValue: stripQuotes(fallback.text) } : {}),
      fn: fnIndexer.at(n.startIndex),
    });
  }
  model.directives = directives(tree.rootNode);
  const jsx = get('jsx');
  if (jsx.length) model.jsxElements = buildJsx(jsx, caps.types.jsx ?? [], ix, (o) => fnIndexer.at(o));
  for (const n of get('notable_member')) model.notableMembers.push({ value: collapse(n.text), line: line(n) });
  for (const n of get('notable_string')) model.notableStrings.push({ value: n.text, line: line(n) });
  for (const n of get('comparison')) {
    const c = comparisonOf(n, (o) => fnIndexer.at(o));
    if (c) model.comparisons.push(c);
  }
  for (const n of get('secret_candidate')) {
    const key = literalKey(n);
    model.secretCandidates.push({ value: n.text, line: line(n), ...(key ? { key } : {}) });
  }
  for (const n of get('error')) model.syntaxErrors.push({ line: line(n), message: `syntax error near line ${line(n)}` });
  if (model.syntaxErrors.length === 0 && tree.rootNode.hasError) model.syntaxErrors.push({ line: 1, message: 'syntax error (missing token)' });
  return model;
}

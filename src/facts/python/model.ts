/**
 * Builds the CodeModel of one Python file from the captures of `queries/python.scm`.
 * The tree is read here and nowhere else; the caller deletes it afterwards.
 */
import type { Node, Query, Tree } from 'web-tree-sitter';
import {
  SpanIndex,
  type CallSite,
  type CodeModel,
  type FunctionDef,
  type Param,
  type Value,
} from '../code/model.js';
import { collapse, line, endLine, normalizeCallee, stripQuotes } from '../code/text.js';

const MAX_ITEMS = 25;
const MAX_DEPTH = 4;

/** One pass over a string's children: its literal content and whether it interpolates. */
function readString(node: Node): { content: string; interpolated: boolean } {
  let content = '';
  let interpolated = false;
  let fPrefix = false;
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === 'string_start') fPrefix = /^[a-zA-Z]*[fF]/.test(c.text);
    else if (c.type === 'string_content') content += c.text;
    else if (c.type === 'interpolation') interpolated = true;
  }
  return { content, interpolated: interpolated && fPrefix };
}

function stringContent(node: Node): string {
  return readString(node).content;
}

export function pyValue(node: Node, callIndex: Map<number, number>, fnIndex: Map<number, number>, depth = 0): Value {
  const base = { text: collapse(node.text), line: line(node) };
  switch (node.type) {
    case 'string': {
      const s = readString(node);
      return s.interpolated ? { kind: 'fstring', ...base, literal: s.content } : { kind: 'string', ...base, value: s.content };
    }
    case 'concatenated_string': {
      const parts = node.namedChildren.filter((c): c is Node => !!c).map(readString);
      const literal = parts.map((p) => p.content).join('');
      return parts.some((p) => p.interpolated) ? { kind: 'fstring', ...base, literal } : { kind: 'string', ...base, value: literal };
    }
    case 'integer':
    case 'float':
      return { kind: 'number', ...base, value: node.text };
    case 'true':
    case 'false':
      return { kind: 'bool', ...base, value: node.type };
    case 'none':
      return { kind: 'none', ...base };
    case 'identifier':
      return { kind: 'name', ...base };
    case 'attribute':
    case 'subscript':
      return { kind: 'attr', ...base };
    case 'call': {
      const fnNode = node.childForFieldName('function');
      return { kind: 'call', ...base, callee: fnNode ? calleeText(fnNode) : '', call: callIndex.get(node.id) };
    }
    case 'list':
    case 'tuple':
    case 'set': {
      if (depth >= MAX_DEPTH) return { kind: 'list', ...base, items: [] };
      const items = node.namedChildren
        .filter((c): c is Node => !!c && c.type !== 'comment')
        .slice(0, MAX_ITEMS)
        .map((c) => pyValue(c, callIndex, fnIndex, depth + 1));
      return { kind: 'list', ...base, items };
    }
    case 'dictionary': {
      if (depth >= MAX_DEPTH) return { kind: 'dict', ...base, entries: [] };
      const entries: { key: string; value: Value }[] = [];
      for (const pair of node.namedChildren) {
        if (!pair || pair.type !== 'pair' || entries.length >= MAX_ITEMS) continue;
        const k = pair.childForFieldName('key');
        const v = pair.childForFieldName('value');
        if (k && v) entries.push({ key: stripQuotes(k.text), value: pyValue(v, callIndex, fnIndex, depth + 1) });
      }
      return { kind: 'dict', ...base, entries };
    }
    case 'binary_operator':
    case 'boolean_operator': {
      const op = node.childForFieldName('operator')?.text ?? '';
      const literal = collectLiterals(node);
      return { kind: 'binop', ...base, op, literal };
    }
    case 'lambda':
      return { kind: 'function', ...base, fn: fnIndex.get(node.id) };
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
      return inner ? pyValue(inner, callIndex, fnIndex, depth) : { kind: 'other', ...base };
    }
    case 'await': {
      const inner = node.namedChildren[0];
      return inner ? pyValue(inner, callIndex, fnIndex, depth) : { kind: 'other', ...base };
    }
    default:
      return { kind: 'other', ...base };
  }
}

function collectLiterals(node: Node): string {
  if (node.type === 'string') return stringContent(node);
  let out = '';
  for (const c of node.namedChildren) if (c) out += collectLiterals(c);
  return out;
}

/** `client.chat.completions.create`, `requests.get`, `res.status().json`: whitespace and call args dropped. */
export function calleeText(fn: Node): string {
  return normalizeCallee(fn.text);
}

function params(node: Node | null, callIndex: Map<number, number>, fnIndex: Map<number, number>): Param[] {
  if (!node) return [];
  const out: Param[] = [];
  for (const p of node.namedChildren) {
    if (!p) continue;
    if (p.type === 'identifier') out.push({ name: p.text });
    else if (p.type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      out.push({ name: id?.text ?? collapse(p.text), annotation: p.childForFieldName('type')?.text });
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const v = p.childForFieldName('value');
      out.push({
        name: p.childForFieldName('name')?.text ?? '',
        annotation: p.childForFieldName('type')?.text,
        default: v ? pyValue(v, callIndex, fnIndex) : undefined,
      });
    }
  }
  return out;
}

function bodyIsEmpty(block: Node | null | undefined): boolean {
  if (!block) return true;
  return block.namedChildren.every(
    (s) =>
      !s ||
      s.type === 'comment' ||
      s.type === 'pass_statement' ||
      (s.type === 'expression_statement' && (s.namedChildren[0]?.type === 'ellipsis' || s.namedChildren[0]?.type === 'string')),
  );
}

/** Builds the model. `tree` stays owned by the caller. */
export function buildPythonModel(file: string, source: string, tree: Tree, query: Query): CodeModel {
  const caps = query.captures(tree.rootNode);
  const byName: Record<string, Node[]> = {};
  for (const c of caps) (byName[c.name] ??= []).push(c.node);
  const get = (n: string): Node[] => byName[n] ?? [];

  const model: CodeModel = {
    file,
    language: 'python',
    lineCount: source.split('\n').length,
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
    mainGuards: [],
    syntaxErrors: [],
  };

  // Index nodes first so values can reference calls and functions by position in the model.
  const callIndex = new Map<number, number>();
  get('call').forEach((n, i) => callIndex.set(n.id, i));
  const fnNodes = [...get('function')];
  const fnIndex = new Map<number, number>();
  fnNodes.forEach((n, i) => fnIndex.set(n.id, i));

  const classSpans: { start: number; end: number; name: string }[] = [];
  for (const n of get('class')) {
    const decorated = n.parent?.type === 'decorated_definition' ? n.parent : null;
    classSpans.push({ start: n.startIndex, end: n.endIndex, name: n.childForFieldName('name')?.text ?? '' });
    model.classes.push({
      name: n.childForFieldName('name')?.text ?? '',
      bases: (n.childForFieldName('superclasses')?.namedChildren ?? [])
        .filter((c): c is Node => !!c && c.type !== 'keyword_argument')
        .map((c) => collapse(c.text)),
      decorators: decorated ? decoratorValues(decorated, callIndex, fnIndex) : [],
      line: line(decorated ?? n),
      endLine: endLine(n),
    });
  }

  const classIndexer = new SpanIndex(classSpans);
  for (const n of fnNodes) {
    const decorated = n.parent?.type === 'decorated_definition' ? n.parent : null;
    const fn: FunctionDef = {
      name: n.childForFieldName('name')?.text ?? '',
      line: line(n),
      endLine: endLine(n),
      async: n.firstChild?.type === 'async',
      decorators: decorated ? decoratorValues(decorated, callIndex, fnIndex) : [],
      params: params(n.childForFieldName('parameters'), callIndex, fnIndex),
      parent: -1,
      start: n.startIndex,
      end: n.endIndex,
    };
    model.functions.push(fn);
  }
  const fnIndexer = new SpanIndex(model.functions);
  fnIndexer.parents.forEach((p, i) => (model.functions[i].parent = p));
  model.functions.forEach((f, i) => {
    const cls = classAt(classIndexer, classSpans, fnIndexer, model.functions, f.start, i);
    if (cls) f.className = cls;
  });
  let handlerIndexer: SpanIndex | undefined;

  for (const n of get('except')) {
    const value = n.childForFieldName('value');
    let alias = '';
    let types = '';
    if (value?.type === 'as_pattern') {
      alias = value.childForFieldName('alias')?.text ?? '';
      types = collapse(value.namedChildren[0]?.text ?? '');
    } else if (value) types = collapse(value.text);
    const block = n.namedChildren.find((c) => c?.type === 'block');
    model.handlers.push({
      alias,
      types,
      line: line(n),
      endLine: endLine(n),
      empty: bodyIsEmpty(block),
      fn: fnIndexer.at(n.startIndex),
      start: n.startIndex,
      end: n.endIndex,
    });
  }

  for (const n of get('call')) {
    const fnNode = n.childForFieldName('function');
    const callee = fnNode ? calleeText(fnNode) : '';
    const args: Value[] = [];
    const kwargs: Record<string, Value> = {};
    const argList = n.childForFieldName('arguments');
    for (const a of argList?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) kwargs[k] = pyValue(v, callIndex, fnIndex);
      } else if (a.type === 'dictionary_splat') kwargs['**'] = pyValue(a, callIndex, fnIndex);
      else args.push(pyValue(a, callIndex, fnIndex));
    }
    const l = line(n);
    const site: CallSite = {
      callee,
      name: callee.slice(callee.lastIndexOf('.') + 1).replace(/\(\)$/, ''),
      args,
      kwargs,
      line: l,
      endLine: endLine(n),
      fn: fnIndexer.at(n.startIndex),
      awaited: n.parent?.type === 'await',
    };
    const h = (handlerIndexer ??= new SpanIndex(model.handlers)).at(n.startIndex);
    if (h >= 0) site.handler = h;
    model.calls.push(site);
  }

  for (const n of get('assignment')) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    const annotation = n.childForFieldName('type');
    // `secret_key: str` (annotation, no value) declares a required field: keep it with an empty value.
    if (!left || (!right && !annotation)) continue;
    const l = line(n);
    const fn = fnIndexer.at(n.startIndex);
    const cls = fn < 0 ? classAt(classIndexer, classSpans, fnIndexer, model.functions, n.startIndex) : undefined;
    model.assignments.push({
      target: collapse(left.text),
      value: right ? pyValue(right, callIndex, fnIndex) : { kind: 'other', text: '', line: l },
      annotation: annotation?.text,
      line: l,
      scope: fn >= 0 ? 'function' : cls ? 'class' : 'module',
      ...(cls ? { className: cls } : {}),
      fn,
    });
  }

  for (const n of get('import')) {
    if (n.type === 'import_from_statement') {
      const mod = n.childForFieldName('module_name')?.text ?? '';
      const names = n.childrenForFieldName('name').map((c) =>
        c.type === 'aliased_import' ? (c.childForFieldName('name')?.text ?? '') : c.text,
      );
      if (n.namedChildren.some((c) => c?.type === 'wildcard_import')) names.push('*');
      model.imports.push({ module: mod, names, line: line(n) });
    } else {
      for (const c of n.childrenForFieldName('name')) {
        const mod = c.type === 'aliased_import' ? (c.childForFieldName('name')?.text ?? '') : c.text;
        model.imports.push({ module: mod, names: [mod], line: line(n) });
      }
    }
  }

  for (const n of get('return')) {
    const v = n.namedChildren[0];
    const l = line(n);
    model.returns.push({ value: v ? pyValue(v, callIndex, fnIndex) : undefined, line: l, fn: fnIndexer.at(n.startIndex) });
  }

  for (const n of get('main_guard')) {
    if (/__main__/.test(n.childForFieldName('condition')?.text ?? '')) model.mainGuards.push({ line: line(n), endLine: endLine(n) });
  }
  for (const n of get('env_key')) {
    const sub = n.parent?.parent;
    // os.environ["X"] raises when X is unset: it never has a default.
    model.envReads.push({ name: n.text, line: line(n), hasDefault: false, fn: sub ? fnIndexer.at(sub.startIndex) : -1 });
  }
  for (const n of get('notable_string')) model.notableStrings.push({ value: n.text, line: line(n) });
  for (const n of get('secret_candidate')) model.secretCandidates.push({ value: n.text, line: line(n) });
  for (const n of get('error')) model.syntaxErrors.push({ line: line(n), message: `syntax error near line ${line(n)}` });
  if (model.syntaxErrors.length === 0 && tree.rootNode.hasError) {
    model.syntaxErrors.push({ line: 1, message: 'syntax error (missing token)' });
  }
  return model;
}

function decoratorValues(decorated: Node, callIndex: Map<number, number>, fnIndex: Map<number, number>): Value[] {
  const out: Value[] = [];
  for (const d of decorated.namedChildren) {
    if (d?.type !== 'decorator') continue;
    const expr = d.namedChildren.find((c) => c && c.type !== 'comment');
    if (expr) out.push(pyValue(expr, callIndex, fnIndex));
  }
  return out;
}

/**
 * The class whose body directly holds `offset` (not through a nested function), found with span
 * indexes instead of walking parent nodes.
 */
function classAt(classes: SpanIndex, classSpans: { start: number; name: string }[], functions: SpanIndex, fnSpans: { start: number }[], offset: number, ownFn = -1): string | undefined {
  const c = classes.at(offset);
  if (c < 0) return undefined;
  let f = functions.at(offset);
  if (f === ownFn && f >= 0) f = functions.parents[f];
  if (f >= 0 && fnSpans[f].start > classSpans[c].start) return undefined;
  return classSpans[c].name;
}

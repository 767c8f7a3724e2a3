/**
 * Builds the CodeModel of one TypeScript/JavaScript file from the captures of
 * `queries/typescript.scm`. The caller owns and deletes the tree.
 */
import type { Node, Query, Tree } from 'web-tree-sitter';
import { SpanIndex, type CallSite, type CodeModel, type FunctionDef, type Param, type Value } from '../code/model.js';
import { collapse, endLine, line, normalizeCallee, stripQuotes } from '../code/text.js';

const MAX_ITEMS = 25;
const MAX_DEPTH = 4;

type Index = { calls: Map<number, number>; fns: Map<number, number> };

function templateLiteral(node: Node): string {
  return node.namedChildren
    .filter((c): c is Node => !!c && c.type === 'string_fragment')
    .map((c) => c.text)
    .join('');
}

export function jsValue(node: Node, ix: Index, depth = 0): Value {
  const base = { text: collapse(node.text), line: line(node) };
  switch (node.type) {
    case 'string':
      return { kind: 'string', ...base, value: stripQuotes(node.text) };
    case 'template_string':
      return node.namedChildren.some((c) => c?.type === 'template_substitution')
        ? { kind: 'fstring', ...base, literal: templateLiteral(node) }
        : { kind: 'string', ...base, value: templateLiteral(node) };
    case 'number':
      return { kind: 'number', ...base, value: node.text };
    case 'true':
    case 'false':
      return { kind: 'bool', ...base, value: node.type };
    case 'null':
    case 'undefined':
      return { kind: 'none', ...base };
    case 'identifier':
    case 'shorthand_property_identifier':
      return { kind: 'name', ...base };
    case 'member_expression':
    case 'subscript_expression':
      return { kind: 'attr', ...base };
    case 'call_expression':
    case 'new_expression': {
      const fnNode = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
      return { kind: 'call', ...base, callee: fnNode ? calleeText(fnNode) : '', call: ix.calls.get(node.id) };
    }
    case 'array': {
      if (depth >= MAX_DEPTH) return { kind: 'list', ...base, items: [] };
      const items = node.namedChildren
        .filter((c): c is Node => !!c && c.type !== 'comment')
        .slice(0, MAX_ITEMS)
        .map((c) => jsValue(c, ix, depth + 1));
      return { kind: 'list', ...base, items };
    }
    case 'object': {
      if (depth >= MAX_DEPTH) return { kind: 'dict', ...base, entries: [] };
      const entries: { key: string; value: Value }[] = [];
      for (const p of node.namedChildren) {
        if (!p || entries.length >= MAX_ITEMS) continue;
        if (p.type === 'pair') {
          const k = p.childForFieldName('key');
          const v = p.childForFieldName('value');
          if (k && v) entries.push({ key: stripQuotes(k.text), value: jsValue(v, ix, depth + 1) });
        } else if (p.type === 'shorthand_property_identifier') {
          entries.push({ key: p.text, value: { kind: 'name', text: p.text, line: line(p) } });
        } else if (p.type === 'method_definition') {
          const k = p.childForFieldName('name');
          if (k) entries.push({ key: k.text, value: { kind: 'function', text: collapse(p.text), line: line(p), fn: ix.fns.get(p.id) } });
        }
      }
      return { kind: 'dict', ...base, entries };
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text ?? '';
      return { kind: 'binop', ...base, op, literal: collectLiterals(node) };
    }
    case 'arrow_function':
    case 'function_expression':
    case 'function':
      return { kind: 'function', ...base, fn: ix.fns.get(node.id) };
    case 'parenthesized_expression':
    case 'await_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression': {
      const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
      return inner ? jsValue(inner, ix, depth) : { kind: 'other', ...base };
    }
    default:
      return { kind: 'other', ...base };
  }
}

function collectLiterals(node: Node): string {
  if (node.type === 'string') return stripQuotes(node.text);
  if (node.type === 'template_string') return templateLiteral(node);
  let out = '';
  for (const c of node.namedChildren) if (c) out += collectLiterals(c);
  return out;
}

/** `res.status().json`, `prisma.user.findMany`, `axios.get`: whitespace and call args dropped. */
export function calleeText(fn: Node): string {
  return normalizeCallee(fn.text);
}

function params(node: Node | null, ix: Index): Param[] {
  if (!node) return [];
  const out: Param[] = [];
  const list = node.type === 'formal_parameters' ? node.namedChildren : [node];
  for (const p of list) {
    if (!p) continue;
    if (p.type === 'identifier') {
      out.push({ name: p.text });
      continue;
    }
    if (p.type !== 'required_parameter' && p.type !== 'optional_parameter') continue;
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
  const expr = d.namedChildren.find((c) => c && c.type !== 'comment');
  return expr ? jsValue(expr, ix) : undefined;
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
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text ?? '';
  if (p?.type === 'pair') return stripQuotes(p.childForFieldName('key')?.text ?? '');
  if (p?.type === 'assignment_expression') return collapse(p.childForFieldName('left')?.text ?? '');
  return '';
}

function enclosingClass(n: Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'class_declaration' || p.type === 'class') return p.childForFieldName('name')?.text ?? '';
    if (p.type === 'function_declaration' || p.type === 'arrow_function' || p.type === 'function_expression') return undefined;
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
  query: Query,
): CodeModel {
  const byName: Record<string, Node[]> = {};
  for (const c of query.captures(tree.rootNode)) (byName[c.name] ??= []).push(c.node);
  const get = (n: string): Node[] => byName[n] ?? [];
  const model: CodeModel = {
    file,
    language,
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
  const ix: Index = { calls: new Map(), fns: new Map() };
  get('call').forEach((n, i) => ix.calls.set(n.id, i));
  get('function').forEach((n, i) => ix.fns.set(n.id, i));

  for (const n of get('class')) {
    const heritage = n.namedChildren.find((c) => c?.type === 'class_heritage');
    model.classes.push({
      name: n.childForFieldName('name')?.text ?? '',
      bases: heritage ? [collapse(heritage.text.replace(/^(extends|implements)\s+/, ''))] : [],
      // `@Controller() export class X` keeps its decorators on the export statement.
      decorators: [...(n.parent?.type === 'export_statement' ? n.parent.childrenForFieldName('decorator') : []), ...n.childrenForFieldName('decorator')]
        .map((d) => decoratorValue(d, ix))
        .filter((v): v is Value => !!v),
      line: line(n),
      endLine: endLine(n),
    });
  }

  for (const n of get('function')) {
    const fn: FunctionDef = {
      name: boundName(n),
      line: line(n),
      endLine: endLine(n),
      async: n.children.some((c) => c?.type === 'async'),
      decorators: n.type === 'method_definition' ? memberDecorators(n, ix) : [],
      params: params(n.childForFieldName('parameters') ?? n.childForFieldName('parameter'), ix),
      parent: -1,
      start: n.startIndex,
      end: n.endIndex,
    };
    const cls = n.type === 'method_definition' ? enclosingClass(n) : undefined;
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
      fn: fnIndexer.at(n.startIndex),
      start: n.startIndex,
      end: n.endIndex,
    });
  }

  for (const n of get('call')) {
    const isNew = n.type === 'new_expression';
    const fnNode = n.childForFieldName(isNew ? 'constructor' : 'function');
    const callee = fnNode ? calleeText(fnNode) : '';
    const argNodes = n.childForFieldName('arguments');
    const args: Value[] = [];
    if (argNodes?.type === 'template_string') args.push(jsValue(argNodes, ix));
    else for (const a of argNodes?.namedChildren ?? []) if (a && a.type !== 'comment') args.push(jsValue(a, ix));
    const l = line(n);
    const site: CallSite = {
      callee,
      name: callee.slice(callee.lastIndexOf('.') + 1).replace(/\(\)$/, ''),
      args,
      kwargs: {},
      line: l,
      endLine: endLine(n),
      fn: fnIndexer.at(n.startIndex),
      awaited: n.parent?.type === 'await_expression',
      ...(isNew ? { isNew: true } : {}),
    };
    // A tagged template (sql`…`) has the template as its arguments node: it is not string building.
    if (argNodes?.type === 'template_string') site.args = [{ kind: 'other', text: collapse(argNodes.text), line: l }];
    const h = (handlerIndexer ??= new SpanIndex(model.handlers)).at(n.startIndex);
    if (h >= 0) site.handler = h;
    model.calls.push(site);
  }

  for (const n of get('assignment')) {
    let target: Node | null;
    let value: Node | null;
    if (n.type === 'variable_declarator') {
      target = n.childForFieldName('name');
      value = n.childForFieldName('value');
    } else if (n.type === 'public_field_definition') {
      target = n.childForFieldName('name');
      value = n.childForFieldName('value');
    } else {
      target = n.childForFieldName('left');
      value = n.childForFieldName('right');
    }
    if (!target || !value) continue;
    const l = line(n);
    const fn = fnIndexer.at(n.startIndex);
    const cls = n.type === 'public_field_definition' ? enclosingClass(n) : undefined;
    const type = n.childForFieldName('type');
    model.assignments.push({
      target: collapse(target.text),
      value: jsValue(value, ix),
      ...(type ? { annotation: collapse(type.text.replace(/^:\s*/, '')) } : {}),
      line: l,
      scope: cls !== undefined ? 'class' : fn >= 0 ? 'function' : 'module',
      ...(cls ? { className: cls } : {}),
      fn,
    });
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

  for (const n of get('return')) {
    const v = n.namedChildren.find((c) => c && c.type !== 'comment');
    const l = line(n);
    model.returns.push({ value: v ? jsValue(v, ix) : undefined, line: l, fn: fnIndexer.at(n.startIndex) });
  }
  for (const n of get('env_member')) {
    const name = n.type === 'member_expression' ? n.childForFieldName('property')?.text : stripQuotes(n.childForFieldName('index')?.text ?? '');
    if (!name) continue;
    const p = n.parent;
    const op = p?.type === 'binary_expression' ? p.childForFieldName('operator')?.text : undefined;
    const fallback = (op === '||' || op === '??') && p?.childForFieldName('left')?.id === n.id ? p.childForFieldName('right') : null;
    model.envReads.push({
      name,
      line: line(n),
      hasDefault: !!fallback,
      ...(fallback ? { defaultValue: stripQuotes(fallback.text) } : {}),
      fn: fnIndexer.at(n.startIndex),
    });
  }
  for (const n of get('notable_string')) model.notableStrings.push({ value: n.text, line: line(n) });
  for (const n of get('secret_candidate')) model.secretCandidates.push({ value: n.text, line: line(n) });
  for (const n of get('error')) model.syntaxErrors.push({ line: line(n), message: `syntax error near line ${line(n)}` });
  if (model.syntaxErrors.length === 0 && tree.rootNode.hasError) model.syntaxErrors.push({ line: 1, message: 'syntax error (missing token)' });
  return model;
}

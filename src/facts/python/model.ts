/**
 * Builds the CodeModel of one Python file from the captures of `queries/python.scm`.
 * The tree is read here and in values.ts, nowhere else; the caller deletes it afterwards.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Captures } from '../parse/plan.js';
import {
  SpanIndex,
  type CallSite,
  type CodeModel,
  type FunctionDef,
  type Param,
  type Value,
} from '../code/model.js';
import { comparisonOf } from '../code/comparisons.js';
import { attachLoops, loopSpan, type LoopSpan } from '../code/loops.js';
import { markReraises } from '../code/reraise.js';
import { collapse, line, endLine, lineCount, literalKey } from '../code/text.js';
import { calleeText, pyValue, type Index } from './values.js';

function params(node: Node | null, ix: Index): Param[] {
  if (!node) return [];
  const out: Param[] = [];
  for (const p of node.namedChildren) {
    if (!p) continue;
    const type = p.type;
    if (type === 'identifier') out.push({ name: p.text });
    else if (type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      out.push({ name: id?.text ?? collapse(p.text), annotation: p.childForFieldName('type')?.text });
    } else if (type === 'default_parameter' || type === 'typed_default_parameter') {
      const v = p.childForFieldName('value');
      out.push({
        name: p.childForFieldName('name')?.text ?? '',
        annotation: p.childForFieldName('type')?.text,
        default: v ? pyValue(v, ix) : undefined,
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
export function buildPythonModel(file: string, source: string, tree: Tree, caps: Captures): CodeModel {
  const get = (n: string): Node[] => caps.nodes[n] ?? [];

  const model: CodeModel = {
    file,
    language: 'python',
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

  // Index nodes first so values can reference calls and functions by position in the model.
  const ix: Index = { calls: new Map(), callees: [], fns: new Map() };
  get('call').forEach((n, i) => {
    ix.calls.set(n.id, i);
    const fnNode = n.childForFieldName('function');
    ix.callees.push(fnNode ? calleeText(fnNode) : '');
  });
  const fnNodes = [...get('function')];
  fnNodes.forEach((n, i) => ix.fns.set(n.id, i));
  // The decorated_definition wrapping a function or class (its `definition`), and the expressions
  // under `await`: looked up by node id instead of asking every function and call for its parent.
  const decoratedBy = new Map<number, Node>();
  for (const d of get('decorated')) {
    const def = d.childForFieldName('definition');
    if (def) decoratedBy.set(def.id, d);
  }
  const awaitedIds = new Set<number>();
  for (const a of get('await')) for (const c of a.namedChildren) if (c) awaitedIds.add(c.id);

  const classSpans: { start: number; end: number; name: string }[] = [];
  for (const n of get('class')) {
    const decorated = decoratedBy.get(n.id) ?? null;
    const name = n.childForFieldName('name')?.text ?? '';
    classSpans.push({ start: n.startIndex, end: n.endIndex, name });
    model.classes.push({
      name,
      bases: (n.childForFieldName('superclasses')?.namedChildren ?? [])
        .filter((c): c is Node => !!c && c.type !== 'keyword_argument')
        .map((c) => collapse(c.text)),
      decorators: decorated ? decoratorValues(decorated, ix) : [],
      line: line(decorated ?? n),
      endLine: endLine(n),
    });
  }

  const classIndexer = new SpanIndex(classSpans);
  for (const n of fnNodes) {
    const decorated = decoratedBy.get(n.id) ?? null;
    const fn: FunctionDef = {
      name: n.childForFieldName('name')?.text ?? '',
      line: line(n),
      endLine: endLine(n),
      // The first token is `async` or `def`.
      async: source.startsWith('async', n.startIndex),
      decorators: decorated ? decoratorValues(decorated, ix) : [],
      params: params(n.childForFieldName('parameters'), ix),
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
      ...([...n.namedChildren, ...(block?.namedChildren ?? [])].some((c) => c?.type === 'comment') ? { commented: true } : {}),
      fn: fnIndexer.at(n.startIndex),
      start: n.startIndex,
      end: n.endIndex,
    });
  }

  for (const [i, n] of get('call').entries()) {
    const callee = ix.callees[i];
    const args: Value[] = [];
    const kwargs: Record<string, Value> = {};
    const argList = n.childForFieldName('arguments');
    for (const a of argList?.namedChildren ?? []) {
      const type = a?.type;
      if (!a || type === 'comment') continue;
      if (type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) kwargs[k] = pyValue(v, ix);
      } else if (type === 'dictionary_splat') kwargs['**'] = pyValue(a, ix, 0, type);
      else args.push(pyValue(a, ix, 0, type));
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
      awaited: awaitedIds.has(n.id),
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
      value: right ? pyValue(right, ix) : { kind: 'other', text: '', line: l },
      annotation: annotation?.text,
      line: l,
      scope: fn >= 0 ? 'function' : cls ? 'class' : 'module',
      ...(cls ? { className: cls } : {}),
      fn,
    });
  }

  const importTypes = caps.types.import ?? [];
  for (const [i, n] of get('import').entries()) {
    if (importTypes[i] === 'import_from_statement') {
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

  for (const n of get('augmented')) {
    const left = n.childForFieldName('left');
    if (left) model.augmented.push({ target: collapse(left.text), op: n.childForFieldName('operator')?.text ?? '', line: line(n), fn: fnIndexer.at(n.startIndex) });
  }

  for (const n of get('return')) {
    const v = n.firstNamedChild;
    const l = line(n);
    model.returns.push({ value: v ? pyValue(v, ix) : undefined, line: l, fn: fnIndexer.at(n.startIndex) });
  }

  markReraises(model, get('raise'), (o) => fnIndexer.at(o));
  attachLoops(model, pythonLoops(get('loop'), caps.types.loop ?? [], ix, (o) => fnIndexer.at(o)), get('call').map((n) => n.startIndex));
  mainGuards(source, get('if'), model);
  for (const n of get('env_key')) {
    const sub = n.parent?.parent;
    // os.environ["X"] raises when X is unset: it never has a default.
    model.envReads.push({ name: n.text, line: line(n), hasDefault: false, fn: sub ? fnIndexer.at(sub.startIndex) : -1 });
  }
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
  if (model.syntaxErrors.length === 0 && tree.rootNode.hasError) {
    model.syntaxErrors.push({ line: 1, message: 'syntax error (missing token)' });
  }
  return model;
}

/**
 * `if __name__ == "__main__":` blocks: a comparison condition with the bare name `__name__` as an
 * operand (once per such operand, as the former query pattern matched) that mentions `__main__`.
 * Only `if` statements whose span holds the text `__name__` are looked at.
 */
function mainGuards(source: string, ifs: Node[], model: CodeModel): void {
  if (ifs.length === 0 || !source.includes('__name__')) return;
  for (const n of ifs) {
    const at = source.indexOf('__name__', n.startIndex);
    if (at < 0) return;
    if (at >= n.endIndex) continue;
    const cond = n.childForFieldName('condition');
    if (cond?.type !== 'comparison_operator') continue;
    for (const c of cond.namedChildren) {
      if (c?.type === 'identifier' && c.text === '__name__' && /__main__/.test(cond.text)) model.mainGuards.push({ line: line(n), endLine: endLine(n) });
    }
  }
}

/** `for`/`while` statements and comprehensions; a comprehension's first `for … in <iter>` names the items. */
function pythonLoops(nodes: Node[], types: string[], ix: Index, fnAt: (offset: number) => number): LoopSpan[] {
  return nodes.map((n, i) => {
    const type = types[i];
    const kind = type === 'for_statement' ? 'for' : type === 'while_statement' ? 'while' : 'comprehension';
    const head = kind === 'comprehension' ? n.namedChildren.find((c) => c?.type === 'for_in_clause') : kind === 'for' ? n : null;
    return loopSpan(n, kind, head?.childForFieldName('left'), head?.childForFieldName('right'), (v) => pyValue(v, ix), fnAt);
  });
}

function decoratorValues(decorated: Node, ix: Index): Value[] {
  const out: Value[] = [];
  for (const d of decorated.namedChildren) {
    if (d?.type !== 'decorator') continue;
    for (const c of d.namedChildren) {
      const t = c?.type;
      if (c && t !== 'comment') {
        out.push(pyValue(c, ix, 0, t));
        break;
      }
    }
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

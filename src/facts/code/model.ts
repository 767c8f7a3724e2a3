/**
 * The per-file code model: a small, language-neutral summary of one parsed source file, built in
 * one pass over the captures of the language's query. Extractors read this model instead of the
 * syntax tree, so each tree is freed as soon as its model is built, and a model can cross a worker
 * thread boundary as plain data.
 */

export type ValueKind =
  | 'string' // a literal with no interpolation; `value` holds its content
  | 'fstring' // Python f-string or JS template literal with interpolations
  | 'number'
  | 'bool'
  | 'none'
  | 'name' // a bare identifier
  | 'attr' // a.b.c (member access); `text` holds it
  | 'call'
  | 'list' // list / tuple / set / array
  | 'dict' // dict / object literal
  | 'binop' // concatenation, %, +, ||, ?? …
  | 'function' // lambda / arrow function / function expression; `fn` indexes CodeModel.functions
  | 'other';

export interface Value {
  kind: ValueKind;
  /** Source text, whitespace-collapsed, capped. */
  text: string;
  line: number;
  /** Literal content of a string, or 'true'/'false' for bools. */
  value?: string;
  /** Elements of a list. */
  items?: Value[];
  /** Entries of a dict/object literal, keys as written (quotes stripped). */
  entries?: { key: string; value: Value }[];
  /** For calls: the callee, normalized (see CallSite.callee). */
  callee?: string;
  /** For calls: the call's index in CodeModel.calls. */
  call?: number;
  /** For functions: index in CodeModel.functions. */
  fn?: number;
  /** For binops: the operator. */
  op?: string;
  /** For fstrings/binops: the literal parts' text (to recognise SQL keywords, URLs…). */
  literal?: string;
}

export interface CallSite {
  /** Callee text with call arguments dropped: `res.status().json`, `client.chat.completions.create`. */
  callee: string;
  /** Last segment of the callee: `json`, `create`, `print`. */
  name: string;
  /** Positional arguments (Python) / all arguments (JS). */
  args: Value[];
  /** Python keyword arguments by name. */
  kwargs: Record<string, Value>;
  line: number;
  endLine: number;
  /** Index of the innermost enclosing function, -1 at module level. */
  fn: number;
  /** True when the call is the operand of `await`. */
  awaited: boolean;
  /** True for `new X()` (JS). */
  isNew?: boolean;
  /** Index into CodeModel.handlers when the call sits inside an except/catch body. */
  handler?: number;
  /** Index into CodeModel.loops of the innermost loop whose body runs this call once per item. */
  loop?: number;
}

export interface Param {
  name: string;
  annotation?: string;
  default?: Value;
  /** Decorators on the parameter (Nest `@Body()`), as values. */
  decorators?: Value[];
}

export interface FunctionDef {
  /** Declared name; for anonymous functions the name they are bound to, or ''. */
  name: string;
  className?: string;
  line: number;
  endLine: number;
  async: boolean;
  /** Decorator expressions, outermost first. */
  decorators: Value[];
  params: Param[];
  /** Index of the enclosing function, -1 when top-level or a method of a top-level class. */
  parent: number;
  /** Byte offsets, for exact containment when several functions share a line. */
  start: number;
  end: number;
}

export interface ClassDef {
  name: string;
  bases: string[];
  decorators: Value[];
  line: number;
  endLine: number;
}

export interface Assignment {
  /** Left-hand side as written: `DEBUG`, `app.config["X"]`, `self.timeout`. */
  target: string;
  value: Value;
  /** Python annotation / TS type, when present. */
  annotation?: string;
  line: number;
  scope: 'module' | 'class' | 'function';
  className?: string;
  fn: number;
  /** JS/TS: a declaration (`const x = …`, `let`, `var`); absent for a reassignment (`x = …`) and in Python. */
  declared?: boolean;
}

export interface Import {
  /** Module as written: `fastapi`, `@sentry/node`, `./db`. */
  module: string;
  /** Imported names (the imported name, not the local alias); the module itself for plain imports. */
  names: string[];
  line: number;
}

export interface ErrorHandlerBlock {
  /** `e` in `except X as e` / `catch (e)`; '' when none. */
  alias: string;
  /** Exception types as written, '' for bare `except:` / JS catch. */
  types: string;
  line: number;
  endLine: number;
  /** The body does nothing: only `pass`, `...`, or an empty block (comments aside). */
  empty: boolean;
  /** The block (or its `except …:` line) holds a comment: with an empty body, a documented ignore. */
  commented?: boolean;
  /** The block raises the caught error again (`raise`, `raise e`, `throw err`): it goes on up with its traceback. */
  reraises?: boolean;
  fn: number;
  start: number;
  end: number;
}

export interface StringLiteral {
  value: string;
  line: number;
  /** The name the literal is given, when it has one: its dict/object key, keyword argument, JSX attribute or assignment target (`placeholder`). */
  key?: string;
}

export interface EnvAccess {
  name: string;
  line: number;
  /** `process.env.X || 'd'`, `process.env.X ?? 'd'`: the read has a fallback. */
  hasDefault: boolean;
  defaultValue?: string;
  fn: number;
}

/** An equality comparison (`==`, `!=`, `===`, `!==`) whose side names a secret-like value (prefiltered). */
export interface Comparison {
  /** Why it was kept: an equality naming a secret, or an ordering that bounds a size (`len(data) > MAX`). */
  topic: 'secret' | 'size';
  op: string;
  left: string;
  right: string;
  /** Kind of each side: a literal side (`""`, `None`, `null`, a number) makes it a presence check. */
  leftKind: ValueKind;
  rightKind: ValueKind;
  line: number;
  fn: number;
}

/** `counts[ip] += 1`, `total -= n`, `hits[k]++`: an update of a target in place. */
export interface AugmentedAssignment {
  /** Left-hand side as written: `counts[ip]`, `self.total`. */
  target: string;
  /** `+=`, `-=`, `|=`, `++`, `--` … */
  op: string;
  line: number;
  fn: number;
}

export interface ReturnStmt {
  value?: Value;
  line: number;
  fn: number;
}

/**
 * A loop: `for`/`while` statements, comprehensions, and JS iteration callbacks
 * (`items.forEach(x => …)`, `.map`, `.flatMap`), whose body runs once per item.
 */
export interface Loop {
  kind: 'for' | 'while' | 'comprehension' | 'callback';
  /** The loop variable as written (`user`, `(k, v)`, `const u`), '' when there is none. */
  target: string;
  /** The iterated expression (`for x in <iter>`, `for (const x of <iter>)`, `<iter>.map(…)`). */
  iter?: Value;
  line: number;
  endLine: number;
  /** The function whose code the body runs in: the enclosing one, or the callback itself. */
  fn: number;
  start: number;
  end: number;
}

/** One attribute of a JSX element: `aria-label="Close"`, `onClick={close}`, `{...props}`. */
export interface JsxAttribute {
  /** Name as written (`aria-label`, `xlink:href`); '' for a spread. */
  name: string;
  /** The string literal or the `{…}` expression; absent for a bare boolean attribute (`disabled`) and a spread. */
  value?: Value;
  /** `{...props}`: any attribute may come from there. */
  spread?: boolean;
  line: number;
}

/** A JSX element (`<button …>…</button>`, `<Icon />`, a fragment `<>…</>` with name ''). */
export interface JsxElement {
  /** Tag as written: `button`, `IconButton`, `Foo.Bar`, `svg:path`; '' for a fragment. */
  name: string;
  attributes: JsxAttribute[];
  /**
   * The element shows text of its own: non-whitespace JSX text, a character reference other than
   * `&nbsp;`, or a `{…}` child that is not an element (`{label}`, `{t('save')}`, `{a ? <X/> : 'y'}`).
   */
  hasText: boolean;
  /** Direct child elements (indices into CodeModel.jsxElements), in order. */
  children: number[];
  /** The element this one is a direct child of, -1 otherwise (top of a JSX tree, or inside an attribute or `{…}`). */
  parent: number;
  line: number;
  endLine: number;
  fn: number;
}

export interface SyntaxProblem {
  line: number;
  message: string;
}

export interface CodeModel {
  file: string;
  language: 'python' | 'typescript' | 'tsx' | 'javascript';
  lineCount: number;
  functions: FunctionDef[];
  classes: ClassDef[];
  calls: CallSite[];
  assignments: Assignment[];
  imports: Import[];
  handlers: ErrorHandlerBlock[];
  /** Only literals that look like credentials or credentialed URLs (prefiltered by the query). */
  secretCandidates: StringLiteral[];
  returns: ReturnStmt[];
  /** Environment variables read directly: os.environ["X"], process.env.X, process.env["X"]. */
  envReads: EnvAccess[];
  /** String literals naming security / correlation headers (prefiltered by the query). */
  notableStrings: StringLiteral[];
  /** Member reads of browser capabilities (`navigator.onLine`, `navigator.serviceWorker`; prefiltered by the query). */
  notableMembers: StringLiteral[];
  /** Equality comparisons involving secret-like names (tokens, signatures, API keys, digests), and
   *  orderings that bound a size (`file.size > MAX_UPLOAD_BYTES`, `len(body) <= limit`). */
  comparisons: Comparison[];
  /** In-place updates (`x += 1`, `x++`): kept apart from `assignments`, whose value is the whole new value. */
  augmented: AugmentedAssignment[];
  /** Loops in document order (outer first); calls point at theirs through `CallSite.loop`. */
  loops: Loop[];
  /**
   * JS/TS `export default …`: its line, and the name it exports when that is a bare identifier
   * (`export default plugin`); absent when the file has none (and in Python).
   */
  defaultExport?: { line: number; name?: string };
  /** Directive prologue of a JS/TS file: `use client`, `use server`, `use strict` (quotes stripped); empty for Python. */
  directives: string[];
  /** JSX elements in document order (files parsed with the tsx grammar: .tsx, .jsx, .js); empty elsewhere. */
  jsxElements: JsxElement[];
  /** `if __name__ == "__main__":` blocks (Python): code there runs only when run as a script. */
  mainGuards: { line: number; endLine: number }[];
  /** Parse errors; the model is still built from what parsed. */
  syntaxErrors: SyntaxProblem[];
}

/**
 * Answers "which span (function, except block) encloses this offset" in O(log n) per question.
 * Spans must be in document order (query captures are), which makes nesting a stack walk.
 */
export class SpanIndex {
  readonly parents: number[];
  constructor(private readonly spans: readonly { start: number; end: number }[]) {
    this.parents = new Array<number>(spans.length).fill(-1);
    const stack: number[] = [];
    spans.forEach((s, i) => {
      while (stack.length && spans[stack[stack.length - 1]].end <= s.start) stack.pop();
      this.parents[i] = stack.length ? stack[stack.length - 1] : -1;
      stack.push(i);
    });
  }
  /** The innermost span containing `offset`, or -1. */
  at(offset: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid].start <= offset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = last; i >= 0; i = this.parents[i]) if (offset < this.spans[i].end) return i;
    return -1;
  }
}

/** True when `line` is inside an `if __name__ == "__main__":` block. */
export function inMainGuard(model: CodeModel, line: number): boolean {
  return model.mainGuards.some((g) => g.line <= line && line <= g.endLine);
}

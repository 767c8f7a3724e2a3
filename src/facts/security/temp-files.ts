/**
 * Temporary files: `tempfile.mktemp()` (a name another process can claim first); files written to a
 * predictable /tmp path built from a non-constant value (`open(f"/tmp/{filename}", "wb")`,
 * `os.path.join("/tmp", name)`, `file.save(...)`, JS `fs.writeFile(path.join('/tmp', req.file.originalname))`,
 * `` `/tmp/${name}` ``); `NamedTemporaryFile(delete=False)` / `mkstemp()` in a function that never
 * removes anything (`os.remove`, `os.unlink`, `.unlink()`, `shutil.rmtree`) and does not return the
 * path to its caller (who may clean up).
 * Not reported: `TemporaryDirectory()`, `NamedTemporaryFile()` with the default delete=True, /tmp
 * names made of uuid4 / secrets tokens / constants, reads (`open(path)` with no write mode).
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { builtOrVia, constantOperand, variableOperands } from './built-strings.js';
import { appModels, callOf, isTrue, localAssignment, mentions } from './code-util.js';

const TMP = /^\s*\/(tmp|var\/tmp)(\/|$)/;

/** A /tmp path with a caller-controlled part: an f-string/concatenation or a join/`/` with a /tmp literal first. */
function predictableTmp(m: CodeModel, v: Value | undefined, fn: number, line: number, depth = 0): string | null {
  if (!v || depth > 2) return null;
  if (v.kind === 'name') return predictableTmp(m, localAssignment(m, fn, v.text, line), fn, line, depth + 1);
  const b = builtOrVia(m, v, fn, line);
  if (b && TMP.test(b.literal)) {
    const vars = variableOperands(m, b, fn, line);
    return vars.length ? vars[0] : null;
  }
  // os.path.join("/tmp", name) / path.join('/tmp', name) / Path("/tmp") / name
  const c = callOf(m, v);
  if (c && /(^|\.)(join|resolve)$/.test(c.callee) && c.args[0]?.kind === 'string' && TMP.test(c.args[0].value ?? '')) {
    const rest = c.args.slice(1).filter((a) => a.kind !== 'string' && !constantOperand(m, fn, line, a.text));
    return rest.length ? rest[0].text : null;
  }
  if (v.kind === 'binop' && v.op === '/' && /^Path\(\s*["']\/tmp/.test(v.text)) {
    const right = v.text.replace(/^Path\([^)]*\)\s*\/\s*/, '');
    return constantOperand(m, fn, line, right) || /^["']/.test(right) ? null : right;
  }
  return null;
}

function writeMode(c: CallSite): boolean {
  const mode = c.args[1] ?? c.kwargs.mode;
  return mode?.kind === 'string' && /[wax]/.test(mode.value ?? '');
}

const JS_WRITES = /(^|\.)(writeFile|writeFileSync|createWriteStream|appendFile|appendFileSync|mv|copyFile|rename|renameSync|copyFileSync)$/;

function writeTarget(m: CodeModel, c: CallSite): Value | undefined {
  if (m.language === 'python') {
    if (c.callee === 'open' || c.callee === 'aiofiles.open') return writeMode(c) ? c.args[0] ?? c.kwargs.file : undefined;
    if (/\.save$/.test(c.callee) || /^shutil\.(copy|copyfile|move)$/.test(c.callee)) return c.callee.startsWith('shutil') ? c.args[1] : c.args[0] ?? c.kwargs.dst;
    return undefined;
  }
  if (!JS_WRITES.test(c.callee)) return undefined;
  return /(copyFile|rename)/.test(c.name) ? c.args[1] : c.args[0];
}

const CLEANUP = /(^|\.)(remove|unlink|unlinkSync|rmtree|rm|rmSync|cleanup)$/;

export function collectTempFiles(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  for (const m of appModels(repo, ['app'])) {
    const stack = m.language === 'python' ? 'py' : 'node';
    const add = (c: CallSite, message: string) => out.issues.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note: message }), message, stack });
    for (const c of m.calls) {
      if (m.language === 'python' && /^(tempfile\.)?mktemp$/.test(c.callee) && (c.callee.includes('.') || m.imports.some((i) => i.module === 'tempfile'))) {
        add(c, 'tempfile.mktemp() returns a name without creating the file: another process can create it first');
        continue;
      }
      const target = writeTarget(m, c);
      const part = target ? predictableTmp(m, target, c.fn, c.line) : null;
      if (part) {
        add(c, `A file is written to a predictable /tmp path named from \`${part}\``);
        continue;
      }
      if (m.language !== 'python') continue;
      const leaked = (/^(tempfile\.)?NamedTemporaryFile$/.test(c.callee) && c.kwargs.delete?.value === 'false') || /^(tempfile\.)?mkstemp$/.test(c.callee);
      if (!leaked || c.fn < 0) {
        if (/^(tempfile\.)?(TemporaryDirectory|NamedTemporaryFile|TemporaryFile|SpooledTemporaryFile|mkdtemp)$/.test(c.callee) && !isTrue(c.kwargs.delete)) {
          out.safe.push(repo.ev(m.file, c.line, { note: c.callee }));
        }
        continue;
      }
      const cleans = m.calls.some((x) => x.fn === c.fn && CLEANUP.test(x.callee));
      const target2 = m.assignments.find((a) => a.fn === c.fn && a.line === c.line)?.target ?? '';
      const handedOver = m.returns.some((r) => r.fn === c.fn && r.value && target2.split(/[,\s()]+/).some((t) => t && mentions(r.value!.text, t)));
      if (!cleans && !handedOver) add(c, `${c.callee}(${c.name === 'mkstemp' ? '' : 'delete=False'}) creates a file this function never removes: /tmp fills up over time`);
    }
  }
  return out;
}

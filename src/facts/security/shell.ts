/**
 * Shell commands built from values: `subprocess.*(cmd, shell=True)`, `os.system`, `os.popen`,
 * `subprocess.getoutput` (always a shell) in Python; `child_process.exec`/`execSync` (always a
 * shell, also through `promisify(exec)`) and `spawn(cmd, { shell: true })` in JS, whose command is an
 * f-string / template literal / concatenation / `%` / `.format()` with a non-constant part.
 * Not reported: list / argv forms (`subprocess.run(["ls", path])`, `execFile`, `spawn("ls", [p])`),
 * constant commands with shell=True, parts that are constants, numbers or quoted with `shlex.quote`.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { builtOrVia, variableOperands } from './built-strings.js';
import { appModels, entry, isTrue, moduleAssignment } from './code-util.js';

const PY_SUBPROCESS = /^(subprocess\.)?(run|call|check_call|check_output|Popen)$/;
const PY_ALWAYS_SHELL = /^(os\.system|os\.popen|subprocess\.getoutput|subprocess\.getstatusoutput|commands\.getoutput)$/;

function importsChildProcess(m: CodeModel): boolean {
  return m.imports.some((i) => i.module === 'child_process' || i.module === 'node:child_process');
}

/** `exec` / `execSync` from child_process, directly, via a module alias, or wrapped by promisify. */
function isJsExec(m: CodeModel, c: CallSite): boolean {
  if (/^((child_?process|cp|childProcess)\.)?(exec|execSync)$/i.test(c.callee)) return true;
  if (!c.callee.includes('.')) {
    const v = moduleAssignment(m, c.callee);
    if (v?.kind === 'call' && /(^|\.)promisify$/.test(v.callee ?? '') && /^\w+\((\w+\.)?exec\)$/.test(v.text.replace(/^util\./, ''))) return true;
  }
  return false;
}

function shellCall(m: CodeModel, c: CallSite): string | null {
  if (m.language === 'python') {
    if (PY_ALWAYS_SHELL.test(c.callee)) return c.callee;
    if (PY_SUBPROCESS.test(c.callee) && isTrue(c.kwargs.shell) && (c.callee.startsWith('subprocess.') || m.imports.some((i) => i.module === 'subprocess'))) {
      return `${c.callee}(shell=True)`;
    }
    return null;
  }
  if (!importsChildProcess(m)) return null;
  if (isJsExec(m, c)) return c.callee;
  if (/^((child_?process|cp)\.)?spawn(Sync)?$/i.test(c.callee) && c.args.some((a) => a.kind === 'dict' && isTrue(entry(a, 'shell')))) return `${c.callee}({ shell: true })`;
  return null;
}

export function collectShellCommands(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  for (const m of appModels(repo, ['app', 'script'])) {
    for (const c of m.calls) {
      const sink = shellCall(m, c);
      if (!sink) continue;
      const cmd = m.language === 'python' ? (c.args[0] ?? c.kwargs.args ?? c.kwargs.cmd ?? c.kwargs.command) : c.args[0];
      const b = builtOrVia(m, cmd, c.fn, c.line);
      if (!b) continue;
      const vars = variableOperands(m, b, c.fn, c.line);
      if (vars.length === 0) continue;
      const via = b.via ? ` (${b.via} built at line ${b.line})` : '';
      const message = `${sink} runs a shell command built with ${b.how} from ${vars.slice(0, 3).map((v) => `\`${v}\``).join(', ')}${via}`;
      out.issues.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note: message }), message, stack: m.language === 'python' ? 'py' : 'node' });
    }
  }
  return out;
}

/**
 * Pinned Python / Node versions, wherever a repository states them: .python-version, .nvmrc,
 * .node-version, runtime.txt, .tool-versions (asdf), mise.toml, `engines.node` / `volta.node` in
 * package.json, `requires-python` / Poetry's `python` in pyproject.toml, Pipfile `python_version`,
 * App Engine `runtime: python312`, and the final stage's base image tag of a production Dockerfile
 * (`python:3.12-slim`, `node:20-alpine`).
 *
 * Moving targets are not pins: `.nvmrc` saying `node` or `lts/*`, `FROM python:3` (any 3.x), an
 * untagged or :latest base. A range such as `requires-python = ">=3.10"` or `engines: ">=18"` counts,
 * as the catalogue says: it states which runtime the code was written for.
 */
import { evidenceForFile } from '../../core/evidence.js';
import type { FactMap, RuntimePin } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { loadJson, loadYaml, tomlKeyLine, yamlGet } from '../deploy/positions.js';
import { isScalar } from 'yaml';
import { dirOf } from '../../core/paths.js';

const nameOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** A version that pins at least a Python minor (3.12) or a Node major (20), or an LTS codename. */
function pins(language: 'python' | 'node', v: string): boolean {
  const s = v.trim().replace(/^v/, '');
  if (language === 'python') return /\b3\.\d+/.test(s);
  return /^lts\/(?!\*)[a-z]+$/i.test(s) || /\d/.test(s);
}

export function collectRuntimePins(repo: RepoContext, facts: FactMap): RuntimePin[] {
  const out: RuntimePin[] = [];
  const add = (language: 'python' | 'node', value: string, file: string, line: number, source: string) => {
    if (!pins(language, value)) return;
    out.push({ language, value: value.trim(), dir: dirOf(file), source, evidence: line > 0 ? repo.ev(file, line) : evidenceForFile(file, source) });
  };
  const firstLine = (file: string): { text: string; line: number } | undefined => {
    const lines = repo.lines(file);
    const i = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    return i >= 0 ? { text: lines[i].trim(), line: i + 1 } : undefined;
  };
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture' || f.role === 'generated' || f.role === 'docs') continue;
    const n = nameOf(f.path);
    if (n === '.python-version' || n === '.nvmrc' || n === '.node-version') {
      const l = firstLine(f.path);
      if (l) add(n === '.python-version' ? 'python' : 'node', l.text, f.path, l.line, n);
    } else if (n === 'runtime.txt') {
      const l = firstLine(f.path);
      if (l && /^python-/.test(l.text)) add('python', l.text.slice('python-'.length), f.path, l.line, 'runtime.txt');
    } else if (n === '.tool-versions') {
      repo.lines(f.path).forEach((text, i) => {
        const m = /^\s*(python|nodejs|node)\s+(\S+)/.exec(text);
        if (m) add(m[1] === 'python' ? 'python' : 'node', m[2], f.path, i + 1, '.tool-versions');
      });
    } else if (n === 'mise.toml' || n === '.mise.toml') {
      const text = repo.read(f.path) ?? '';
      for (const [tool, lang] of [['python', 'python'], ['node', 'node']] as const) {
        const line = tomlKeyLine(text, 'tools', tool);
        const m = line > 0 ? /=\s*["']?([^"'\s]+)/.exec(repo.lines(f.path)[line - 1] ?? '') : null;
        if (m) add(lang, m[1], f.path, line, n);
      }
    } else if (n === 'package.json') {
      const json = loadJson(repo, f.path);
      for (const p of [['engines', 'node'], ['volta', 'node']]) {
        const at = json?.at(p);
        if (at && at.node.type === 'string') add('node', String(at.node.value), f.path, at.line, `package.json ${p.join('.')}`);
      }
    } else if (n === 'pyproject.toml') {
      const text = repo.read(f.path) ?? '';
      for (const [table, key] of [['project', 'requires-python'], ['tool.poetry.dependencies', 'python']]) {
        const line = tomlKeyLine(text, table, key);
        const m = line > 0 ? /=\s*["']([^"']+)["']/.exec(repo.lines(f.path)[line - 1] ?? '') : null;
        if (m) add('python', m[1], f.path, line, `pyproject.toml ${key}`);
      }
    } else if (n === 'Pipfile') {
      const text = repo.read(f.path) ?? '';
      for (const key of ['python_version', 'python_full_version']) {
        const line = tomlKeyLine(text, 'requires', key);
        const m = line > 0 ? /=\s*["']([^"']+)["']/.exec(repo.lines(f.path)[line - 1] ?? '') : null;
        if (m) add('python', m[1], f.path, line, `Pipfile ${key}`);
      }
    } else if (n === 'app.yaml' || n === 'app.yml') {
      const y = loadYaml(repo, f.path);
      const rt = y && yamlGet(y.doc.contents, 'runtime');
      if (y && isScalar(rt)) {
        const m = /^(python|nodejs)(\d+)$/.exec(String(rt.value));
        if (m) add(m[1] === 'python' ? 'python' : 'node', m[1] === 'python' ? `${m[2][0]}.${m[2].slice(1)}` : m[2], f.path, y.lineOf(rt), 'app.yaml runtime');
      }
    }
  }
  for (const d of facts.dockerfiles) {
    if (d.devOnly || d.stages.length === 0) continue;
    const s = d.stages[d.stages.length - 1];
    const ref = s.resolved ?? { image: s.image, tag: s.tag };
    const image = ref.image.toLowerCase().split('/').pop() ?? '';
    const tag = (ref.tag ?? '').toLowerCase();
    if (image === 'python' || image === 'pypy') add('python', tag, d.file, s.evidence.line, 'Dockerfile base image');
    else if (image === 'node') add('node', /^(lts|current|latest)/.test(tag) ? '' : tag, d.file, s.evidence.line, 'Dockerfile base image');
    else {
      const py = /python-?(3\.\d+)/.exec(tag);
      if (py) add('python', py[1], d.file, s.evidence.line, 'Dockerfile base image');
      const node = /node(js)?-?(\d+)/.exec(tag);
      if (node) add('node', node[2], d.file, s.evidence.line, 'Dockerfile base image');
    }
  }
  return out;
}

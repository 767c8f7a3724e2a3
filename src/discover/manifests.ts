/**
 * Reads dependency names out of package manifests, tolerantly: a malformed manifest yields no
 * dependencies rather than an exception, because one broken file must not stop the audit.
 */
import { parse as parseToml } from 'smol-toml';

export interface JsDependencies {
  /** `dependencies`, `peerDependencies` and `optionalDependencies`: what the running service loads. */
  runtime: Set<string>;
  /** `devDependencies`: build and test tooling (also where bundled front ends keep react/vite). */
  dev: Set<string>;
}

export function jsDependencies(text: string | undefined): JsDependencies {
  const result: JsDependencies = { runtime: new Set(), dev: new Set() };
  if (text === undefined) return result;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return result;
  }
  if (!isRecord(manifest)) return result;
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    addKeys(result.runtime, manifest[field]);
  }
  addKeys(result.dev, manifest.devDependencies);
  return result;
}

/**
 * PEP 503 normalisation: `Flask_SQLAlchemy` and `flask-sqlalchemy` are the same package, so names are
 * compared lower-cased with runs of `-`, `_`, `.` folded to one `-`.
 */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name at the start of a PEP 508 requirement: `fastapi[all]>=0.110; python_version>"3.8"`. */
const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([<>=!~;@(].*)?$/;

function requirementName(spec: string): string | undefined {
  const match = REQUIREMENT.exec(spec.trim());
  return match?.[1] === undefined ? undefined : normalizePythonName(match[1]);
}

/**
 * requirements.txt: one requirement per line. Option lines (`-r base.txt`, `-e .`, `--hash`) and bare
 * URLs name no package directly and are skipped; an inline ` #` comment is dropped first.
 */
export function requirementsTxtDependencies(text: string): Set<string> {
  const names = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-') || (line.includes('://') && !line.includes('@'))) continue;
    const name = requirementName(line);
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** pyproject.toml: PEP 621 `project.dependencies`, Poetry's dependency table and PEP 735 groups. */
export function pyprojectDependencies(text: string): Set<string> {
  const names = new Set<string>();
  let doc: unknown;
  try {
    doc = parseToml(text);
  } catch {
    return names;
  }
  if (!isRecord(doc)) return names;
  const project = doc.project;
  if (isRecord(project)) addRequirements(names, project.dependencies);
  const tool = doc.tool;
  const poetry = isRecord(tool) ? tool.poetry : undefined;
  if (isRecord(poetry) && isRecord(poetry.dependencies)) {
    for (const key of Object.keys(poetry.dependencies)) names.add(normalizePythonName(key));
  }
  const groups = doc['dependency-groups'];
  if (isRecord(groups)) for (const group of Object.values(groups)) addRequirements(names, group);
  return names;
}

/** Pipfile: TOML whose `[packages]` table is keyed by package name. Dev packages do not ship. */
export function pipfileDependencies(text: string): Set<string> {
  const names = new Set<string>();
  try {
    const doc: unknown = parseToml(text);
    if (isRecord(doc) && isRecord(doc.packages)) {
      for (const key of Object.keys(doc.packages)) names.add(normalizePythonName(key));
    }
  } catch {
    // Malformed Pipfile: no dependencies known.
  }
  return names;
}

/**
 * setup.py is code we must not run, so its quoted strings are read as text and kept when the whole
 * string is a requirement (`"flask>=2"`). A description such as "A flask app" is not one.
 */
export function setupPyDependencies(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(["'])([^"'\n]{1,200})\1/g)) {
    const name = match[2] === undefined ? undefined : requirementName(match[2]);
    if (name !== undefined) names.add(name);
  }
  return names;
}

function addRequirements(into: Set<string>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    // PEP 735 groups may hold `{ include-group = "…" }` tables; only strings name packages.
    if (typeof item !== 'string') continue;
    const name = requirementName(item);
    if (name !== undefined) into.add(name);
  }
}

function addKeys(into: Set<string>, table: unknown): void {
  if (isRecord(table)) for (const key of Object.keys(table)) into.add(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

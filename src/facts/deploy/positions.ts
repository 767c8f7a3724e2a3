/**
 * Line positions in config files. Evidence must point at the line that says the thing, so every
 * config parser here keeps offsets: yaml through its LineCounter, JSON through jsonc-parser's tree,
 * TOML (smol-toml keeps none) through a scan of its plain-text lines for the key of a known table.
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError as JsonError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { RepoContext } from '../repo.js';

/** 1-based line of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export interface YamlFile {
  doc: Document;
  /** 1-based line of a yaml node (or 0 when it has no range). */
  lineOf(node: unknown): number;
}

/** Parses a YAML file; a malformed file is reported in repo.errors and yields undefined. */
export function loadYaml(repo: RepoContext, path: string): YamlFile | undefined {
  const text = repo.read(path);
  if (text === undefined) return undefined;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) {
    repo.errors.push({ path, message: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}` });
    return undefined;
  }
  return {
    doc,
    lineOf(node) {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      return range ? lc.linePos(range[0]).line : 0;
    },
  };
}

/** A YAML map's entry value by key (yaml nodes, not JS values, so lines stay known). */
export function yamlGet(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair.value;
  }
  return undefined;
}

export function yamlEntries(node: unknown): { key: string; value: unknown; keyNode: unknown }[] {
  if (!isMap(node)) return [];
  return node.items.filter((p) => isScalar(p.key)).map((p) => ({ key: String((p.key as { value: unknown }).value), value: p.value, keyNode: p.key }));
}

/** A scalar's string, or a sequence of scalars joined by spaces (compose `command: [a, b]`). */
export function yamlCommand(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null || node.value === undefined ? undefined : String(node.value);
  if (isSeq(node)) {
    const parts = node.items.map((i) => (isScalar(i) ? String(i.value) : undefined));
    return parts.every((p) => p !== undefined) ? shellJoin(parts as string[]) : undefined;
  }
  return undefined;
}

/** Joins an exec-form argument list back into one command line, quoting arguments with spaces. */
export function shellJoin(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./$-]*$/.test(a) && a !== '' ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export interface JsonFile {
  text: string;
  tree: JsonNode;
  /** The node at a path, with its 1-based line. */
  at(path: (string | number)[]): { node: JsonNode; line: number } | undefined;
}

export function loadJson(repo: RepoContext, path: string): JsonFile | undefined {
  const text = repo.read(path);
  if (text === undefined) return undefined;
  const errors: JsonError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (!tree || errors.length > 0) {
    repo.errors.push({ path, message: `invalid JSON near line ${lineOfOffset(text, errors[0]?.offset ?? 0)}` });
    return undefined;
  }
  return {
    text,
    tree,
    at(p) {
      const node = findNodeAtLocation(tree, p);
      return node ? { node, line: lineOfOffset(text, node.offset) } : undefined;
    },
  };
}

/**
 * The 1-based line of `key = …` inside TOML table `[table]` (or at top level when table is '').
 * TOML is plain text line by line; smol-toml gives values but no positions.
 */
export function tomlKeyLine(text: string, table: string, key: string): number {
  const lines = text.split(/\r?\n/);
  let current = '';
  const keyRe = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*=`);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(lines[i]);
    if (header) {
      current = header[1].replace(/["']/g, '');
      continue;
    }
    if (current === table && keyRe.test(lines[i])) return i + 1;
  }
  return 0;
}

/**
 * Version specifiers as written in manifests (plain text: requirement lines, TOML values, package.json
 * strings), judged "open" when any future release can be installed: no version at all, `*`,
 * `latest` / a dist-tag, or a lower bound with no upper bound (`>=1.2`). Caret / tilde / `~=` /
 * `1.x` ranges are bounded to one major line and are not open.
 */

/** Requirement lines of a requirements file (comments, options and blanks dropped), with 1-based lines. */
export function requirementLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.replace(/(^|\s)#.*$/, '').trim();
    if (t === '' || t.startsWith('-') || /^(git\+|https?:|\.|\/)/.test(t)) return;
    out.push({ text: t, line: i + 1 });
  });
  return out;
}

const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');

/** A PEP 440 specifier set (after the name and extras). */
function pep440Open(spec: string): string | null {
  const s = spec.replace(/;.*$/, '').trim();
  if (s.startsWith('@')) return null; // direct URL reference
  if (s === '' ) return 'no version';
  if (/===?/.test(s) || /<|~=/.test(s)) return null;
  if (/>/.test(s)) return `lower bound only (${s})`;
  return null;
}

/** Poetry / Pipenv constraint strings. */
function poetryOpen(v: string): string | null {
  const s = v.trim();
  if (s === '' ) return 'no version';
  if (s === '*') return 'any version (*)';
  return s.split('||').some((part) => />/.test(part) && !/</.test(part)) ? `lower bound only (${s})` : null;
}

/**
 * `line` is the manifest line that declares `name`: a requirements line, a PEP 508 string in
 * pyproject.toml (possibly several on one line), or a TOML `name = "…"` / `name = { version = … }`.
 */
export function pythonSpecOpen(line: string, name: string): string | null {
  const t = line.replace(/(^|\s)#.*$/, '').trim();
  const key = /^["']?([A-Za-z0-9_.-]+)["']?\s*=\s*(.*)$/.exec(t);
  if (key && norm(key[1]) === norm(name) && !/^=/.test(key[2])) {
    const v = key[2].trim();
    if (v.startsWith('{')) {
      const ver = /\bversion\s*=\s*["']([^"']*)["']/.exec(v);
      return ver ? poetryOpen(ver[1]) : /\b(path|git|url)\s*=/.test(v) ? null : 'no version';
    }
    const str = /^["']([^"']*)["']/.exec(v);
    return str ? poetryOpen(str[1]) : null;
  }
  const strings = [...t.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]);
  const candidates = strings.length ? strings : [t];
  for (const c of candidates) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(c);
    if (m && norm(m[1]) === norm(name)) return pep440Open(m[3]);
  }
  return null;
}

export function npmSpecOpen(spec: string): string | null {
  let s = spec.trim();
  if (s.startsWith('npm:')) s = s.slice(s.lastIndexOf('@') + 1);
  if (/^(workspace:|file:|link:|portal:|patch:|git|github:|https?:|[\w-]+\/[\w.-]+(#.*)?$)/.test(s)) return null;
  if (s === '' || s === '*' || s === 'x' || s === 'X') return s === '' ? 'no version' : `any version (${s})`;
  if (/^[a-z][\w-]*$/i.test(s)) return `dist-tag (${s})`;
  return s.split('||').some((part) => />/.test(part) && !/</.test(part)) ? `lower bound only (${s})` : null;
}

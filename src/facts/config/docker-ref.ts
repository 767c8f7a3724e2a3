/**
 * Image references in FROM lines: `[registry[:port]/]path[:tag][@digest]`, and the substitution of
 * build-time ARG defaults (`FROM ${BASE}`, `FROM python:${PY}-slim`), so the unpinned-base check sees
 * what the build will pull rather than the variable name.
 */

export interface ImageRef {
  image: string;
  tag: string | null;
  digest: string | null;
}

/** Splits a reference; the tag is the part after the last ':' that follows the last '/'. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | null = null;
  if (colon > slash) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  return { image: rest, tag, digest };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Replaces `$X`, `${X}`, `${X:-default}` with ARG defaults. Returns null when a variable has no value
 * (it is passed with --build-arg, so the reference is decided at build time).
 */
export function substituteArgs(text: string, args: ReadonlyMap<string, string | null>): string | null {
  let unresolved = false;
  const out = text.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = args.get(name);
    const has = value !== undefined && value !== null && value !== '';
    if (op === '-') return has ? (value as string) : (word ?? '');
    if (op === '+') return has ? (word ?? '') : '';
    if (!has) unresolved = true;
    return has ? (value as string) : '';
  });
  return unresolved ? null : out;
}

/** True when the text still holds a variable reference. */
export function hasVariable(text: string): boolean {
  VARIABLE.lastIndex = 0;
  return VARIABLE.test(text);
}

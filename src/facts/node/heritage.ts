/**
 * `extends PrismaClient implements OnModuleInit, OnModuleDestroy` → the class it extends, then each
 * interface it implements, as separate bases (type arguments kept: `Repository<Note>`).
 */
export function heritageBases(text: string): string[] {
  const m = /^(?:extends\s+(.*?))?\s*(?:\bimplements\s+(.*))?$/s.exec(text);
  if (!m) return [text];
  const out: string[] = [];
  if (m[1]) out.push(m[1].trim());
  if (m[2]) out.push(...splitTopLevel(m[2]));
  return out.length > 0 ? out : [text];
}

/** Comma-separated items, commas inside `<…>`, `(…)` and `[…]` left alone. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '<' || ch === '(' || ch === '[') depth++;
    else if (ch === '>' || ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Secrets never leave the process whole: every output shows a short prefix only. */

const KEEP = 4;

export function redactValue(value: string): string {
  if (value.length <= KEEP + 2) return '*'.repeat(value.length);
  return `${value.slice(0, KEEP)}…[redacted ${value.length} chars]`;
}

/** Replace every occurrence of `secret` in `text` by its redacted form. */
export function redactIn(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join(redactValue(secret));
}

/**
 * Where an audit's time goes, for `shipready audit --timing` (ESLint's TIMING=1, Semgrep's --time).
 * Facts are computed lazily and one collector may ask for another, so each collector is charged its
 * own (self) time: the time of the collectors it asked for is subtracted.
 */

export interface Timing {
  /** Wall milliseconds per phase, in the order they ran. */
  phases: [string, number][];
  /**
   * Self milliseconds per `fact:<key>` collector and per `check:<id>` (its `check()` only: the facts
   * it makes the map compute are charged to them).
   */
  self: Map<string, number>;
}

export function createTiming(): Timing {
  return { phases: [], self: new Map() };
}

/** Measures nested work and charges each key its self time. */
export class SelfTimer {
  private readonly stack: { key: string; start: number; nested: number }[] = [];
  constructor(private readonly into: Map<string, number>) {}

  begin(key: string): void {
    this.stack.push({ key, start: performance.now(), nested: 0 });
  }

  end(): void {
    const top = this.stack.pop();
    if (!top) return;
    const total = performance.now() - top.start;
    this.into.set(top.key, (this.into.get(top.key) ?? 0) + total - top.nested);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.nested += total;
  }
}

/** The timing table printed to stderr: phases, then the slowest collectors and checks. */
export function formatTiming(t: Timing, top = 10): string {
  const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`.padStart(10);
  const lines = ['Timing (wall time; facts and checks: self time)'];
  for (const [name, v] of t.phases) lines.push(`  ${name.padEnd(42)}${ms(v)}`);
  const slowest = (title: string, m: Map<string, number>) => {
    const sum = [...m.values()].reduce((a, b) => a + b, 0);
    lines.push(`${title} (${m.size}, ${Math.round(sum).toLocaleString('en-US')} ms in all)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top)) lines.push(`  ${k.padEnd(42)}${ms(v)}`);
  };
  const part = (prefix: string) => new Map([...t.self].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  slowest('Slowest facts', part('fact:'));
  slowest('Slowest checks', part('check:'));
  return `${lines.join('\n')}\n`;
}

/**
 * Shared pieces of the benchmark-tree generator: a seeded PRNG, the vocabulary that resource names
 * and fields are drawn from, and the types the language packs implement.
 *
 * Everything here must stay deterministic: benchmark numbers are only comparable across commits
 * when the tree under test is byte-identical, so nothing may read Math.random, the clock or the
 * environment.
 */

/** mulberry32: tiny, fast, and good enough to vary templates; not for anything cryptographic. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** n distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }

  /**
   * `n` picks that walk through a shuffled copy of `items`, reshuffling when it runs out: every
   * variant shows up before any repeats, as in a hand-written file.
   */
  cycle<T>(items: readonly T[], n: number): T[] {
    const out: T[] = [];
    while (out.length < n) out.push(...this.sample(items, Math.min(items.length, n - out.length)));
    return out;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

/** FNV-1a over a string, mixed with the tree seed: each file gets its own stable random stream. */
export function deriveSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Lines as an editor shows them: a trailing newline does not start another line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** Field kinds every language pack knows how to map to its own column, schema and test values. */
export type FieldKind = 'str' | 'text' | 'int' | 'money' | 'bool' | 'datetime' | 'email' | 'uuid' | 'enum' | 'json';

export interface Field {
  name: string;
  kind: FieldKind;
  nullable: boolean;
  indexed: boolean;
}

/** One business entity; each language pack turns it into a model, schema, service, routes and tests. */
export interface Resource {
  /** snake_case singular, e.g. `billing_invoice`. */
  snake: string;
  pascal: string;
  camel: string;
  /** kebab-case singular, used in TypeScript file names. */
  kebab: string;
  /** kebab-case plural, used in URL paths. */
  kebabPlural: string;
  snakePlural: string;
  fields: Field[];
  /** Another resource this one belongs to (a foreign key), if any. */
  parent?: Resource;
  /** Migration revision id (Alembic) or timestamp suffix (TypeORM), drawn once so every file agrees. */
  revision: string;
}

/** A file to write. `render` is called with a fresh Rng seeded for this path, so re-rendering with fewer units is stable. */
export interface FilePlan {
  path: string;
  /** How many repeated blocks (handlers, fields, tests…) the template renders by default. */
  units: number;
  render: (rng: Rng, units: number) => string;
}

export interface LanguagePack {
  /** Files every service has once: config, manifests, Dockerfile, shared helpers. */
  fixed: (rng: Rng) => FilePlan[];
  /**
   * The files of one resource, in dependency order (model before the routes that use it).
   * `all` holds every resource so far, `res` last: migrations chain to the one before.
   */
  perResource: (rng: Rng, res: Resource, all: Resource[]) => FilePlan[];
  /**
   * Files that list every resource (router, worker tasks), written last. Takes no Rng: the
   * generator calls it repeatedly to measure the reserve, which must not move the main stream.
   */
  final: (resources: Resource[]) => FilePlan[];
}

const NOUNS = [
  'user', 'order', 'invoice', 'product', 'payment', 'shipment', 'account', 'subscription', 'customer',
  'warehouse', 'coupon', 'review', 'notification', 'report', 'tenant', 'project', 'task', 'comment',
  'ticket', 'refund', 'cart', 'catalog', 'vendor', 'contract', 'employee', 'schedule', 'booking',
  'device', 'document', 'policy', 'claim', 'asset', 'ledger', 'budget', 'campaign', 'lead', 'quote',
  'delivery', 'route', 'vehicle', 'driver', 'course', 'lesson', 'enrollment', 'article', 'tag',
  'webhook', 'integration', 'audit_entry', 'permission', 'role', 'team', 'plan', 'price', 'discount',
  'store', 'region', 'supplier', 'batch', 'sensor', 'reading', 'alert', 'incident', 'survey', 'response',
];

const QUALIFIERS = [
  '', '', '', 'billing', 'customer', 'internal', 'partner', 'archived', 'draft', 'recurring', 'shared',
  'regional', 'scheduled', 'pending', 'external', 'legacy', 'premium', 'trial', 'bulk', 'public',
];

const FIELD_POOL: ReadonlyArray<[string, FieldKind]> = [
  ['name', 'str'], ['title', 'str'], ['description', 'text'], ['status', 'enum'], ['code', 'str'],
  ['reference', 'str'], ['amount', 'money'], ['total', 'money'], ['currency', 'str'], ['quantity', 'int'],
  ['priority', 'int'], ['position', 'int'], ['is_active', 'bool'], ['is_archived', 'bool'],
  ['is_public', 'bool'], ['email', 'email'], ['contact_email', 'email'], ['external_id', 'uuid'],
  ['slug', 'str'], ['notes', 'text'], ['metadata', 'json'], ['settings', 'json'], ['starts_at', 'datetime'],
  ['ends_at', 'datetime'], ['due_at', 'datetime'], ['published_at', 'datetime'], ['score', 'int'],
  ['weight', 'int'], ['country', 'str'], ['city', 'str'], ['phone', 'str'], ['label', 'str'],
  ['version', 'int'], ['source', 'enum'], ['channel', 'enum'], ['category', 'str'], ['discount_rate', 'int'],
  ['tax_amount', 'money'], ['owner_email', 'email'], ['retry_count', 'int'], ['last_seen_at', 'datetime'],
];

export const VENDORS = [
  'stripe-like', 'mailer', 'geo', 'fx-rates', 'search', 'crm', 'sms', 'tax', 'fraud', 'shipping', 'kyc',
  'analytics', 'storage', 'pdf-render', 'ledger-sync',
];

export const STATUSES = ['pending', 'active', 'completed', 'cancelled', 'failed', 'archived', 'draft', 'approved'];

export function snakeToPascal(s: string): string {
  return s.split('_').filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

export function snakeToCamel(s: string): string {
  const p = snakeToPascal(s);
  return p[0].toLowerCase() + p.slice(1);
}

export function pluralize(word: string): string {
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function pickFields(rng: Rng): Field[] {
  const chosen = rng.sample(FIELD_POOL, rng.int(5, 16));
  return chosen.map(([name, kind]) => ({
    name,
    kind,
    nullable: kind !== 'bool' && rng.chance(0.35),
    indexed: (kind === 'str' || kind === 'uuid' || kind === 'email') && rng.chance(0.4),
  }));
}

/** A resource whose name is not yet in `used`; the qualifier pool makes collisions rare, the counter ends them. */
export function makeResource(rng: Rng, used: Set<string>, existing: Resource[]): Resource {
  let snake = '';
  for (let attempt = 0; attempt < 50 && (snake === '' || used.has(snake)); attempt++) {
    const q = rng.pick(QUALIFIERS);
    snake = q ? `${q}_${rng.pick(NOUNS)}` : rng.pick(NOUNS);
  }
  if (used.has(snake)) snake = `${snake}_${used.size}`;
  used.add(snake);
  const plural = pluralize(snake);
  const parent = existing.length > 0 && rng.chance(0.4) ? rng.pick(existing) : undefined;
  return {
    snake,
    pascal: snakeToPascal(snake),
    camel: snakeToCamel(snake),
    kebab: snake.replace(/_/g, '-'),
    kebabPlural: plural.replace(/_/g, '-'),
    snakePlural: plural,
    fields: pickFields(rng),
    parent,
    revision: rng.hex(12),
  };
}

/** Joins template lines and guarantees exactly one trailing newline. */
export function lines(parts: Array<string | string[] | false | undefined>): string {
  const flat: string[] = [];
  for (const p of parts) {
    if (p === false || p === undefined) continue;
    if (Array.isArray(p)) flat.push(...p);
    else flat.push(p);
  }
  return `${flat.join('\n').replace(/\n+$/, '')}\n`;
}

/** Prefixes every non-empty line with `n` spaces. */
export function indent(block: string[], n: number): string[] {
  const pad = ' '.repeat(n);
  return block.map((l) => (l.length > 0 ? pad + l : l));
}

/** vitest+supertest suites and TypeORM migrations for one generated TypeScript resource. */
import { indent, lines, snakeToCamel, type FieldKind, type Resource, type Rng } from './common.js';
import { tsLiteral } from './fields.js';

type TsCase = (res: Resource, rng: Rng) => string[];

function payload(res: Resource, rng: Rng): string[] {
  const entries = res.fields.filter((f) => !f.nullable || rng.chance(0.5)).map((f) => `  ${snakeToCamel(f.name)}: ${tsLiteral(f, rng)},`);
  if (res.parent) entries.push(`  ${res.parent.camel}Id: ${rng.int(1, 40)},`);
  return ['const payload = {', ...entries, '};'];
}

const CASES: ReadonlyArray<[string, TsCase]> = [
  ['creates a row', (res, rng) => [...payload(res, rng), `const res = await request(app).post('/api/${res.kebabPlural}').set(authHeader()).send(payload);`, 'expect(res.status).toBe(201);', 'expect(res.body.id).toBeGreaterThan(0);']],
  ['lists a page', (res, rng) => [`const res = await request(app).get('/api/${res.kebabPlural}?page=1&size=${rng.int(1, 50)}').set(authHeader());`, 'expect(res.status).toBe(200);', "expect(res.body).toHaveProperty('items');"]],
  ['returns 404 for a missing id', (res, rng) => [`const res = await request(app).get('/api/${res.kebabPlural}/${rng.int(90000, 99999)}').set(authHeader());`, 'expect(res.status).toBe(404);']],
  ['requires auth', (res) => [`const res = await request(app).get('/api/${res.kebabPlural}');`, 'expect([401, 403]).toContain(res.status);']],
  ['rejects an invalid body', (res, rng) => [`const res = await request(app).post('/api/${res.kebabPlural}').set(authHeader()).send({ ${snakeToCamel(rng.pick(res.fields).name)}: [${rng.int(1, 9)}] });`, 'expect(res.status).toBe(400);']],
  ['round-trips a row', (res, rng) => [...payload(res, rng), `const created = await request(app).post('/api/${res.kebabPlural}').set(authHeader()).send(payload);`, `const fetched = await request(app).get(\`/api/${res.kebabPlural}/\${created.body.id}\`).set(authHeader());`, 'expect(fetched.body.id).toBe(created.body.id);']],
];

export function renderTsTests(res: Resource, rng: Rng, units: number): string {
  const cases = rng.cycle(CASES, Math.max(1, units)).flatMap(([title, fn], i) => [
    '', `  it('${title} (#${i})', async () => {`, ...indent(fn(res, rng), 4), '  });',
  ]);
  return lines([
    "import request from 'supertest';",
    "import { beforeAll, describe, expect, it } from 'vitest';",
    "import { authHeader, createTestApp } from './helpers';",
    '',
    `describe('/api/${res.kebabPlural}', () => {`,
    '  let app: Awaited<ReturnType<typeof createTestApp>>;',
    '',
    '  beforeAll(async () => {',
    '    app = await createTestApp();',
    '  });',
    cases,
    '});',
  ]);
}

const SQL_TYPE: Record<FieldKind, string> = {
  str: 'varchar(255)', text: 'text', int: 'integer', money: 'numeric(12,2)', bool: 'boolean NOT NULL DEFAULT false',
  datetime: 'timestamptz', email: 'varchar(320)', uuid: 'uuid', enum: 'varchar(32)', json: 'jsonb',
};

export function renderMigration(res: Resource, index: number): string {
  const name = `Create${res.pascal}${1700000000000 + index * 86_400_000}`;
  const cols = res.fields.map((f) => `        "${f.name}" ${SQL_TYPE[f.kind]}${f.nullable || f.kind === 'bool' ? '' : ' NOT NULL'},`);
  const fk = res.parent ? [`        "${res.parent.snake}_id" integer NOT NULL REFERENCES "${res.parent.snakePlural}" ("id") ON DELETE CASCADE,`] : [];
  return lines([
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    `export class ${name} implements MigrationInterface {`,
    `  name = '${name}';`,
    '',
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    '    await queryRunner.query(`',
    `      CREATE TABLE "${res.snakePlural}" (`,
    '        "id" SERIAL PRIMARY KEY,',
    ...fk,
    ...cols,
    '        "created_at" timestamptz NOT NULL DEFAULT now(),',
    '        "updated_at" timestamptz NOT NULL DEFAULT now()',
    '      )',
    '    `);',
    ...res.fields.filter((f) => f.indexed).map((f) => `    await queryRunner.query(\`CREATE INDEX "IDX_${res.snakePlural}_${f.name}" ON "${res.snakePlural}" ("${f.name}")\`);`),
    '  }',
    '',
    '  public async down(queryRunner: QueryRunner): Promise<void> {',
    `    await queryRunner.query(\`DROP TABLE "${res.snakePlural}"\`);`,
    '  }',
    '}',
  ]);
}

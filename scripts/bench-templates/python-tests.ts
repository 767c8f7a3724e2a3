/** pytest modules and Alembic migrations for one generated Python resource. */
import { lines, type Resource, type Rng } from './common.js';
import { pyLiteral, saType } from './fields.js';

function payload(res: Resource, rng: Rng): string[] {
  const entries = res.fields.filter((f) => !f.nullable || rng.chance(0.5)).map((f) => `        "${f.name}": ${pyLiteral(f, rng)},`);
  if (res.parent) entries.push(`        "${res.parent.snake}_id": ${rng.int(1, 40)},`);
  return ['    payload = {', ...entries, '    }'];
}

type TestCase = (res: Resource, rng: Rng, name: string) => string[];

const createOk: TestCase = (res, rng, name) => [
  `def ${name}(client, auth_headers):`,
  ...payload(res, rng),
  `    response = client.post("/api/v1/${res.kebabPlural}", json=payload, headers=auth_headers)`,
  '    assert response.status_code == 201, response.text',
  '    body = response.json()',
  '    assert body["id"] > 0',
];

const listPage: TestCase = (res, rng, name) => [
  `def ${name}(client, auth_headers):`,
  `    response = client.get("/api/v1/${res.kebabPlural}?page=1&size=${rng.int(1, 50)}", headers=auth_headers)`,
  '    assert response.status_code == 200',
  '    body = response.json()',
  '    assert set(body) >= {"items", "total", "page", "size"}',
];

const missing: TestCase = (res, rng, name) => [
  `def ${name}(client, auth_headers):`,
  `    response = client.get("/api/v1/${res.kebabPlural}/${rng.int(90000, 99999)}", headers=auth_headers)`,
  '    assert response.status_code == 404',
];

const unauthorized: TestCase = (res, _rng, name) => [
  `def ${name}(client):`,
  `    response = client.get("/api/v1/${res.kebabPlural}")`,
  '    assert response.status_code in (401, 403)',
];

const invalid: TestCase = (res, rng, name) => [
  `def ${name}(client, auth_headers):`,
  `    response = client.post("/api/v1/${res.kebabPlural}", json={"${rng.pick(res.fields).name}": [${rng.int(1, 9)}]}, headers=auth_headers)`,
  '    assert response.status_code == 422',
];

const parametrized: TestCase = (res, rng, name) => [
  `@pytest.mark.parametrize("size", [${rng.int(1, 5)}, ${rng.int(10, 30)}, ${rng.int(50, 100)}])`,
  `def ${name}(client, auth_headers, size):`,
  `    response = client.get(f"/api/v1/${res.kebabPlural}?size={size}", headers=auth_headers)`,
  '    assert response.status_code == 200',
  '    assert len(response.json()["items"]) <= size',
];

const roundTrip: TestCase = (res, rng, name) => [
  `def ${name}(client, auth_headers):`,
  ...payload(res, rng),
  `    created = client.post("/api/v1/${res.kebabPlural}", json=payload, headers=auth_headers).json()`,
  `    fetched = client.get(f"/api/v1/${res.kebabPlural}/{created['id']}", headers=auth_headers)`,
  '    assert fetched.status_code == 200',
  '    assert fetched.json()["id"] == created["id"]',
  `    deleted = client.delete(f"/api/v1/${res.kebabPlural}/{created['id']}", headers=auth_headers)`,
  '    assert deleted.status_code == 204',
];

const CASES: ReadonlyArray<[string, TestCase]> = [
  ['creates', createOk], ['lists_page', listPage], ['missing_is_404', missing], ['requires_auth', unauthorized],
  ['rejects_invalid', invalid], ['respects_size', parametrized], ['round_trip', roundTrip],
];

export function renderTests(res: Resource, rng: Rng, units: number): string {
  const body: string[] = [];
  for (const [i, [label, fn]] of rng.cycle(CASES, Math.max(1, units)).entries()) {
    body.push('', '', ...fn(res, rng, `test_${res.snake}_${label}_${i}`));
  }
  return lines([
    `"""API tests for /${res.kebabPlural}."""`,
    'import pytest',
    '',
    `pytestmark = pytest.mark.${rng.pick(['api', 'integration', 'api'])}`,
    body,
  ]);
}

function createDate(index: number): string {
  // Fixed arithmetic instead of the clock: the tree must be byte-identical for a given seed.
  const d = new Date(Date.UTC(2023, 0, 9) + index * 2 * 86_400_000);
  return `${d.toISOString().slice(0, 10)} ${String(9 + (index % 9)).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}:00`;
}

export function renderMigration(res: Resource, prev: Resource | undefined, index: number, rng: Rng): string {
  const cols = res.fields.map((f) => `        sa.Column("${f.name}", sa.${saType(f)}, nullable=${f.nullable ? 'True' : 'False'}),`);
  const indexed = res.fields.filter((f) => f.indexed);
  return lines([
    `"""create ${res.snakePlural}`,
    '',
    `Revision ID: ${res.revision}`,
    `Revises: ${prev ? prev.revision : ''}`,
    `Create Date: ${createDate(index)}`,
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = "${res.revision}"`,
    `down_revision = ${prev ? `"${prev.revision}"` : 'None'}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade() -> None:',
    '    op.create_table(',
    `        "${res.snakePlural}",`,
    '        sa.Column("id", sa.Integer(), primary_key=True),',
    res.parent && `        sa.Column("${res.parent.snake}_id", sa.Integer(), sa.ForeignKey("${res.parent.snakePlural}.id", ondelete="CASCADE"), nullable=False),`,
    cols,
    '        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),',
    '        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),',
    '    )',
    indexed.map((f) => `    op.create_index("ix_${res.snakePlural}_${f.name}", "${res.snakePlural}", ["${f.name}"]${rng.chance(0.3) ? ', unique=True' : ''})`),
    '',
    '',
    'def downgrade() -> None:',
    indexed.map((f) => `    op.drop_index("ix_${res.snakePlural}_${f.name}", table_name="${res.snakePlural}")`),
    `    op.drop_table("${res.snakePlural}")`,
  ]);
}

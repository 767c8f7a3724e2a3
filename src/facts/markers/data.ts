/**
 * Data markers: how the schema is managed. 'orm-model' (tables declared in code), 'schema-in-code'
 * (the app creates its own tables: create_all, CREATE TABLE, synchronize: true, sync()) and
 * 'migration-tool' (alembic, Django migrations, prisma migrate, knex, TypeORM, drizzle-kit, …).
 * Extractors live in ./data/.
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { scannedFiles } from '../observability/scan.js';
import { ormModelMarkers } from './data/orm-models.js';
import { schemaInCodeMarkers } from './data/schema-in-code.js';
import { migrationToolMarkers } from './data/migration-tools.js';

export function dataMarkers(repo: RepoContext, facts: FactMap): Marker[] {
  const files = scannedFiles(repo);
  // Migration tooling may be wired from scripts or migration files too (TypeORM MigrationInterface classes).
  const withMigrations = scannedFiles(repo, ['app', 'config', 'script', 'migration']);
  return [
    ...ormModelMarkers(repo, facts, files),
    ...schemaInCodeMarkers(repo, facts, files),
    ...migrationToolMarkers(repo, facts, withMigrations),
  ];
}

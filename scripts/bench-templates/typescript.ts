/**
 * Per-resource TypeScript templates for a NestJS service that also mounts plain Express routers
 * (a common shape when an older Express API was folded into Nest): a TypeORM entity, DTOs, a
 * service, a decorated controller, an Express router, a migration and a vitest+supertest suite.
 */
import { indent, lines, snakeToCamel, type FilePlan, type LanguagePack, type Resource, type Rng } from './common.js';
import { ormColumn, tsDtoType, tsType, validatorDecorators } from './fields.js';
import { renderController, renderRouter } from './typescript-http.js';
import { renderService } from './typescript-service.js';
import { typescriptFinal, typescriptFixed } from './typescript-fixed.js';
import { renderMigration, renderTsTests } from './typescript-tests.js';


function entityMethods(res: Resource, rng: Rng, units: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const f of rng.cycle(res.fields, units)) {
    const prop = snakeToCamel(f.name);
    const Prop = prop[0].toUpperCase() + prop.slice(1);
    const variant = rng.int(0, 2);
    let name = ['has', 'describe', 'summarize'][variant] + Prop;
    if (used.has(name)) name += out.length;
    used.add(name);
    const body =
      variant === 0 ? [`${name}(): boolean {`, `  return this.${prop} !== null && this.${prop} !== undefined;`, '}']
      : variant === 1 ? [`${name}(): string {`, `  return this.${prop} == null ? '${f.name}: <unset>' : \`${f.name}: \${String(this.${prop})}\`;`, '}']
      : [`${name}(): Record<string, unknown> {`, '  return {', '    id: this.id,', `    ${prop}: this.${prop},`, '    updatedAt: this.updatedAt?.toISOString(),', '  };', '}'];
    out.push('', ...indent(body, 2));
  }
  return out;
}

function renderEntity(res: Resource, rng: Rng, units: number): string {
  const parent = res.parent;
  const cols = res.fields.flatMap((f) => {
    const prop = snakeToCamel(f.name);
    const nameOpt = prop !== f.name ? ormColumn(f).replace('({ ', `({ name: '${f.name}', `) : ormColumn(f);
    const decl = `  ${prop}${f.nullable ? '?' : '!'}: ${tsType(f)}${f.nullable ? ' | null' : ''};`;
    return f.indexed ? ['', '  @Index()', `  ${nameOpt}`, decl] : ['', `  ${nameOpt}`, decl];
  });
  return lines([
    "import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';",
    parent && `import { ${parent.pascal} } from './${parent.kebab}.entity';`,
    '',
    `@Entity({ name: '${res.snakePlural}' })`,
    `export class ${res.pascal} {`,
    '  @PrimaryGeneratedColumn()',
    '  id!: number;',
    cols,
    parent && ['', `  @ManyToOne(() => ${parent.pascal}, { onDelete: 'CASCADE' })`, `  @JoinColumn({ name: '${parent.snake}_id' })`, `  ${parent.camel}!: ${parent.pascal};`],
    '',
    "  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })",
    '  createdAt!: Date;',
    '',
    "  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })",
    '  updatedAt!: Date;',
    entityMethods(res, rng, units),
    '}',
  ]);
}

function renderDto(res: Resource, rng: Rng, units: number): string {
  const props = res.fields.flatMap((f) => ['', ...validatorDecorators(f).map((d) => `  ${d}`), `  ${snakeToCamel(f.name)}${f.nullable ? '?' : '!'}: ${tsDtoType(f)};`]);
  const filters = rng.sample(res.fields.filter((f) => f.kind !== 'json'), units).flatMap((f) => [
    '', '  @IsOptional()', ...validatorDecorators({ ...f, nullable: false }).map((d) => `  ${d}`), `  ${snakeToCamel(f.name)}?: ${tsDtoType(f)};`,
  ]);
  const P = res.pascal;
  return lines([
    "import { PartialType } from '@nestjs/mapped-types';",
    "import { Type } from 'class-transformer';",
    'import {',
    '  IsBoolean, IsDateString, IsEmail, IsIn, IsInt, IsNumberString, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min,',
    "} from 'class-validator';",
    `import type { ${P} } from '../entities/${res.kebab}.entity';`,
    '',
    `export class Create${P}Dto {`,
    props.slice(1),
    res.parent && ['', '  @IsInt()', `  ${res.parent.camel}Id!: number;`],
    '}',
    '',
    `export class Update${P}Dto extends PartialType(Create${P}Dto) {}`,
    '',
    `export class ${P}QueryDto {`,
    '  @IsOptional()',
    '  @Type(() => Number)',
    '  @IsInt()',
    '  @Min(1)',
    '  page?: number;',
    '',
    '  @IsOptional()',
    '  @Type(() => Number)',
    '  @IsInt()',
    '  @Min(1)',
    `  @Max(${rng.pick([100, 200, 500])})`,
    '  size?: number;',
    filters,
    '}',
    '',
    `export interface ${P}Page {`,
    `  items: ${P}[];`,
    '  total: number;',
    '  page: number;',
    '  size: number;',
    '}',
  ]);
}

function plan(path: string, units: number, render: (rng: Rng, units: number) => string): FilePlan {
  return { path, units, render };
}

export const typescriptPack: LanguagePack = {
  fixed: typescriptFixed,
  final: typescriptFinal,
  perResource(rng, res, all) {
    const k = res.kebab;
    const big = rng.chance(0.04);
    const plans: FilePlan[] = [
      plan(`src/entities/${k}.entity.ts`, rng.int(3, 9), (r, u) => renderEntity(res, r, u)),
      plan(`src/dto/${k}.dto.ts`, rng.int(1, 4), (r, u) => renderDto(res, r, u)),
      plan(`src/services/${k}.service.ts`, big ? rng.int(24, 36) : rng.int(6, 18), (r, u) => renderService(res, r, u)),
      plan(`src/controllers/${k}.controller.ts`, rng.int(3, 10), (r, u) => renderController(res, r, u)),
      plan(`src/routes/${k}.routes.ts`, big ? rng.int(16, 24) : rng.int(4, 14), (r, u) => renderRouter(res, r, u)),
    ];
    if (rng.chance(0.75)) plans.push(plan(`test/${k}.test.ts`, rng.int(6, 16), (r, u) => renderTsTests(res, r, u)));
    plans.push(plan(`src/migrations/${1700000000000 + all.length * 86_400_000}-Create${res.pascal}.ts`, 1, () => renderMigration(res, all.length)));
    return plans;
  },
};

/**
 * NestJS service classes over a TypeORM repository, plus outbound calls with fetch and axios. As in
 * the Python pack, some calls have no timeout, some errors are swallowed and some paths log with
 * console.*, at seeded rates.
 */
import { indent, lines, snakeToCamel, VENDORS, type Resource, type Rng } from './common.js';

interface MethodCtx {
  res: Resource;
  name: string;
  vendorKey: string;
  prop: string;
  rng: Rng;
}

type Variant = (ctx: MethodCtx) => string[];

const fetchNoTimeout: Variant = ({ res, name, vendorKey, prop, rng }) => [
  `async ${name}(reference: string): Promise<Record<string, unknown> | null> {`,
  `  const res = await fetch(\`\${config.vendors.${vendorKey}.url}/${rng.pick(['lookup', 'search', 'records'])}/\${encodeURIComponent(reference)}\`, {`,
  `    headers: { 'x-api-key': config.vendors.${vendorKey}.apiKey },`,
  '  });',
  '  if (!res.ok) {',
  rng.chance(0.6) ? `    console.log('${res.snake} ${prop} lookup failed', res.status);` : `    this.logger.warn(\`${name} failed: \${res.status}\`);`,
  '    return null;',
  '  }',
  '  return (await res.json()) as Record<string, unknown>;',
  '}',
];

const fetchWithTimeout: Variant = ({ res, name, vendorKey, rng }) => [
  `async ${name}(id: number): Promise<void> {`,
  '  const row = await this.findOne(id);',
  `  const res = await fetch(\`\${config.vendors.${vendorKey}.url}/v${rng.int(1, 3)}/${res.kebabPlural}/\${row.id}\`, {`,
  "    method: 'POST',",
  "    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.vendors." + vendorKey + '.apiKey}` },',
  `    body: JSON.stringify({ id: row.id, kind: '${res.snake}' }),`,
  `    signal: AbortSignal.timeout(${rng.pick([2000, 5000, 10000])}),`,
  '  });',
  `  if (!res.ok) throw new Error(\`${name} failed with \${res.status}\`);`,
  '}',
];

const axiosTimeout: Variant = ({ res, name, vendorKey, prop, rng }) => [
  `async ${name}(id: number): Promise<unknown> {`,
  '  const row = await this.findOne(id);',
  '  const { data } = await axios.post(',
  `    \`\${config.vendors.${vendorKey}.url}/${res.kebabPlural}\`,`,
  `    { id: row.id, ${prop}: row.${prop} },`,
  `    { timeout: ${rng.pick([3000, 8000, 15000])}, headers: { authorization: \`Bearer \${config.vendors.${vendorKey}.apiKey}\` } },`,
  '  );',
  `  this.logger.log(\`${name} ok for \${id}\`);`,
  '  return data;',
  '}',
];

const axiosSwallowed: Variant = ({ res, name, vendorKey }) => [
  `async ${name}(id: number, message: string): Promise<boolean> {`,
  '  try {',
  `    await axios.post(\`\${config.vendors.${vendorKey}.url}/notify\`, { id, message });`,
  '    return true;',
  '  } catch (err) {',
  `    // Best effort: a failed ${res.snake} notice must not fail the request.`,
  '    return false;',
  '  }',
  '}',
];

const retrying: Variant = ({ res, name, vendorKey, rng }) => [
  `async ${name}(id: number): Promise<void> {`,
  '  const row = await this.findOne(id);',
  `  for (let attempt = 0; attempt < ${rng.int(3, 5)}; attempt++) {`,
  '    try {',
  `      await httpClient.put(\`/${vendorKey}/${res.kebabPlural}/\${row.id}\`, { id: row.id });`,
  '      return;',
  '    } catch (err) {',
  `      this.logger.warn(\`${name} attempt \${attempt} failed: \${(err as Error).message}\`);`,
  '      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 250));',
  '    }',
  '  }',
  `  throw new Error(\`${name} gave up for \${id}\`);`,
  '}',
];

const aggregate: Variant = ({ res, name, prop }) => [
  `async ${name}(): Promise<Record<string, number>> {`,
  `  const rows: Array<{ key: string; count: string }> = await this.repo`,
  `    .createQueryBuilder('${res.camel}')`,
  `    .select('${res.camel}.${prop}', 'key')`,
  "    .addSelect('COUNT(*)', 'count')",
  `    .groupBy('${res.camel}.${prop}')`,
  '    .getRawMany();',
  '  const counts: Record<string, number> = {};',
  '  for (const row of rows) counts[String(row.key)] = Number(row.count);',
  '  return counts;',
  '}',
];

const exportCsv: Variant = ({ res, name, prop, rng }) => [
  `async ${name}(limit = ${rng.pick([1000, 5000, 20000])}): Promise<string> {`,
  "  const rows = await this.repo.find({ take: limit, order: { id: 'ASC' } });",
  `  const header = 'id,${prop},createdAt';`,
  `  const body = rows.map((r) => [r.id, r.${prop} ?? '', r.createdAt.toISOString()].join(','));`,
  rng.chance(0.4) ? `  console.info('exported', rows.length, '${res.snakePlural}');` : `  this.logger.log(\`exported \${rows.length} ${res.snakePlural}\`);`,
  "  return [header, ...body].join('\\n');",
  '}',
];

const VARIANTS: ReadonlyArray<[string, Variant]> = [
  ['lookupIn', fetchNoTimeout], ['pushTo', fetchWithTimeout], ['syncWith', axiosTimeout], ['notify', axiosSwallowed],
  ['replicateTo', retrying], ['countBy', aggregate], ['exportBy', exportCsv],
];

function extraMethods(res: Resource, rng: Rng, units: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const [i, [verb, variant]] of rng.cycle(VARIANTS, units).entries()) {
    const vendorKey = snakeToCamel(rng.pick(VENDORS).replace(/-/g, '_'));
    const prop = snakeToCamel(rng.pick(res.fields).name);
    const target = verb === 'countBy' || verb === 'exportBy' ? prop : vendorKey;
    let name = verb + target[0].toUpperCase() + target.slice(1);
    if (used.has(name)) name += i;
    used.add(name);
    out.push('', ...indent(variant({ res, name, vendorKey, prop, rng }), 2));
  }
  return out;
}

export function renderService(res: Resource, rng: Rng, units: number): string {
  const P = res.pascal;
  const k = res.kebab;
  return lines([
    "import { Injectable, Logger, NotFoundException } from '@nestjs/common';",
    "import { InjectRepository } from '@nestjs/typeorm';",
    "import axios from 'axios';",
    "import type { DeepPartial, Repository } from 'typeorm';",
    "import { config } from '../config';",
    `import type { Create${P}Dto, ${P}QueryDto, Update${P}Dto } from '../dto/${k}.dto';`,
    `import { ${P} } from '../entities/${k}.entity';`,
    "import { httpClient } from '../lib/http-client';",
    '',
    '@Injectable()',
    `export class ${P}Service {`,
    `  private readonly logger = new Logger(${P}Service.name);`,
    '',
    `  constructor(@InjectRepository(${P}) private readonly repo: Repository<${P}>) {}`,
    '',
    `  async findAll(query: ${P}QueryDto): Promise<{ items: ${P}[]; total: number }> {`,
    '    const page = query.page ?? 1;',
    `    const size = query.size ?? ${rng.pick([20, 25, 50])};`,
    "    const [items, total] = await this.repo.findAndCount({ skip: (page - 1) * size, take: size, order: { id: 'DESC' } });",
    '    return { items, total };',
    '  }',
    '',
    `  async findOne(id: number): Promise<${P}> {`,
    '    const row = await this.repo.findOne({ where: { id } });',
    `    if (!row) throw new NotFoundException(\`${res.snake} \${id} not found\`);`,
    '    return row;',
    '  }',
    '',
    `  async create(dto: Create${P}Dto): Promise<${P}> {`,
    `    const row = this.repo.create(dto as DeepPartial<${P}>);`,
    rng.chance(0.3) ? `    console.log('creating ${res.snake}', dto);` : `    this.logger.debug('creating ${res.snake}');`,
    '    return this.repo.save(row);',
    '  }',
    '',
    `  async update(id: number, dto: Update${P}Dto): Promise<${P}> {`,
    '    const row = await this.findOne(id);',
    '    Object.assign(row, dto);',
    '    return this.repo.save(row);',
    '  }',
    '',
    '  async remove(id: number): Promise<void> {',
    '    const row = await this.findOne(id);',
    '    await this.repo.remove(row);',
    '  }',
    extraMethods(res, rng, units),
    '}',
  ]);
}

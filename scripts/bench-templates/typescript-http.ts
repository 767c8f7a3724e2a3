/**
 * The HTTP layer of a generated TypeScript resource: a decorated NestJS controller and an Express
 * router. Some Express handlers lack try/catch or the auth middleware, and some log with console.*,
 * at seeded rates, because real codebases do.
 */
import { indent, lines, STATUSES, type Resource, type Rng } from './common.js';


/** Hands out each URL path once per file: two handlers on one path would shadow each other. */
function pathAllocator(): (p: string) => string {
  const used = new Set<string>();
  return (p) => {
    let unique = p;
    for (let n = 2; used.has(unique); n++) unique = `${p}-v${n}`;
    used.add(unique);
    return unique;
  };
}

type ControllerExtra = (res: Resource, rng: Rng, name: string, path: (p: string) => string) => string[];

const ctlSearch: ControllerExtra = (_res, rng, name, path) => [
  `@Get('${path(`search/${rng.pick(['quick', 'full', 'suggest'])}`)}')`,
  `async ${name}(@Query('q') q: string, @Query('limit') limit = '${rng.int(10, 50)}') {`,
  '  const { items } = await this.service.findAll({ size: Number(limit) });',
  '  const needle = (q ?? \'\').toLowerCase();',
  '  return items.filter((item) => JSON.stringify(item).toLowerCase().includes(needle));',
  '}',
];

const ctlTransition: ControllerExtra = (res, rng, name, path) => {
  const status = rng.pick(STATUSES);
  return [
    `@Post('${path(`:id/${status}`)}')`,
    '@HttpCode(200)',
    `async ${name}(@Param('id', ParseIntPipe) id: number) {`,
    '  const row = await this.service.findOne(id);',
    rng.chance(0.3) ? `  console.log('${res.snake}', id, '-> ${status}');` : `  this.logger.log(\`${res.snake} \${id} -> ${status}\`);`,
    '  return this.service.update(id, {});',
    '}',
  ];
};

const ctlStats: ControllerExtra = (_res, rng, name, path) => [
  `@Get('${path(`stats/${rng.pick(['daily', 'weekly', 'summary'])}`)}')`,
  `async ${name}() {`,
  `  const { items, total } = await this.service.findAll({ size: ${rng.pick([100, 500])} });`,
  '  const newest = items.reduce<Date | null>((max, i) => (max && max > i.createdAt ? max : i.createdAt), null);',
  '  return { total, sampled: items.length, newest };',
  '}',
];

const ctlHistory: ControllerExtra = (_res, rng, name, path) => [
  `@Get('${path(`:id/${rng.pick(['history', 'events', 'notes', 'audit'])}`)}')`,
  `async ${name}(@Param('id', ParseIntPipe) id: number) {`,
  '  const row = await this.service.findOne(id);',
  '  return [{ id: row.id, at: row.updatedAt }];',
  '}',
];

const CONTROLLER_EXTRAS: ReadonlyArray<[string, ControllerExtra]> = [
  ['search', ctlSearch], ['transition', ctlTransition], ['stats', ctlStats], ['history', ctlHistory],
];

export function renderController(res: Resource, rng: Rng, units: number): string {
  const P = res.pascal;
  const path = pathAllocator();
  const extras = rng.cycle(CONTROLLER_EXTRAS, units).flatMap(([verb, fn], i) => ['', ...indent(fn(res, rng, `${verb}${i}`, path), 2)]);
  return lines([
    "import { Body, Controller, Delete, Get, HttpCode, Logger, Param, ParseIntPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';",
    `import { Create${P}Dto, ${P}QueryDto, Update${P}Dto } from '../dto/${res.kebab}.dto';`,
    "import { AuthGuard } from '../middleware/auth';",
    `import { ${P}Service } from '../services/${res.kebab}.service';`,
    '',
    `@Controller('${res.kebabPlural}')`,
    rng.chance(0.85) && '@UseGuards(AuthGuard)',
    `export class ${P}Controller {`,
    `  private readonly logger = new Logger(${P}Controller.name);`,
    '',
    `  constructor(private readonly service: ${P}Service) {}`,
    extras,
    '',
    '  @Get()',
    `  async findAll(@Query() query: ${P}QueryDto) {`,
    '    const { items, total } = await this.service.findAll(query);',
    '    return { items, total, page: query.page ?? 1, size: query.size ?? items.length };',
    '  }',
    '',
    "  @Get(':id')",
    "  findOne(@Param('id', ParseIntPipe) id: number) {",
    '    return this.service.findOne(id);',
    '  }',
    '',
    '  @Post()',
    `  create(@Body() dto: Create${P}Dto) {`,
    '    return this.service.create(dto);',
    '  }',
    '',
    "  @Patch(':id')",
    `  update(@Param('id', ParseIntPipe) id: number, @Body() dto: Update${P}Dto) {`,
    '    return this.service.update(id, dto);',
    '  }',
    '',
    "  @Delete(':id')",
    '  @HttpCode(204)',
    "  remove(@Param('id', ParseIntPipe) id: number) {",
    '    return this.service.remove(id);',
    '  }',
    '}',
  ]);
}

/** One Express handler; `guarded` adds try/catch, otherwise a rejected promise escapes (Express 4). */
function handler(router: string, method: string, path: string, auth: boolean, guarded: boolean, body: string[]): string[] {
  const mw = auth ? 'requireAuth, ' : '';
  const inner = guarded ? ['try {', ...indent(body, 2), '} catch (err) {', '  next(err);', '}'] : body;
  return ['', `${router}.${method}('${path}', ${mw}async (req: Request, res: Response, next: NextFunction) => {`, ...indent(inner, 2), '});'];
}

type RouteExtra = (res: Resource, rng: Rng, router: string, path: (p: string) => string) => string[];

const rtExport: RouteExtra = (_res, rng, router, path) => handler(router, 'get', path('/export'), rng.chance(0.8), rng.chance(0.7), [
  `const { items } = await service.findAll({ size: ${rng.pick([1000, 5000, 10000])} });`,
  "const csv = items.map((i) => [i.id, i.createdAt.toISOString()].join(',')).join('\\n');",
  "res.type('text/csv').send(csv);",
]);

const rtBulk: RouteExtra = (_res, rng, router, path) => handler(router, 'post', path('/bulk'), true, rng.chance(0.7), [
  "const rows = Array.isArray(req.body) ? req.body : [];",
  rng.chance(0.4) ? "console.log('bulk import', rows.length);" : "req.log?.info({ count: rows.length }, 'bulk import');",
  'const created = await Promise.all(rows.map((row: unknown) => service.create(row as never)));',
  'res.status(201).json({ created: created.length });',
]);

const rtAction: RouteExtra = (_res, rng, router, path) => {
  const status = rng.pick(STATUSES);
  return handler(router, 'post', path(`/:id/${status}`), rng.chance(0.9), rng.chance(0.7), [
    'const id = Number(req.params.id);',
    'const row = await service.update(id, {});',
    `res.json({ ...row, transition: '${status}' });`,
  ]);
};

const rtWebhook: RouteExtra = (_res, rng, router, path) => handler(router, 'post', path(`/webhooks/${rng.pick(['partner', 'payment', 'sync'])}`), false, rng.chance(0.5), [
  "const signature = req.header('x-signature');",
  'if (!signature) {',
  "  res.status(400).json({ error: 'missing signature' });",
  '  return;',
  '}',
  rng.chance(0.5) ? "console.error('webhook received', req.body);" : "req.log?.info('webhook received');",
  'res.status(202).end();',
]);

const ROUTE_EXTRAS: readonly RouteExtra[] = [rtExport, rtBulk, rtAction, rtWebhook];

export function renderRouter(res: Resource, rng: Rng, units: number): string {
  const P = res.pascal;
  const r = `${res.camel}Router`;
  const path = pathAllocator();
  const g = (): boolean => rng.chance(0.8);
  return lines([
    "import { Router, type NextFunction, type Request, type Response } from 'express';",
    "import { dataSource } from '../db/data-source';",
    `import { ${P} } from '../entities/${res.kebab}.entity';`,
    "import { requireAuth } from '../middleware/auth';",
    "import { rateLimit } from '../middleware/rate-limit';",
    `import { ${P}Service } from '../services/${res.kebab}.service';`,
    '',
    `const service = new ${P}Service(dataSource.getRepository(${P}));`,
    '',
    `export const ${r} = Router();`,
    `${r}.use(rateLimit({ windowMs: 60_000, max: ${rng.pick([60, 120, 300, 600])} }));`,
    rng.cycle(ROUTE_EXTRAS, units).flatMap((fn) => fn(res, rng, r, path)),
    handler(r, 'get', '/', true, g(), [
      'const page = Number(req.query.page ?? 1);',
      `const size = Number(req.query.size ?? ${rng.pick([20, 25, 50])});`,
      'res.json(await service.findAll({ page, size }));',
    ]),
    handler(r, 'get', '/:id', rng.chance(0.9), g(), ['res.json(await service.findOne(Number(req.params.id)));']),
    handler(r, 'post', '/', true, g(), ['const row = await service.create(req.body);', 'res.status(201).json(row);']),
    handler(r, 'patch', '/:id', true, g(), ['res.json(await service.update(Number(req.params.id), req.body));']),
    handler(r, 'delete', '/:id', true, g(), ['await service.remove(Number(req.params.id));', 'res.status(204).end();']),
  ]);
}

/**
 * Once-per-service TypeScript files (manifests, config, middleware, bootstrap) and the files
 * listing every resource (Nest module, Express router index).
 */
import { lines, snakeToCamel, VENDORS, type FilePlan, type Resource, type Rng } from './common.js';

function fixedPlan(path: string, text: string): FilePlan {
  return { path, units: 1, render: () => text };
}


function packageJson(rng: Rng): string {
  const manifest = {
    name: `${rng.pick(['orders', 'billing', 'platform', 'backoffice', 'fulfilment'])}-api`,
    version: `1.${rng.int(0, 30)}.${rng.int(0, 9)}`,
    private: true,
    scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js', dev: 'tsx watch src/main.ts', test: 'vitest run', 'migration:run': 'typeorm migration:run -d dist/db/data-source.js' },
    dependencies: {
      '@nestjs/common': '^10.3.0', '@nestjs/core': '^10.3.0', '@nestjs/mapped-types': '^2.0.5', '@nestjs/platform-express': '^10.3.0',
      '@nestjs/typeorm': '^10.0.2', axios: `^1.${rng.int(5, 7)}.0`, 'class-transformer': '^0.5.1', 'class-validator': '^0.14.1',
      dotenv: '^16.4.5', express: '^4.19.2', helmet: '^7.1.0', jsonwebtoken: '^9.0.2', pg: '^8.11.5', pino: '^9.2.0',
      'reflect-metadata': '^0.2.2', typeorm: '^0.3.20',
    },
    devDependencies: { '@types/express': '^4.17.21', '@types/jsonwebtoken': '^9.0.6', '@types/node': '^20.14.0', '@types/supertest': '^6.0.2', supertest: '^7.0.0', tsx: '^4.15.0', typescript: '^5.5.0', vitest: '^1.6.0' },
    engines: { node: '>=20' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify({
  compilerOptions: {
    target: 'ES2021', module: 'commonjs', outDir: 'dist', rootDir: 'src', strict: true, esModuleInterop: true,
    experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true, strictPropertyInitialization: false,
  },
  include: ['src'],
}, null, 2)}\n`;

function dockerfile(rng: Rng): string {
  return lines([
    'FROM node:20-alpine AS build',
    'WORKDIR /app',
    'COPY package*.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build',
    '',
    'FROM node:20-alpine',
    'WORKDIR /app',
    'ENV NODE_ENV=production',
    'COPY --from=build /app/package*.json ./',
    'RUN npm ci --omit=dev',
    'COPY --from=build /app/dist ./dist',
    rng.chance(0.5) && 'USER node',
    'EXPOSE 3000',
    'CMD ["node", "dist/main.js"]',
  ]);
}

function vendorEnv(v: string): string {
  return v.replace(/-/g, '_').toUpperCase();
}

function config(rng: Rng): string {
  return lines([
    "import 'dotenv/config';",
    '',
    'function env(name: string, fallback?: string): string {',
    '  const value = process.env[name] ?? fallback;',
    "  if (value === undefined) throw new Error(`missing env var ${name}`);",
    '  return value;',
    '}',
    '',
    'export const config = {',
    "  port: Number(process.env.PORT ?? 3000),",
    "  databaseUrl: env('DATABASE_URL', 'postgres://app:app@localhost:5432/app'),",
    `  jwtSecret: env('JWT_SECRET'${rng.chance(0.5) ? ", 'dev-secret'" : ''}),`,
    `  httpTimeoutMs: Number(process.env.HTTP_TIMEOUT_MS ?? ${rng.pick([3000, 5000, 10000])}),`,
    "  corsOrigin: process.env.CORS_ORIGIN ?? '*',",
    '  vendors: {',
    ...VENDORS.map((v) => `    ${snakeToCamel(v.replace(/-/g, '_'))}: { url: env('${vendorEnv(v)}_URL', 'https://${v}.example.com'), apiKey: process.env.${vendorEnv(v)}_API_KEY ?? '' },`),
    '  },',
    '};',
  ]);
}

const LOGGER = lines([
  "import pino from 'pino';",
  '',
  "export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });",
]);

const HTTP_CLIENT = lines([
  "import axios from 'axios';",
  "import { config } from '../config';",
  '',
  '// One shared instance so every outbound call gets the same timeout and user agent.',
  'export const httpClient = axios.create({',
  '  timeout: config.httpTimeoutMs,',
  "  headers: { 'user-agent': 'backend/1.0' },",
  '});',
]);

const DATA_SOURCE = lines([
  "import 'reflect-metadata';",
  "import { DataSource } from 'typeorm';",
  "import { config } from '../config';",
  '',
  'export const dataSource = new DataSource({',
  "  type: 'postgres',",
  '  url: config.databaseUrl,',
  "  entities: [__dirname + '/../entities/*.entity.{ts,js}'],",
  "  migrations: [__dirname + '/../migrations/*.{ts,js}'],",
  '  synchronize: false,',
  '});',
]);

const AUTH = lines([
  "import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';",
  "import type { NextFunction, Request, Response } from 'express';",
  "import jwt from 'jsonwebtoken';",
  "import { config } from '../config';",
  '',
  'function verify(header: string | undefined): jwt.JwtPayload | null {',
  "  if (!header?.startsWith('Bearer ')) return null;",
  '  try {',
  '    const claims = jwt.verify(header.slice(7), config.jwtSecret);',
  "    return typeof claims === 'string' ? null : claims;",
  '  } catch {',
  '    return null;',
  '  }',
  '}',
  '',
  'export function requireAuth(req: Request, res: Response, next: NextFunction): void {',
  '  const claims = verify(req.headers.authorization);',
  '  if (!claims) {',
  "    res.status(401).json({ error: 'unauthorized' });",
  '    return;',
  '  }',
  '  res.locals.user = claims;',
  '  next();',
  '}',
  '',
  '@Injectable()',
  'export class AuthGuard implements CanActivate {',
  '  canActivate(context: ExecutionContext): boolean {',
  '    const req = context.switchToHttp().getRequest<Request>();',
  '    if (!verify(req.headers.authorization)) throw new UnauthorizedException();',
  '    return true;',
  '  }',
  '}',
]);

const ERROR_HANDLER = lines([
  "import type { NextFunction, Request, Response } from 'express';",
  "import { logger } from '../lib/logger';",
  '',
  'export function errorHandler(err: Error & { status?: number }, req: Request, res: Response, _next: NextFunction): void {',
  '  const status = err.status ?? 500;',
  '  if (status >= 500) logger.error({ err, path: req.path }, "unhandled error");',
  "  res.status(status).json({ error: status >= 500 ? 'internal error' : err.message });",
  '}',
]);

const REQUEST_LOGGER = lines([
  "import type { NextFunction, Request, Response } from 'express';",
  "import { logger } from '../lib/logger';",
  '',
  'export function requestLogger(req: Request, res: Response, next: NextFunction): void {',
  '  const started = process.hrtime.bigint();',
  "  res.on('finish', () => {",
  '    const ms = Number(process.hrtime.bigint() - started) / 1e6;',
  "    logger.info({ method: req.method, path: req.path, status: res.statusCode, ms }, 'request');",
  '  });',
  '  next();',
  '}',
]);

const RATE_LIMIT = lines([
  "import type { NextFunction, Request, Response } from 'express';",
  '',
  '// In-memory fixed window: good enough for one instance, not shared across replicas.',
  'export function rateLimit(opts: { windowMs: number; max: number }) {',
  '  const hits = new Map<string, { count: number; resetAt: number }>();',
  '  return (req: Request, res: Response, next: NextFunction): void => {',
  "    const key = req.ip ?? 'unknown';",
  '    const now = Date.now();',
  '    const entry = hits.get(key);',
  '    if (!entry || entry.resetAt < now) {',
  '      hits.set(key, { count: 1, resetAt: now + opts.windowMs });',
  '      next();',
  '      return;',
  '    }',
  '    entry.count += 1;',
  '    if (entry.count > opts.max) {',
  "      res.status(429).json({ error: 'too many requests' });",
  '      return;',
  '    }',
  '    next();',
  '  };',
  '}',
]);

const VALIDATE = lines([
  "import { plainToInstance } from 'class-transformer';",
  "import { validate } from 'class-validator';",
  "import type { NextFunction, Request, Response } from 'express';",
  '',
  'export function validateBody<T extends object>(cls: new () => T) {',
  '  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {',
  '    const errors = await validate(plainToInstance(cls, req.body));',
  '    if (errors.length > 0) {',
  "      res.status(400).json({ error: 'validation failed', details: errors.map((e) => e.property) });",
  '      return;',
  '    }',
  '    next();',
  '  };',
  '}',
]);

const MAIN = lines([
  "import 'reflect-metadata';",
  "import { ValidationPipe } from '@nestjs/common';",
  "import { NestFactory } from '@nestjs/core';",
  "import helmet from 'helmet';",
  "import { AppModule } from './app.module';",
  "import { config } from './config';",
  "import { dataSource } from './db/data-source';",
  "import { errorHandler } from './middleware/error-handler';",
  "import { requestLogger } from './middleware/request-logger';",
  "import { apiRouter } from './routes';",
  '',
  'async function bootstrap(): Promise<void> {',
  '  await dataSource.initialize();',
  '  const app = await NestFactory.create(AppModule);',
  '  app.use(helmet());',
  '  app.use(requestLogger);',
  '  app.enableCors({ origin: config.corsOrigin });',
  '  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));',
  "  app.use('/api', apiRouter);",
  '  app.use(errorHandler);',
  '  await app.listen(config.port);',
  '  console.log(`listening on ${config.port}`);',
  '}',
  '',
  'void bootstrap();',
]);

const TEST_HELPERS = lines([
  "import type { INestApplication } from '@nestjs/common';",
  "import { Test } from '@nestjs/testing';",
  "import jwt from 'jsonwebtoken';",
  "import { AppModule } from '../src/app.module';",
  "import { apiRouter } from '../src/routes';",
  '',
  'export async function createTestApp(): Promise<ReturnType<INestApplication["getHttpServer"]>> {',
  '  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();',
  '  const app = moduleRef.createNestApplication();',
  "  app.use('/api', apiRouter);",
  '  await app.init();',
  '  return app.getHttpServer();',
  '}',
  '',
  'export function authHeader(): Record<string, string> {',
  "  const token = jwt.sign({ sub: '1', email: 'tester@example.com' }, process.env.JWT_SECRET ?? 'test-secret');",
  '  return { authorization: `Bearer ${token}` };',
  '}',
]);

export function typescriptFixed(rng: Rng): FilePlan[] {
  return [
    fixedPlan('package.json', packageJson(rng)),
    fixedPlan('tsconfig.json', TSCONFIG),
    fixedPlan('Dockerfile', dockerfile(rng)),
    fixedPlan('.dockerignore', lines(['node_modules', 'dist', '.env'])),
    fixedPlan('.gitignore', lines(['node_modules/', 'dist/', '.env', 'coverage/'])),
    fixedPlan('.env.example', lines(['PORT=3000', 'DATABASE_URL=postgres://app:app@localhost:5432/app', 'JWT_SECRET=', ...VENDORS.flatMap((v) => [`${vendorEnv(v)}_URL=https://${v}.example.com`, `${vendorEnv(v)}_API_KEY=`])])),
    fixedPlan('src/config/index.ts', config(rng)),
    fixedPlan('src/lib/logger.ts', LOGGER),
    fixedPlan('src/lib/http-client.ts', HTTP_CLIENT),
    fixedPlan('src/db/data-source.ts', DATA_SOURCE),
    fixedPlan('src/middleware/auth.ts', AUTH),
    fixedPlan('src/middleware/error-handler.ts', ERROR_HANDLER),
    fixedPlan('src/middleware/request-logger.ts', REQUEST_LOGGER),
    fixedPlan('src/middleware/rate-limit.ts', RATE_LIMIT),
    fixedPlan('src/middleware/validate.ts', VALIDATE),
    fixedPlan('src/main.ts', MAIN),
    fixedPlan('test/helpers.ts', TEST_HELPERS),
  ];
}

function appModule(resources: Resource[]): string {
  return lines([
    "import { Module } from '@nestjs/common';",
    "import { TypeOrmModule } from '@nestjs/typeorm';",
    ...resources.flatMap((r) => [
      `import { ${r.pascal}Controller } from './controllers/${r.kebab}.controller';`,
      `import { ${r.pascal} } from './entities/${r.kebab}.entity';`,
      `import { ${r.pascal}Service } from './services/${r.kebab}.service';`,
    ]),
    "import { dataSource } from './db/data-source';",
    '',
    '@Module({',
    '  imports: [',
    '    TypeOrmModule.forRoot(dataSource.options),',
    `    TypeOrmModule.forFeature([${resources.map((r) => r.pascal).join(', ')}]),`,
    '  ],',
    `  controllers: [${resources.map((r) => `${r.pascal}Controller`).join(', ')}],`,
    `  providers: [${resources.map((r) => `${r.pascal}Service`).join(', ')}],`,
    '})',
    'export class AppModule {}',
  ]);
}

function routesIndex(resources: Resource[]): string {
  return lines([
    "import { Router } from 'express';",
    ...resources.map((r) => `import { ${r.camel}Router } from './${r.kebab}.routes';`),
    '',
    'export const apiRouter = Router();',
    ...resources.map((r) => `apiRouter.use('/${r.kebabPlural}', ${r.camel}Router);`),
  ]);
}

export function typescriptFinal(resources: Resource[]): FilePlan[] {
  return [
    { path: 'src/app.module.ts', units: 1, render: () => appModule(resources) },
    { path: 'src/routes/index.ts', units: 1, render: () => routesIndex(resources) },
  ];
}

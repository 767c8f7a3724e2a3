/**
 * What the framework extractors hand to the route assembler: routes as registered, the app and
 * router objects they hang off, how routers are mounted on each other, middleware registered with
 * `use`, and app-wide rate limiters. The assembler (index.ts) joins prefixes, inherits auth and rate
 * limits down the mount chain, and analyses each handler.
 */
import type { Evidence } from '../../core/evidence.js';
import type { Framework } from '../fact-map.js';

export interface FnRef {
  file: string;
  fn: number;
}

export interface RawRoute {
  framework: Framework;
  method: string;
  path: string;
  file: string;
  /** The registration line: decorator, `app.get(...)` call, `path(...)` entry or route export. */
  line: number;
  handler: FnRef | null;
  /** Class-based views with no method for this verb (DRF generic views, viewsets). */
  viewClass?: { file: string; cls: number };
  /** Key of the app/router object the route is registered on, when known. */
  owner?: string;
  auth: Evidence | null;
  rateLimit: Evidence | null;
  /** The route opts out of an app-wide limiter (`@limiter.exempt`, `@SkipThrottle()`). */
  rateLimitExempt?: boolean;
  /** Functions that run with the route besides the handler (FastAPI dependencies). */
  entries: FnRef[];
  /** Marked public (`@Public()`): app-wide authentication guards do not apply. */
  publicRoute?: boolean;
  /** Django REST framework view: project-wide DRF throttles and pagination apply. */
  drf?: boolean;
  /** See Route.rendersOnly. */
  rendersOnly?: boolean;
}

export interface AppObject {
  /** `${file}#${name}` */
  key: string;
  file: string;
  line: number;
  framework: Framework;
  kind: 'app' | 'router';
  prefix: string;
  auth: Evidence | null;
  rateLimit: Evidence | null;
}

/** `app.use(mw)`, `router.use('/x', mw)`: middleware for what is registered after it on that object. */
export interface Use {
  owner: string;
  file: string;
  line: number;
  /** Path prefix the middleware is limited to; null for all paths. */
  path: string | null;
  auth: Evidence | null;
  rateLimit: Evidence | null;
}

/** `app.include_router(r, prefix=…)`, `app.use('/api', router)`, `fastify.register(plugin, { prefix })`. */
export interface Mount {
  child: string;
  parent: string;
  file: string;
  line: number;
  prefix: string;
  auth: Evidence | null;
  rateLimit: Evidence | null;
}

/** A limiter covering every route of a service (of one framework family, or DRF views only). */
export interface ServiceLimit {
  service: string;
  evidence: Evidence;
  detail: string;
  /** Only Django REST framework views are covered (DEFAULT_THROTTLE_CLASSES). */
  drfOnly?: boolean;
}

export interface Extraction {
  routes: RawRoute[];
  objects: Map<string, AppObject>;
  uses: Use[];
  mounts: Mount[];
  serviceLimits: ServiceLimit[];
  /** App-wide authentication (Nest APP_GUARD, DRF DEFAULT_PERMISSION_CLASSES) by service. */
  serviceAuth: { service: string; evidence: Evidence; drfOnly?: boolean }[];
  /** Project-wide DRF pagination (DEFAULT_PAGINATION_CLASS) by service. */
  drfPagination: { service: string; evidence: Evidence }[];
  /** Route-level rate-limit usages that are not on a route (a limited router, a Nest class). */
  limiterUsages: { evidence: Evidence; detail: string }[];
}

export function emptyExtraction(): Extraction {
  return { routes: [], objects: new Map(), uses: [], mounts: [], serviceLimits: [], serviceAuth: [], drfPagination: [], limiterUsages: [] };
}

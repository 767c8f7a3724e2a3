/**
 * FastAPI route modules: the five CRUD handlers every resource has, plus `units` extra endpoints
 * (search, export, actions, stats, sub-resources). Some handlers skip the auth dependency or print,
 * at seeded rates, because real services do and the audit must find them.
 */
import { lines, STATUSES, type Resource, type Rng } from './common.js';

function deps(rng: Rng, withAuth: boolean): string[] {
  return [
    '    db: AsyncSession = Depends(get_db),',
    withAuth && rng.chance(0.9) ? '    user: CurrentUser = Depends(get_current_user),' : '',
  ].filter(Boolean);
}

function crud(res: Resource, rng: Rng): string[] {
  const P = res.pascal;
  const svc = `${P}Service(db)`;
  const notFound = [`    except ${P}NotFound:`, `        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="${res.snake} not found")`];
  return [
    '',
    '',
    `@router.get("", response_model=${P}Page)`,
    `async def list_${res.snakePlural}(`,
    '    page: int = Query(1, ge=1),',
    `    size: int = Query(${rng.pick([20, 25, 50])}, ge=1, le=${rng.pick([100, 200, 500])}),`,
    `    filters: ${P}Filter = Depends(),`,
    ...deps(rng, true),
    `) -> ${P}Page:`,
    `    items, total = await ${svc}.list(filters, offset=(page - 1) * size, limit=size)`,
    `    return ${P}Page(items=items, total=total, page=page, size=size)`,
    '',
    '',
    `@router.get("/{item_id}", response_model=${P}Read)`,
    `async def get_${res.snake}(`,
    '    item_id: int,',
    ...deps(rng, true),
    `) -> ${P}Read:`,
    '    try:',
    `        return await ${svc}.get(item_id)`,
    ...notFound,
    '',
    '',
    `@router.post("", response_model=${P}Read, status_code=status.HTTP_201_CREATED)`,
    `async def create_${res.snake}(`,
    `    payload: ${P}Create,`,
    '    background: BackgroundTasks,',
    ...deps(rng, true),
    `) -> ${P}Read:`,
    rng.chance(0.25) ? '    print("create payload", payload)' : `    logger.info("create ${res.snake} requested")`,
    `    obj = await ${svc}.create(payload)`,
    `    background.add_task(logger.info, "${res.snake} %s created", obj.id)`,
    '    return obj',
    '',
    '',
    `@router.patch("/{item_id}", response_model=${P}Read)`,
    `async def update_${res.snake}(`,
    '    item_id: int,',
    `    payload: ${P}Update,`,
    ...deps(rng, true),
    `) -> ${P}Read:`,
    '    try:',
    `        return await ${svc}.update(item_id, payload)`,
    ...notFound,
    '',
    '',
    '@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)',
    `async def delete_${res.snake}(`,
    '    item_id: int,',
    ...deps(rng, true),
    ') -> None:',
    '    try:',
    `        await ${svc}.delete(item_id)`,
    ...notFound,
  ];
}

/** `path` makes a URL path unique within the module: two handlers on one path would shadow each other. */
type Extra = (res: Resource, rng: Rng, name: string, path: (p: string) => string) => string[];

const search: Extra = (res, rng, name, path) => [
  `@router.get("${path(`/search/${rng.pick(['by-text', 'quick', 'advanced', 'suggest'])}`)}")`,
  `async def ${name}(`,
  '    q: str = Query(..., min_length=2),',
  `    limit: int = Query(${rng.int(5, 50)}, le=100),`,
  ...deps(rng, rng.chance(0.7)),
  ') -> list[dict[str, Any]]:',
  `    rows, _ = await ${res.pascal}Service(db).list(limit=limit)`,
  '    needle = q.lower()',
  '    return [{"id": r.id, "match": str(r)} for r in rows if needle in str(r).lower()]',
];

const action: Extra = (res, rng, name, path) => {
  const target = rng.pick(STATUSES);
  return [
    `@router.post("${path(`/{item_id}/${target}`)}", response_model=${res.pascal}Read)`,
    `async def ${name}(`,
    '    item_id: int,',
    ...deps(rng, true),
    `) -> ${res.pascal}Read:`,
    `    service = ${res.pascal}Service(db)`,
    '    try:',
    '        obj = await service.get(item_id)',
    `    except ${res.pascal}NotFound:`,
    '        raise HTTPException(status_code=404, detail="not found")',
    `    logger.info("${res.snake} %s -> ${target}", item_id)`,
    `    return await service.update(item_id, ${res.pascal}Update())`,
  ];
};

const stats: Extra = (res, rng, name, path) => [
  `@router.get("${path(`/stats/${rng.pick(['daily', 'weekly', 'summary', 'overview'])}`)}")`,
  `async def ${name}(`,
  ...deps(rng, rng.chance(0.6)),
  ') -> dict[str, Any]:',
  `    items, total = await ${res.pascal}Service(db).list(limit=${rng.pick([500, 1000, 5000])})`,
  '    newest = max((i.created_at for i in items), default=None)',
  '    return {"total": total, "sampled": len(items), "newest": newest}',
];

const exportCsv: Extra = (res, rng, name, path) => [
  `@router.get("${path('/export.csv')}", response_class=PlainTextResponse)`,
  `async def ${name}(`,
  ...deps(rng, true),
  ') -> str:',
  `    items, _ = await ${res.pascal}Service(db).list(limit=${rng.pick([10000, 50000])})`,
  `    header = "id,${res.fields.slice(0, 3).map((f) => f.name).join(',')}"`,
  `    body = [",".join(str(getattr(i, c, "")) for c in ("id", ${res.fields.slice(0, 3).map((f) => `"${f.name}"`).join(', ')})) for i in items]`,
  '    return "\\n".join([header, *body])',
];

const child: Extra = (res, rng, name, path) => [
  `@router.get("${path(`/{item_id}/${rng.pick(['history', 'events', 'attachments', 'audit', 'notes'])}`)}")`,
  `async def ${name}(`,
  '    item_id: int,',
  '    limit: int = Query(50, le=500),',
  ...deps(rng, true),
  ') -> list[dict[str, Any]]:',
  `    obj = await ${res.pascal}Service(db).get(item_id)`,
  rng.chance(0.3) ? '    print(f"history requested for {obj.id}")' : '    logger.debug("history for %s", obj.id)',
  '    return [{"id": obj.id, "at": obj.updated_at, "limit": limit}]',
];

const EXTRAS: ReadonlyArray<[string, Extra]> = [
  ['search', search], ['transition', action], ['stats', stats], ['export', exportCsv], ['related', child],
];

function extras(res: Resource, rng: Rng, units: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  const path = (p: string): string => {
    let unique = p;
    for (let n = 2; used.has(unique); n++) unique = `${p}-v${n}`;
    used.add(unique);
    return unique;
  };
  for (const [i, [verb, fn]] of rng.cycle(EXTRAS, units).entries()) {
    out.push('', '', ...fn(res, rng, `${verb}_${res.snakePlural}_${i}`, path));
  }
  return out;
}

export function renderRoutes(res: Resource, rng: Rng, units: number): string {
  const P = res.pascal;
  return lines([
    `"""HTTP endpoints for ${res.snakePlural.replace(/_/g, ' ')}."""`,
    'from __future__ import annotations',
    '',
    'import logging',
    'from typing import Any',
    '',
    'from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, status',
    'from fastapi.responses import PlainTextResponse',
    'from sqlalchemy.ext.asyncio import AsyncSession',
    '',
    'from app.api.deps import CurrentUser, get_current_user, get_db',
    `from app.schemas.${res.snake} import ${P}Create, ${P}Filter, ${P}Page, ${P}Read, ${P}Update`,
    `from app.services.${res.snake}_service import ${P}NotFound, ${P}Service`,
    '',
    `router = APIRouter(prefix="/${res.kebabPlural}", tags=["${res.kebabPlural}"])`,
    'logger = logging.getLogger(__name__)',
    // Extra endpoints go first: FastAPI matches in order, so /search must precede /{item_id}.
    extras(res, rng, units),
    crud(res, rng),
  ]);
}

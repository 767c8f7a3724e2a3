/**
 * Extra methods of a generated Python service class. Each variant is a pattern real services have:
 * outbound HTTP with and without a timeout, retries, swallowed errors, aggregates, bulk imports.
 * Returned lines are already indented for a class body.
 */
import { indent, VENDORS, type Resource, type Rng } from './common.js';

type Variant = (ctx: MethodCtx) => string[];

interface MethodCtx {
  res: Resource;
  name: string;
  vendor: string;
  vendorConst: string;
  field: string;
  rng: Rng;
}

const asyncTimeout: Variant = ({ res, name, vendorConst, rng }) => [
  `async def ${name}(self, item_id: int) -> dict[str, Any]:`,
  '    obj = await self.get(item_id)',
  `    async with httpx.AsyncClient(timeout=${rng.pick(['5.0', '10.0', '15.0', 'settings.HTTP_TIMEOUT'])}) as client:`,
  '        response = await client.post(',
  `            f"{settings.${vendorConst}_URL}/v${rng.int(1, 3)}/${res.kebabPlural}/{obj.id}",`,
  `            json={"id": obj.id, "kind": "${res.snake}"},`,
  `            headers={"Authorization": f"Bearer {settings.${vendorConst}_API_KEY}"},`,
  '        )',
  '        response.raise_for_status()',
  `    logger.info("${name} ok for %s", item_id)`,
  '    return response.json()',
];

const syncNoTimeout: Variant = ({ res, name, vendorConst, field, rng }) => [
  `def ${name}(self, reference: str) -> dict[str, Any]:`,
  `    url = f"{settings.${vendorConst}_URL}/${rng.pick(['lookup', 'search', 'resolve', 'records'])}/{reference}"`,
  `    resp = requests.${rng.pick(['get', 'get', 'post'])}(url, headers={"X-Api-Key": settings.${vendorConst}_API_KEY})`,
  '    if resp.status_code != 200:',
  rng.chance(0.6) ? `        print(f"${res.snake} ${field} lookup failed: {resp.status_code}")` : `        logger.error("${res.snake} lookup failed: %s", resp.text)`,
  '        return {}',
  '    data = resp.json()',
  `    return {"${field}": data.get("${field}"), "raw": data}`,
];

const swallowed: Variant = ({ res, name, vendorConst }) => [
  `async def ${name}(self, item_id: int, message: str) -> bool:`,
  '    try:',
  '        obj = await self.get(item_id)',
  '        async with httpx.AsyncClient() as client:',
  `            await client.post(f"{settings.${vendorConst}_URL}/notify", json={"id": obj.id, "message": message})`,
  '        return True',
  '    except Exception:',
  `        # Notifications are best effort: a failed ${res.snake} notice must not fail the request.`,
  '        pass',
  '    return False',
];

const retrying: Variant = ({ res, name, vendorConst, rng }) => [
  `async def ${name}(self, item_id: int) -> None:`,
  '    obj = await self.get(item_id)',
  `    for attempt in range(${rng.int(3, 5)}):`,
  '        try:',
  `            async with httpx.AsyncClient(timeout=${rng.int(3, 20)}) as client:`,
  `                resp = await client.put(f"{settings.${vendorConst}_URL}/${res.kebabPlural}/{obj.id}", json={"id": obj.id})`,
  '                resp.raise_for_status()',
  '                return',
  '        except httpx.HTTPError as exc:',
  `            logger.warning("${name} attempt %s failed: %s", attempt, exc)`,
  '            await asyncio.sleep(2 ** attempt)',
  `    raise RuntimeError(f"${name} gave up for {item_id}")`,
];

const aggregate: Variant = ({ res, name, field }) => [
  `async def ${name}(self) -> dict[str, int]:`,
  `    stmt = select(${res.pascal}.${field}, func.count()).group_by(${res.pascal}.${field})`,
  '    result = await self.db.execute(stmt)',
  '    counts: dict[str, int] = {}',
  '    for key, count in result.all():',
  '        counts[str(key)] = int(count)',
  `    logger.debug("${name}: %d groups", len(counts))`,
  '    return counts',
];

const bulkImport: Variant = ({ res, name, rng }) => [
  `async def ${name}(self, rows: list[dict[str, Any]]) -> int:`,
  '    created = 0',
  '    for row in rows:',
  '        try:',
  `            self.db.add(${res.pascal}(**row))`,
  '            created += 1',
  '        except TypeError as exc:',
  rng.chance(0.5) ? '            print("skipping bad row", row, exc)' : '            logger.warning("skipping bad row %s: %s", row, exc)',
  `        if created % ${rng.pick([100, 250, 500, 1000])} == 0:`,
  '            await self.db.flush()',
  '    await self.db.commit()',
  '    return created',
];

const exportRows: Variant = ({ res, name, field }) => [
  `async def ${name}(self, limit: int = 1000) -> list[dict[str, Any]]:`,
  `    rows, _ = await self.list(limit=limit)`,
  '    out: list[dict[str, Any]] = []',
  '    for row in rows:',
  '        out.append(',
  '            {',
  '                "id": row.id,',
  `                "${field}": row.${field},`,
  '                "created_at": row.created_at.isoformat() if row.created_at else None,',
  '            }',
  '        )',
  `    logger.info("exported %d ${res.snakePlural}", len(out))`,
  '    return out',
];

const VARIANTS: ReadonlyArray<[string, Variant]> = [
  ['sync_with', asyncTimeout], ['fetch_from', syncNoTimeout], ['notify', swallowed],
  ['push_to', retrying], ['count_by', aggregate], ['import_rows_via', bulkImport], ['export_by', exportRows],
];

/** `units` extra methods with unique names, blank-line separated, indented for the class body. */
export function pyServiceMethods(rng: Rng, res: Resource, units: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const [i, [verb, variant]] of rng.cycle(VARIANTS, units).entries()) {
    const vendor = rng.pick(VENDORS);
    const field = rng.pick(res.fields).name;
    const vendorSnake = vendor.replace(/-/g, '_');
    const suffix = verb === 'count_by' || verb === 'export_by' ? field : vendorSnake;
    let name = `${verb}_${suffix}`;
    if (used.has(name)) name += `_${i}`;
    used.add(name);
    const body = variant({ res, name, vendor, vendorConst: vendorSnake.toUpperCase(), field, rng });
    out.push('', ...indent(body, 4));
  }
  return out;
}

/**
 * Per-resource Python templates: a SQLAlchemy model, pydantic schemas, a service that talks to the
 * database and to outside APIs, FastAPI routes, pytest tests and an Alembic migration. The service
 * and route bodies deliberately include the habits an audit looks for (prints, calls without a
 * timeout, swallowed exceptions, routes without auth) at realistic, seeded rates.
 */
import { indent, lines, type FilePlan, type LanguagePack, type Resource, type Rng } from './common.js';
import { pyModelType, pySchemaType, saType, saTypeName } from './fields.js';
import { pythonFinal, pythonFixed } from './python-fixed.js';
import { renderRoutes } from './python-routes.js';
import { pyServiceMethods } from './python-service.js';
import { renderMigration, renderTests } from './python-tests.js';

function modelMethods(rng: Rng, res: Resource, units: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  const fields = rng.cycle(res.fields, units);
  for (let i = 0; i < units; i++) {
    const f = fields[i];
    const variant = rng.int(0, 3);
    let name = ['has', 'describe', 'touch', 'snapshot'][variant] + `_${f.name}`;
    if (used.has(name)) name += `_${i}`;
    used.add(name);
    const body =
      variant === 0 ? [`def ${name}(self) -> bool:`, `    return self.${f.name} is not None`]
      : variant === 1 ? [`def ${name}(self) -> str:`, `    value = self.${f.name}`, `    if value is None:`, `        return "${f.name}: <unset>"`, `    return f"${f.name}: {value}"`]
      : variant === 2 ? [`def ${name}(self) -> None:`, `    # Marks the row dirty so updated_at moves even when the value is unchanged.`, `    self.updated_at = datetime.now(timezone.utc)`]
      : [`def ${name}(self) -> dict[str, Any]:`, `    return {`, `        "id": self.id,`, `        "${f.name}": self.${f.name},`, `        "updated_at": self.updated_at.isoformat() if self.updated_at else None,`, `    }`];
    out.push('', ...indent(body, 4));
  }
  return out;
}

function renderModel(res: Resource, rng: Rng, units: number): string {
  const saNames = [...new Set(['DateTime', 'Integer', ...res.fields.map(saTypeName), ...(res.parent ? ['ForeignKey'] : [])])].sort();
  const cols = res.fields.map((f) => {
    const extra = [f.nullable ? 'nullable=True' : 'nullable=False', f.indexed ? 'index=True' : '', f.kind === 'bool' ? 'default=False' : '']
      .filter(Boolean).join(', ');
    return `    ${f.name}: Mapped[${pyModelType(f)}] = mapped_column(${saType(f)}, ${extra})`;
  });
  const parent = res.parent;
  return lines([
    `"""Database model for ${res.snakePlural.replace(/_/g, ' ')}."""`,
    'from __future__ import annotations',
    '',
    'from datetime import datetime, timezone',
    'from decimal import Decimal',
    'from typing import Any, Optional',
    '',
    `from sqlalchemy import ${saNames.join(', ')}, func`,
    `from sqlalchemy.orm import Mapped, mapped_column${parent ? ', relationship' : ''}`,
    '',
    'from app.db.base import Base',
    '',
    '',
    `class ${res.pascal}(Base):`,
    `    __tablename__ = "${res.snakePlural}"`,
    '',
    '    id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)',
    parent && `    ${parent.snake}_id: Mapped[int] = mapped_column(ForeignKey("${parent.snakePlural}.id", ondelete="CASCADE"), index=True)`,
    cols,
    '    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())',
    '    updated_at: Mapped[datetime] = mapped_column(',
    '        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()',
    '    )',
    parent && ['', `    ${parent.snake}: Mapped["${parent.pascal}"] = relationship(lazy="selectin")`],
    '',
    '    def __repr__(self) -> str:',
    `        return f"<${res.pascal} id={self.id}>"`,
    modelMethods(rng, res, units),
  ]);
}

function validator(field: string, kind: string, i: number): string[] {
  const check = kind === 'int'
    ? ['        if value is not None and value < 0:', `            raise ValueError("${field} must be positive")`]
    : ['        if isinstance(value, str) and not value.strip():', `            raise ValueError("${field} must not be blank")`];
  return ['', `    @field_validator("${field}")`, '    @classmethod', `    def check_${field}_${i}(cls, value: Any) -> Any:`, ...check, '        return value'];
}

function renderSchema(res: Resource, rng: Rng, units: number): string {
  const base = res.fields.map((f) => `    ${f.name}: ${pySchemaType(f)}${f.nullable ? ' = None' : f.kind === 'str' ? ' = Field(..., max_length=255)' : ''}`);
  const update = res.fields.map((f) => `    ${f.name}: Optional[${pySchemaType(f).replace(/^Optional\[(.*)\]$/, '$1')}] = None`);
  const validatable = res.fields.filter((f) => f.kind === 'str' || f.kind === 'text' || f.kind === 'int');
  const validators = rng.sample(validatable, units).flatMap((f, i) => validator(f.name, f.kind, i));
  const filterFields = rng.sample(res.fields.filter((f) => f.kind !== 'json'), Math.min(3, units + 1));
  return lines([
    `"""Request and response schemas for ${res.snakePlural.replace(/_/g, ' ')}."""`,
    'from __future__ import annotations',
    '',
    'from datetime import datetime',
    'from decimal import Decimal',
    'from typing import Any, Literal, Optional',
    'from uuid import UUID',
    '',
    'from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator',
    '',
    '',
    `class ${res.pascal}Base(BaseModel):`,
    base,
    validators,
    '',
    '',
    `class ${res.pascal}Create(${res.pascal}Base):`,
    res.parent ? `    ${res.parent.snake}_id: int` : '    pass',
    '',
    '',
    `class ${res.pascal}Update(BaseModel):`,
    update,
    '',
    '',
    `class ${res.pascal}Read(${res.pascal}Base):`,
    '    model_config = ConfigDict(from_attributes=True)',
    '',
    '    id: int',
    '    created_at: datetime',
    '    updated_at: datetime',
    '',
    '',
    `class ${res.pascal}Filter(BaseModel):`,
    filterFields.length > 0 ? filterFields.map((f) => `    ${f.name}: Optional[${pySchemaType(f).replace(/^Optional\[(.*)\]$/, '$1')}] = None`) : '    q: Optional[str] = None',
    '',
    '',
    `class ${res.pascal}Page(BaseModel):`,
    `    items: list[${res.pascal}Read]`,
    '    total: int',
    '    page: int',
    '    size: int',
  ]);
}

function renderService(res: Resource, rng: Rng, units: number): string {
  const P = res.pascal;
  return lines([
    `"""Business logic for ${res.snakePlural.replace(/_/g, ' ')}."""`,
    'from __future__ import annotations',
    '',
    'import asyncio',
    'import logging',
    'from typing import Any, Optional',
    '',
    'import httpx',
    'import requests',
    'from sqlalchemy import func, select',
    'from sqlalchemy.ext.asyncio import AsyncSession',
    '',
    'from app.core.config import settings',
    `from app.models.${res.snake} import ${P}`,
    `from app.schemas.${res.snake} import ${P}Create, ${P}Filter, ${P}Update`,
    '',
    'logger = logging.getLogger(__name__)',
    '',
    '',
    `class ${P}NotFound(Exception):`,
    '    """Raised when no row has the requested id."""',
    '',
    '',
    `class ${P}Service:`,
    '    def __init__(self, db: AsyncSession) -> None:',
    '        self.db = db',
    '',
    `    async def list(self, filters: Optional[${P}Filter] = None, *, offset: int = 0, limit: int = 50) -> tuple[list[${P}], int]:`,
    `        stmt = select(${P})`,
    '        if filters is not None:',
    '            for key, value in filters.model_dump(exclude_none=True).items():',
    `                stmt = stmt.where(getattr(${P}, key) == value)`,
    `        total = (await self.db.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()`,
    `        rows = (await self.db.execute(stmt.order_by(${P}.id.desc()).offset(offset).limit(limit))).scalars().all()`,
    '        return list(rows), total',
    '',
    `    async def get(self, item_id: int) -> ${P}:`,
    `        obj = await self.db.get(${P}, item_id)`,
    '        if obj is None:',
    `            raise ${P}NotFound(item_id)`,
    '        return obj',
    '',
    `    async def create(self, payload: ${P}Create) -> ${P}:`,
    `        obj = ${P}(**payload.model_dump())`,
    '        self.db.add(obj)',
    '        await self.db.commit()',
    '        await self.db.refresh(obj)',
    `        logger.info("created ${res.snake} id=%s", obj.id)`,
    '        return obj',
    '',
    `    async def update(self, item_id: int, payload: ${P}Update) -> ${P}:`,
    '        obj = await self.get(item_id)',
    '        for key, value in payload.model_dump(exclude_unset=True).items():',
    '            setattr(obj, key, value)',
    '        await self.db.commit()',
    '        await self.db.refresh(obj)',
    '        return obj',
    '',
    '    async def delete(self, item_id: int) -> None:',
    '        obj = await self.get(item_id)',
    '        await self.db.delete(obj)',
    '        await self.db.commit()',
    rng.chance(0.3) && `        print(f"deleted ${res.snake} {item_id}")`,
    pyServiceMethods(rng, res, units),
  ]);
}

function plan(path: string, units: number, render: (rng: Rng, units: number) => string): FilePlan {
  return { path, units, render };
}

export const pythonPack: LanguagePack = {
  fixed: pythonFixed,
  final: pythonFinal,
  perResource(rng, res, all) {
    const prev = all.length > 1 ? all[all.length - 2] : undefined;
    const big = rng.chance(0.04);
    const plans: FilePlan[] = [
      plan(`app/models/${res.snake}.py`, rng.int(2, 10), (r, u) => renderModel(res, r, u)),
      plan(`app/schemas/${res.snake}.py`, rng.int(1, 6), (r, u) => renderSchema(res, r, u)),
      plan(`app/services/${res.snake}_service.py`, big ? rng.int(24, 36) : rng.int(4, 15), (r, u) => renderService(res, r, u)),
      plan(`app/api/routes/${res.snakePlural}.py`, big ? rng.int(16, 24) : rng.int(2, 11), (r, u) => renderRoutes(res, r, u)),
    ];
    if (rng.chance(0.75)) plans.push(plan(`tests/test_${res.snakePlural}.py`, rng.int(5, 16), (r, u) => renderTests(res, r, u)));
    plans.push(plan(`alembic/versions/${res.revision}_create_${res.snakePlural}.py`, 1, (r) => renderMigration(res, prev, all.length, r)));
    return plans;
  },
};

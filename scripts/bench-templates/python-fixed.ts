/**
 * The once-per-service Python files (settings, database session, auth dependencies, Celery app,
 * manifests, Dockerfile) and the files written last because they list every resource (the API
 * router and the Celery tasks module).
 */
import { lines, VENDORS, type FilePlan, type Resource, type Rng } from './common.js';

function fixedPlan(path: string, text: string): FilePlan {
  return { path, units: 1, render: () => text };
}

function requirements(rng: Rng): string {
  const pins = [
    `fastapi==0.11${rng.int(0, 5)}.${rng.int(0, 3)}`, `uvicorn[standard]==0.${rng.int(27, 32)}.0`, 'gunicorn==22.0.0',
    `sqlalchemy==2.0.${rng.int(25, 36)}`, 'asyncpg==0.29.0', 'psycopg2-binary==2.9.9', `alembic==1.13.${rng.int(0, 3)}`,
    `pydantic==2.${rng.int(6, 9)}.0`, 'pydantic-settings==2.3.4', 'email-validator==2.2.0', `celery==5.4.0`,
    'redis==5.0.7', `httpx==0.27.${rng.int(0, 2)}`, 'requests==2.32.3', 'python-jose[cryptography]==3.3.0',
    'passlib[bcrypt]==1.7.4', 'python-multipart==0.0.9', 'structlog==24.2.0', 'sentry-sdk==2.8.0',
  ];
  return lines(['# Runtime dependencies (pinned; regenerate with pip-compile)', ...pins, '', '# Test', 'pytest==8.2.2', 'pytest-asyncio==0.23.7']);
}

function dockerfile(rng: Rng): string {
  const runAsRoot = rng.chance(0.5);
  return lines([
    `FROM python:3.${rng.pick([11, 12])}-slim`,
    '',
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1',
    '',
    'WORKDIR /srv',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY . .',
    runAsRoot ? '' : 'RUN useradd --create-home app && chown -R app /srv',
    runAsRoot ? '' : 'USER app',
    '',
    'EXPOSE 8000',
    `CMD ["gunicorn", "app.main:app", "-k", "uvicorn.workers.UvicornWorker", "-w", "${rng.int(2, 8)}", "-b", "0.0.0.0:8000"]`,
  ]);
}

function envExample(): string {
  return lines([
    'DATABASE_URL=postgresql+asyncpg://app:app@localhost:5432/app',
    'REDIS_URL=redis://localhost:6379/0',
    'SECRET_KEY=replace-me',
    'DEBUG=false',
    ...VENDORS.flatMap((v) => [`${v.replace(/-/g, '_').toUpperCase()}_URL=https://${v}.example.com`, `${v.replace(/-/g, '_').toUpperCase()}_API_KEY=`]),
  ]);
}

function config(rng: Rng): string {
  return lines([
    '"""Settings read from the environment (and .env in development)."""',
    'from functools import lru_cache',
    '',
    'from pydantic_settings import BaseSettings, SettingsConfigDict',
    '',
    '',
    'class Settings(BaseSettings):',
    '    model_config = SettingsConfigDict(env_file=".env", extra="ignore")',
    '',
    `    PROJECT_NAME: str = "${rng.pick(['orders', 'billing', 'platform', 'backoffice', 'fulfilment'])}-api"`,
    '    API_PREFIX: str = "/api/v1"',
    `    DEBUG: bool = ${rng.chance(0.5) ? 'True' : 'False'}`,
    `    SECRET_KEY: str = "${rng.chance(0.5) ? 'dev-secret-change-me' : ''}"`,
    '    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60',
    '    DATABASE_URL: str = "postgresql+asyncpg://app:app@localhost:5432/app"',
    '    REDIS_URL: str = "redis://localhost:6379/0"',
    `    HTTP_TIMEOUT: float = ${rng.int(5, 30)}.0`,
    '    CORS_ORIGINS: list[str] = ["*"]',
    ...VENDORS.flatMap((v) => {
      const k = v.replace(/-/g, '_').toUpperCase();
      return [`    ${k}_URL: str = "https://${v}.example.com"`, `    ${k}_API_KEY: str = ""`];
    }),
    '',
    '',
    '@lru_cache',
    'def get_settings() -> Settings:',
    '    return Settings()',
    '',
    '',
    'settings = get_settings()',
  ]);
}

const SECURITY = lines([
  '"""Password hashing and JWT helpers."""',
  'from datetime import datetime, timedelta, timezone',
  'from typing import Any, Optional',
  '',
  'from jose import JWTError, jwt',
  'from passlib.context import CryptContext',
  '',
  'from app.core.config import settings',
  '',
  'pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")',
  'ALGORITHM = "HS256"',
  '',
  '',
  'def hash_password(password: str) -> str:',
  '    return pwd_context.hash(password)',
  '',
  '',
  'def verify_password(password: str, hashed: str) -> bool:',
  '    return pwd_context.verify(password, hashed)',
  '',
  '',
  'def create_access_token(subject: str, extra: Optional[dict[str, Any]] = None) -> str:',
  '    expire = datetime.now(timezone.utc) + timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)',
  '    claims = {"sub": subject, "exp": expire, **(extra or {})}',
  '    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)',
  '',
  '',
  'def decode_token(token: str) -> Optional[dict[str, Any]]:',
  '    try:',
  '        return jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])',
  '    except JWTError:',
  '        return None',
]);

const LOGGING = lines([
  '"""Logging setup shared by the API and the worker."""',
  'import logging',
  'import sys',
  '',
  'from app.core.config import settings',
  '',
  '',
  'def configure_logging() -> None:',
  '    level = logging.DEBUG if settings.DEBUG else logging.INFO',
  '    handler = logging.StreamHandler(sys.stdout)',
  '    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))',
  '    root = logging.getLogger()',
  '    root.handlers[:] = [handler]',
  '    root.setLevel(level)',
]);

const DB_BASE = lines([
  '"""Declarative base for all models."""',
  'from sqlalchemy.orm import DeclarativeBase',
  '',
  '',
  'class Base(DeclarativeBase):',
  '    pass',
]);

function dbSession(rng: Rng): string {
  return lines([
    '"""Async engine and session factory."""',
    'from collections.abc import AsyncIterator',
    '',
    'from sqlalchemy import create_engine',
    'from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine',
    'from sqlalchemy.orm import sessionmaker',
    '',
    'from app.core.config import settings',
    '',
    `engine = create_async_engine(settings.DATABASE_URL, pool_size=${rng.int(5, 20)}, pool_pre_ping=True, echo=settings.DEBUG)`,
    'SessionLocal = async_sessionmaker(engine, expire_on_commit=False)',
    '',
    '# Celery tasks are synchronous; they get their own engine on the psycopg2 driver.',
    'sync_engine = create_engine(settings.DATABASE_URL.replace("+asyncpg", ""), pool_pre_ping=True)',
    'SyncSessionLocal = sessionmaker(sync_engine)',
    '',
    '',
    'async def get_db() -> AsyncIterator[AsyncSession]:',
    '    async with SessionLocal() as session:',
    '        yield session',
  ]);
}

const DEPS = lines([
  '"""Dependencies shared by the route modules."""',
  'from dataclasses import dataclass',
  '',
  'from fastapi import Depends, HTTPException, status',
  'from fastapi.security import OAuth2PasswordBearer',
  '',
  'from app.core.security import decode_token',
  'from app.db.session import get_db',
  '',
  'oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token")',
  '',
  '__all__ = ["CurrentUser", "get_current_user", "get_db"]',
  '',
  '',
  '@dataclass',
  'class CurrentUser:',
  '    id: int',
  '    email: str',
  '    is_admin: bool = False',
  '',
  '',
  'async def get_current_user(token: str = Depends(oauth2_scheme)) -> CurrentUser:',
  '    claims = decode_token(token)',
  '    if claims is None:',
  '        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token")',
  '    return CurrentUser(id=int(claims["sub"]), email=claims.get("email", ""), is_admin=bool(claims.get("admin")))',
]);

function celeryApp(rng: Rng): string {
  return lines([
    '"""Celery application; tasks live in app.worker.tasks."""',
    'from celery import Celery',
    '',
    'from app.core.config import settings',
    '',
    'celery_app = Celery("worker", broker=settings.REDIS_URL, backend=settings.REDIS_URL, include=["app.worker.tasks"])',
    'celery_app.conf.update(',
    '    task_acks_late=True,',
    `    worker_prefetch_multiplier=${rng.int(1, 4)},`,
    `    task_time_limit=${rng.pick([300, 600, 900])},`,
    '    timezone="UTC",',
    ')',
  ]);
}

const MAIN = lines([
  '"""ASGI entry point."""',
  'import logging',
  '',
  'from fastapi import FastAPI, Request',
  'from fastapi.middleware.cors import CORSMiddleware',
  'from fastapi.responses import JSONResponse',
  '',
  'from app.api.router import api_router',
  'from app.core.config import settings',
  'from app.core.logging import configure_logging',
  '',
  'configure_logging()',
  'logger = logging.getLogger(__name__)',
  '',
  'app = FastAPI(title=settings.PROJECT_NAME, debug=settings.DEBUG)',
  'app.add_middleware(',
  '    CORSMiddleware,',
  '    allow_origins=settings.CORS_ORIGINS,',
  '    allow_credentials=True,',
  '    allow_methods=["*"],',
  '    allow_headers=["*"],',
  ')',
  'app.include_router(api_router, prefix=settings.API_PREFIX)',
  '',
  '',
  '@app.get("/health")',
  'async def health() -> dict[str, str]:',
  '    return {"status": "ok"}',
  '',
  '',
  '@app.exception_handler(Exception)',
  'async def unhandled(request: Request, exc: Exception) -> JSONResponse:',
  '    logger.exception("unhandled error on %s", request.url.path)',
  '    return JSONResponse(status_code=500, content={"detail": "internal error"})',
]);

const CONFTEST = lines([
  '"""Shared pytest fixtures."""',
  'import pytest',
  'from fastapi.testclient import TestClient',
  '',
  'from app.core.security import create_access_token',
  'from app.main import app',
  '',
  '',
  '@pytest.fixture()',
  'def client() -> TestClient:',
  '    return TestClient(app)',
  '',
  '',
  '@pytest.fixture()',
  'def auth_headers() -> dict[str, str]:',
  '    token = create_access_token("1", {"email": "tester@example.com"})',
  '    return {"Authorization": f"Bearer {token}"}',
]);

const ALEMBIC_ENV = lines([
  '"""Alembic environment: runs migrations with the synchronous engine."""',
  'from alembic import context',
  '',
  'from app.db.base import Base',
  'from app.db.session import sync_engine',
  '',
  'target_metadata = Base.metadata',
  '',
  '',
  'def run_migrations_online() -> None:',
  '    with sync_engine.connect() as connection:',
  '        context.configure(connection=connection, target_metadata=target_metadata)',
  '        with context.begin_transaction():',
  '            context.run_migrations()',
  '',
  '',
  'run_migrations_online()',
]);

const PACKAGES = ['app', 'app/api', 'app/api/routes', 'app/core', 'app/db', 'app/models', 'app/schemas', 'app/services', 'app/worker', 'tests'];

export function pythonFixed(rng: Rng): FilePlan[] {
  return [
    fixedPlan('requirements.txt', requirements(rng)),
    fixedPlan('Dockerfile', dockerfile(rng)),
    fixedPlan('.env.example', envExample()),
    fixedPlan('.gitignore', lines(['.env', '__pycache__/', '*.pyc', '.venv/', '.pytest_cache/'])),
    fixedPlan('alembic.ini', lines(['[alembic]', 'script_location = alembic', 'sqlalchemy.url = driver://user:pass@localhost/dbname'])),
    fixedPlan('alembic/env.py', ALEMBIC_ENV),
    ...PACKAGES.map((p) => fixedPlan(`${p}/__init__.py`, lines([`"""${p.replace(/\//g, '.')} package."""`]))),
    fixedPlan('app/core/config.py', config(rng)),
    fixedPlan('app/core/security.py', SECURITY),
    fixedPlan('app/core/logging.py', LOGGING),
    fixedPlan('app/db/base.py', DB_BASE),
    fixedPlan('app/db/session.py', dbSession(rng)),
    fixedPlan('app/api/deps.py', DEPS),
    fixedPlan('app/worker/celery_app.py', celeryApp(rng)),
    fixedPlan('app/main.py', MAIN),
    fixedPlan('tests/conftest.py', CONFTEST),
  ];
}

function router(resources: Resource[]): string {
  return lines([
    '"""Mounts every route module under the API prefix."""',
    'from fastapi import APIRouter',
    '',
    ...resources.map((r) => `from app.api.routes import ${r.snakePlural}`),
    '',
    'api_router = APIRouter()',
    ...resources.map((r) => `api_router.include_router(${r.snakePlural}.router)`),
  ]);
}

function task(res: Resource, rng: Rng): string[] {
  const field = rng.pick(res.fields).name;
  return [
    '',
    '',
    `@celery_app.task(bind=True, max_retries=${rng.int(2, 6)}, default_retry_delay=${rng.pick([10, 30, 60])})`,
    `def refresh_${res.snake}(self, item_id: int) -> None:`,
    '    with SyncSessionLocal() as db:',
    `        obj = db.get(${res.pascal}, item_id)`,
    '        if obj is None:',
    `            logger.warning("${res.snake} %s vanished before refresh", item_id)`,
    '            return',
    '        try:',
    `            obj.${field} = obj.${field}`,
    '            db.commit()',
    '        except Exception as exc:',
    rng.chance(0.3) ? `            print("refresh_${res.snake} failed", exc)` : `            logger.exception("refresh_${res.snake} failed")`,
    '            raise self.retry(exc=exc)',
  ];
}

/** The worker gets tasks for at most 40 resources: one module of 500–700 lines, as large task files are. */
function tasks(resources: Resource[], rng: Rng): string {
  const chosen = resources.slice(0, 40);
  return lines([
    '"""Background jobs run by Celery."""',
    'import logging',
    '',
    'from app.db.session import SyncSessionLocal',
    ...chosen.map((r) => `from app.models.${r.snake} import ${r.pascal}`),
    'from app.worker.celery_app import celery_app',
    '',
    'logger = logging.getLogger(__name__)',
    ...chosen.flatMap((r) => task(r, rng)),
  ]);
}

export function pythonFinal(resources: Resource[]): FilePlan[] {
  return [
    { path: 'app/api/router.py', units: 1, render: () => router(resources) },
    { path: 'app/worker/tasks.py', units: 1, render: (r) => tasks(resources, r) },
  ];
}

from celery import Celery

from app.core.config import settings

celery_app = Celery(
    "briefly",
    broker=settings.redis_url,
    backend=settings.redis_url,
    include=["app.worker.tasks"],
)

celery_app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    timezone="UTC",
    enable_utc=True,
    result_expires=60 * 60 * 24,
    worker_prefetch_multiplier=1,
)

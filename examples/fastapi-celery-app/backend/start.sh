#!/bin/bash

echo "Running database migrations..."
alembic upgrade head

echo "Seeding demo workspace..."
python scripts/seed_demo.py

echo "Starting Celery worker..."
celery -A app.worker.celery_app worker --loglevel=info --concurrency=2 &

echo "Starting API on port ${PORT:-8000}..."
uvicorn app.main:app --host 0.0.0.0 --port "${PORT:-8000}" --reload

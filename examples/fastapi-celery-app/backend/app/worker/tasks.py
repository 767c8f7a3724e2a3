import asyncio
import logging
from collections.abc import Coroutine
from datetime import datetime, timezone
from typing import Any, TypeVar

import requests

from app.core.database import SessionLocal
from app.models import Note
from app.services.summarizer import summarize_transcript
from app.services.webhooks import notify_ops, post_summary_to_slack
from app.worker.celery_app import celery_app

logger = logging.getLogger(__name__)

T = TypeVar("T")

# One event loop per worker process, created lazily after the prefork, so the
# asyncpg pool and the OpenAI client stay bound to the same loop between tasks.
_loop: asyncio.AbstractEventLoop | None = None


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
        asyncio.set_event_loop(_loop)
    return _loop.run_until_complete(coro)


async def _summarize(note_id: int) -> tuple[str, str] | None:
    async with SessionLocal() as session:
        note = await session.get(Note, note_id)
        if note is None:
            logger.warning("Note %s disappeared before it could be summarised", note_id)
            return None

        note.status = "processing"
        await session.commit()

        try:
            result = await summarize_transcript(note.title, note.transcript)
        except Exception:
            note.status = "failed"
            await session.commit()
            raise

        note.summary = result.summary
        note.action_items = result.action_items
        note.status = "summarized"
        note.summarized_at = datetime.now(timezone.utc)
        await session.commit()
        return note.title, result.summary


@celery_app.task(name="notes.summarize", bind=True, max_retries=2, default_retry_delay=30)
def summarize_note_task(self, note_id: int) -> None:
    try:
        outcome = run_async(_summarize(note_id))
    except Exception as exc:
        notify_ops(f"Summarising note {note_id} failed: {exc}")
        raise self.retry(exc=exc)

    if outcome is not None:
        title, summary = outcome
        notify_summary_ready.delay(note_id, title, summary)


@celery_app.task(
    name="notes.notify_summary_ready",
    autoretry_for=(requests.RequestException,),
    retry_backoff=True,
    max_retries=3,
)
def notify_summary_ready(note_id: int, title: str, summary: str) -> None:
    print(f"Summary ready for note {note_id}, posting to Slack")
    post_summary_to_slack(title, summary)

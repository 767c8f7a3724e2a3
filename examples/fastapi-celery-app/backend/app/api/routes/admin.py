from collections.abc import Sequence

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.api.deps import get_current_admin
from app.core.database import get_session
from app.models import Note, User
from app.schemas.note import NoteRead
from app.worker.tasks import summarize_note_task

router = APIRouter(prefix="/api/admin", tags=["admin"], dependencies=[Depends(get_current_admin)])


@router.get("/notes", response_model=list[NoteRead])
async def list_all_notes(session: AsyncSession = Depends(get_session)) -> Sequence[Note]:
    return (await session.execute(select(Note))).scalars().all()


@router.get("/stats")
async def stats(session: AsyncSession = Depends(get_session)) -> dict[str, int]:
    users = await session.scalar(select(func.count(User.id)))
    notes = await session.scalar(select(func.count(Note.id)))
    pending = await session.scalar(select(func.count(Note.id)).where(Note.status == "pending"))
    return {"users": users or 0, "notes": notes or 0, "pending": pending or 0}


@router.post("/notes/{note_id}/resummarize", status_code=status.HTTP_202_ACCEPTED)
async def resummarize(note_id: int, session: AsyncSession = Depends(get_session)) -> dict[str, str]:
    note = await session.get(Note, note_id)
    if note is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Note not found")
    task = summarize_note_task.delay(note.id)
    return {"task_id": task.id}

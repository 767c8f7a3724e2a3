from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.api.deps import get_current_user
from app.core.database import get_session
from app.models import Note, User
from app.schemas.note import NoteCreate, NoteDetail, NoteImport, NoteRead
from app.services.summarizer import summarize_transcript
from app.services.transcripts import fetch_transcript
from app.worker.tasks import notify_summary_ready, summarize_note_task

router = APIRouter(prefix="/api/notes", tags=["notes"])


async def _get_owned_note(session: AsyncSession, note_id: int, user: User) -> Note:
    note = await session.get(Note, note_id)
    if note is None or note.owner_id != user.id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Note not found")
    return note


@router.get("", response_model=list[NoteRead])
async def list_notes(
    limit: int = Query(default=20, ge=1, le=100),
    offset: int = Query(default=0, ge=0),
    session: AsyncSession = Depends(get_session),
    user: User = Depends(get_current_user),
) -> list[Note]:
    stmt = (
        select(Note)
        .where(Note.owner_id == user.id)
        .order_by(Note.created_at.desc())
        .limit(limit)
        .offset(offset)
    )
    return list((await session.execute(stmt)).scalars().all())


@router.post("", response_model=NoteRead, status_code=status.HTTP_201_CREATED)
async def create_note(
    payload: NoteCreate,
    session: AsyncSession = Depends(get_session),
    user: User = Depends(get_current_user),
) -> Note:
    note = Note(owner_id=user.id, title=payload.title, transcript=payload.transcript)
    session.add(note)
    await session.commit()
    await session.refresh(note)
    return note


@router.post("/import", response_model=NoteRead, status_code=status.HTTP_202_ACCEPTED)
async def import_note(
    payload: NoteImport,
    session: AsyncSession = Depends(get_session),
    user: User = Depends(get_current_user),
) -> Note:
    try:
        transcript = await fetch_transcript(payload.meeting_id)
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))

    note = Note(
        owner_id=user.id,
        title=payload.title,
        transcript=transcript,
        source="import",
        meeting_id=payload.meeting_id,
    )
    session.add(note)
    await session.commit()
    await session.refresh(note)

    # imported recordings are usually long, so summarise them in the background
    summarize_note_task.delay(note.id)
    return note


@router.get("/{note_id}", response_model=NoteDetail)
async def get_note(
    note_id: int,
    session: AsyncSession = Depends(get_session),
    user: User = Depends(get_current_user),
) -> Note:
    return await _get_owned_note(session, note_id, user)


@router.post("/{note_id}/summarize", response_model=NoteRead)
async def summarize_note(
    note_id: int,
    session: AsyncSession = Depends(get_session),
    user: User = Depends(get_current_user),
) -> Note:
    note = await _get_owned_note(session, note_id, user)
    result = await summarize_transcript(note.title, note.transcript)

    note.summary = result.summary
    note.action_items = result.action_items
    note.status = "summarized"
    note.summarized_at = datetime.now(timezone.utc)
    await session.commit()
    await session.refresh(note)

    notify_summary_ready.delay(note.id, note.title, result.summary)
    return note


@router.delete("/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_note(
    note_id: int,
    session: AsyncSession = Depends(get_session),
    user: User = Depends(get_current_user),
) -> Response:
    note = await _get_owned_note(session, note_id, user)
    await session.delete(note)
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)

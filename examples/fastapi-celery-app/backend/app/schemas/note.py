from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class NoteCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    transcript: str = Field(min_length=20, max_length=200_000)


class NoteImport(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    meeting_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")


class NoteRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    source: str
    status: str
    summary: str | None
    action_items: list[str] | None
    created_at: datetime
    summarized_at: datetime | None


class NoteDetail(NoteRead):
    transcript: str

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.core.database import Base


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    transcript: Mapped[str] = mapped_column(Text)

    # "upload" for pasted transcripts, "import" when pulled from the recorder API
    source: Mapped[str] = mapped_column(String(32), default="upload", server_default="upload")
    meeting_id: Mapped[str | None] = mapped_column(String(128))

    status: Mapped[str] = mapped_column(String(32), default="pending", server_default="pending")
    summary: Mapped[str | None] = mapped_column(Text)
    action_items: Mapped[list[str] | None] = mapped_column(JSON)

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    summarized_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

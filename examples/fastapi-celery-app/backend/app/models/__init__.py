from app.models.note import Note
from app.models.user import User

__all__ = ["Note", "User"]

"""Create the demo workspace shown on the marketing site.

Usage (from backend/):  python scripts/seed_demo.py
Safe to run repeatedly: it does nothing if the demo user already exists.
"""

import asyncio
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from app.core.database import SessionLocal, engine  # noqa: E402
from app.core.security import hash_password  # noqa: E402
from app.models import Note, User  # noqa: E402

DEMO_EMAIL = "demo@briefly.app"

SAMPLE_NOTES = [
    (
        "Weekly product sync",
        "Maya: Let's lock the onboarding checklist by Thursday.\n"
        "Tom: I'll draft the copy today and share it in the channel.\n"
        "Maya: Great. Priya, can you check the analytics events are firing?\n"
        "Priya: Yes, I'll have that done before the release review.",
    ),
    (
        "Customer call - Northwind",
        "Alex: They want SSO before they roll out to the second team.\n"
        "Sam: Okta only, or Azure AD as well?\n"
        "Alex: Okta for now. They'd sign the annual plan if we ship it this quarter.",
    ),
    (
        "Incident review: delayed summaries",
        "Jo: The worker queue backed up for about forty minutes on Tuesday.\n"
        "Lee: The OpenAI calls were slow, and we only run two worker processes.\n"
        "Jo: Let's add an alert on queue length and bump concurrency.",
    ),
]


async def seed() -> None:
    async with SessionLocal() as session:
        existing = await session.scalar(select(User).where(User.email == DEMO_EMAIL))
        if existing is not None:
            print(f"Demo user {DEMO_EMAIL} already exists, skipping")
            return

        # nobody logs in as the demo user; it only owns the sample notes
        demo = User(
            email=DEMO_EMAIL,
            full_name="Briefly Demo",
            hashed_password=hash_password(secrets.token_urlsafe(32)),
        )
        session.add(demo)
        await session.flush()

        for title, transcript in SAMPLE_NOTES:
            session.add(Note(owner_id=demo.id, title=title, transcript=transcript))

        await session.commit()
        print(f"Created {DEMO_EMAIL} with {len(SAMPLE_NOTES)} sample notes")


async def main() -> None:
    try:
        await seed()
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())

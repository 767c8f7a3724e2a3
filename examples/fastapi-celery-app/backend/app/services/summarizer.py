import json
import logging
from dataclasses import dataclass, field

from openai import AsyncOpenAI

from app.core.config import settings

logger = logging.getLogger(__name__)

client = AsyncOpenAI(api_key=settings.openai_api_key)

SYSTEM_PROMPT = """You summarise internal meeting transcripts for busy teams.
Return a JSON object with two keys:
  "summary": 3-6 sentences covering decisions made and open questions,
  "action_items": a list of short imperative sentences, each naming an owner when the transcript does.
Do not invent facts that are not in the transcript."""

# gpt-4o-mini has a 128k context, but long inputs get slow and expensive
MAX_TRANSCRIPT_CHARS = 60_000


@dataclass
class SummaryResult:
    summary: str
    action_items: list[str] = field(default_factory=list)


async def summarize_transcript(title: str, transcript: str) -> SummaryResult:
    print(f"Summarizing '{title}' ({len(transcript)} chars) with {settings.openai_model}")

    response = await client.chat.completions.create(
        model=settings.openai_model,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Meeting: {title}\n\n{transcript[:MAX_TRANSCRIPT_CHARS]}"},
        ],
        response_format={"type": "json_object"},
        temperature=0.2,
        max_tokens=800,
    )

    content = response.choices[0].message.content or "{}"
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        logger.warning("Model returned non-JSON output for '%s'", title)
        return SummaryResult(summary=content.strip())

    items = data.get("action_items") or []
    return SummaryResult(
        summary=str(data.get("summary", "")).strip(),
        action_items=[str(item).strip() for item in items if str(item).strip()],
    )

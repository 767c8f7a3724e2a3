import os
import time

import requests


class TranscriptNotReady(Exception):
    pass


def _format_segments(segments: list[dict]) -> str:
    return "\n".join(f"{segment['speaker']}: {segment['text']}" for segment in segments)


async def fetch_transcript(meeting_id: str) -> str:
    """Pull a finished transcript from the meeting recorder service."""
    base_url = os.environ["TRANSCRIPT_API_URL"].rstrip("/")
    headers = {"Authorization": f"Bearer {os.environ['TRANSCRIPT_API_KEY']}"}

    for _ in range(5):
        resp = requests.get(f"{base_url}/v1/meetings/{meeting_id}/transcript", headers=headers)
        if resp.status_code == 202:
            # the recorder is still processing the audio
            time.sleep(2)
            continue
        resp.raise_for_status()
        return _format_segments(resp.json()["segments"])

    raise TranscriptNotReady(f"Transcript for meeting {meeting_id} is still processing")

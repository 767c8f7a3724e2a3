import logging
import os

import httpx
import requests

logger = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/chat.postMessage"
SLACK_WEBHOOK_TOKEN = "xoxb-2841937465-1948372615-kQ8vR2mN5pL7xT4wZ9yB3cD6"
SLACK_CHANNEL = "#meeting-notes"


def _excerpt(text: str, limit: int = 280) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def post_summary_to_slack(title: str, summary: str, channel: str = SLACK_CHANNEL) -> bool:
    resp = requests.post(
        SLACK_API_URL,
        headers={"Authorization": f"Bearer {SLACK_WEBHOOK_TOKEN}"},
        json={"channel": channel, "text": f"*{title}* has a new summary:\n{_excerpt(summary)}"},
    )
    body = resp.json()
    if not body.get("ok"):
        print("Slack post failed:", body.get("error"))
        return False
    return True


def notify_ops(message: str) -> None:
    """Send a message to the ops channel's incoming webhook, if one is configured."""
    webhook_url = os.getenv("SLACK_WEBHOOK_URL")
    if not webhook_url:
        logger.debug("SLACK_WEBHOOK_URL not set, skipping ops notification")
        return
    try:
        httpx.post(webhook_url, json={"text": message}, timeout=5.0)
    except httpx.HTTPError:
        logger.warning("Ops webhook delivery failed", exc_info=True)

"""The status of the published data, from meta.publication and audit.check_results."""

from datetime import datetime
from zoneinfo import ZoneInfo

SWEDISH_TIME = ZoneInfo("Europe/Stockholm")


def published_at_text(value: str | None) -> str:
    """ISO timestamp → `2026-11-27 04:46` in Swedish time."""
    if not value:
        return "okänt"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(SWEDISH_TIME)
    return moment.strftime("%Y-%m-%d %H:%M")

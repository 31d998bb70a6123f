"""Suggested prompts for a new assistant thread, from live data: the topics that moved most recently."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from store.answers.queries import topics_overview

PROMPT_COUNT = 4  # Slack shows at most four
STANDING = "Where do things stand on {topic}?"
FIXED_PROMPTS: tuple[dict[str, str], ...] = (
    {"title": "What's new this week?", "message": "what's new this week?"},
)


def suggested_prompts(session: Session) -> list[dict[str, str]]:
    """Up to four prompts: "Where do autos stand?" for the most recently moved topics, then "what's new"."""
    moved = sorted(
        (t for t in topics_overview(session) if t.last_change),
        key=lambda t: (t.last_change or date.min, t.slug),
        reverse=True,
    )
    prompts = [
        {
            "title": STANDING.format(topic=t.name.lower()),
            "message": f"where do things stand on {t.name.lower()}?",
        }
        for t in moved[: PROMPT_COUNT - len(FIXED_PROMPTS)]
    ]
    return [*prompts, *FIXED_PROMPTS]

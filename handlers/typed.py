"""Text someone typed in Slack (a command, a question, a form field), tidied before anything reads it.

The one tidying for typed text; names are then compared through ``handlers.query.vocabulary.match_key``
and stored text is shown through ``handlers.render.wording.readable``.
"""

from __future__ import annotations

import unicodedata


def typed_text(raw: object, *, limit: int | None = None) -> str:
    """Unicode normalised (NFKC), control and format characters dropped, spaces single, cut at ``limit``.

    >>> typed_text("aut\\x00os\\u200b  canada")
    'aut os canada'
    """
    text = unicodedata.normalize("NFKC", str(raw) if raw else "")
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(text.split())[:limit]

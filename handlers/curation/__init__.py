"""The editor's desk: correcting, verifying and hiding quotes, curated positions and statuses, adding
articles from Slack, the change log and exports. Every change is checked against the editor list on
the server (``editors``), made in one transaction and written to the audit log (``store.curation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App


def register(app: App) -> None:
    from handlers.curation import ingest, quotes, records

    for surface in (quotes, records, ingest):
        surface.register(app)

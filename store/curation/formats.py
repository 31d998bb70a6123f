"""An export as a file: CSV for a spreadsheet, Markdown for a briefing note, JSON for a program.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) get a leading apostrophe, so an article's text can never become a formula.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from store.curation.export import Export, ExportQuote

FORMATS: tuple[str, ...] = ("csv", "md", "json")
CSV_COLUMNS: tuple[str, ...] = (
    "date said",
    "date reported",
    "speaker",
    "role",
    "party",
    "quote",
    "topics",
    "outlet",
    "URL",
    "verified",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``: shown as text, never evaluated."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def render(export: Export, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(export)
    if fmt == "md":
        return to_markdown(export)
    if fmt == "json":
        return to_json(export)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def filename(export: Export, fmt: str) -> str:
    party = f"-{export.party_name.lower().replace(' ', '-')}" if export.party_name else ""
    return f"nafta-{export.topic_slug}{party}.{fmt}"


def to_csv(export: Export) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in export.quotes:
        cells = (
            _day(row.said_on),
            _day(row.reported_on),
            row.speaker or "",
            row.role or "",
            row.party or "",
            row.text,
            "; ".join(row.topics),
            row.outlet or "",
            row.url or "",
            "yes" if row.verified else "no",
        )
        writer.writerow([safe_cell(c) for c in cells])
    return out.getvalue()


def to_markdown(export: Export, *, today: date | None = None) -> str:
    title = export.topic_name + (f" — {export.party_name}" if export.party_name else "")
    since = f" since {_day(export.since)}" if export.since else ""
    lines = [
        f"# {_md(title)}: briefing",
        "",
        f"_Chapter: {_md(export.chapter)}. From nafta-bot on {_day(today or date.today())}: "
        f"{len(export.quotes)} quote{'s' if len(export.quotes) != 1 else ''}{since}._",
        "",
        "## Status",
        "",
    ]
    status = export.status
    if status:
        note = f" — {_md(status.note)}" if status.note else ""
        lines.append(
            f"**{_md(status.status.capitalize())}**, as of {_day(status.as_of)}{note}{_cite(status)}"
        )
    else:
        lines.append("_No status recorded._")
    lines += ["", "## Positions", ""]
    for p in export.positions:
        stance = f"{p.stance}, " if p.stance else ""
        kind = "curated by the desk" if p.origin == "curated" else p.origin
        lines.append(
            f"- **{_md(p.party_name)}** ({stance}{_day(p.as_of)}): {_md(p.summary)}{_cite(p)} _({kind})_"
        )
    if not export.positions:
        lines.append("_No position recorded._")
    lines += ["", "## Quotes", ""]
    for row in export.quotes:
        lines += [*_blockquote(row), ""]
    if not export.quotes:
        lines += ["_No quotes._", ""]
    if export.truncated:
        lines += ["_More quotes were left out; narrow the export with a party or a date._", ""]
    return "\n".join(lines)


def to_json(export: Export) -> str:
    def quote(row: ExportQuote) -> dict[str, Any]:
        return {
            "said_on": _day(row.said_on) or None,
            "reported_on": _day(row.reported_on) or None,
            "speaker": row.speaker,
            "role": row.role,
            "party": row.party,
            "quote": row.text,
            "topics": list(row.topics),
            "outlet": row.outlet,
            "url": row.url,
            "verified": row.verified,
            "direct": row.direct,
            "in_scope": row.in_scope,
        }

    status = export.status
    data = {
        "topic": export.topic_slug,
        "topic_name": export.topic_name,
        "party": export.party_name,
        "since": _day(export.since) or None,
        "status": {
            "status": status.status,
            "as_of": _day(status.as_of) or None,
            "note": status.note,
            "url": status.source.url if status.source else None,
        }
        if status
        else None,
        "positions": [
            {
                "party": p.party_name,
                "stance": p.stance,
                "summary": p.summary,
                "as_of": _day(p.as_of) or None,
                "origin": p.origin,
                "verified": p.verified,
                "outlet": p.source.outlet if p.source else None,
                "url": p.source.url if p.source else None,
            }
            for p in export.positions
        ],
        "quotes": [quote(r) for r in export.quotes],
        "truncated": export.truncated,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _blockquote(row: ExportQuote) -> list[str]:
    words = [f"> {_md(line)}" if line.strip() else ">" for line in row.text.splitlines() or [""]]
    who = _md(row.speaker or "unattributed")
    if row.role:
        who += f", {_md(row.role)}"
    if row.party:
        who += f" ({_md(row.party)})"
    when = f", {_day(row.said_on)}" if row.said_on else ""
    outlet = _md(row.outlet or "source")
    where = f"[{outlet}]({row.url})" if row.url else outlet
    reported = f" {_day(row.reported_on)}" if row.reported_on else ""
    mark = " · verified" if row.verified else ""
    return [*words, ">", f"> — {who}{when} · {where}{reported}{mark}"]


def _cite(row: Any) -> str:
    source = row.source
    if source is None:
        return ""
    label = _md(source.outlet or source.title or "source")
    return f" ([{label}]({source.url}))" if source.url else f" ({label})"


def _md(text: str) -> str:
    """Keep article text from turning into Markdown structure (links, emphasis, headings)."""
    out = text.replace("\\", "\\\\")
    for ch in "[]*_`<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split()) if "\n" in out else out


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""

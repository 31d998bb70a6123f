"""HTML pages to article text and metadata, with trafilatura doing the boilerplate removal."""

from __future__ import annotations

import logging

from store.ingest.sources import RawArticle, ReadFailure, parse_date

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def article_from_html(name: str, html: str, *, url: str | None = None) -> RawArticle | ReadFailure:
    import trafilatura  # imported here: it is slow to import and only HTML inputs need it

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as error:  # trafilatura raises many kinds on broken markup
        return ReadFailure(name, f"cannot parse HTML ({type(error).__name__})")
    fields = _Fields(doc)
    text: str = fields.get("text") or ""
    if not text.strip():
        return ReadFailure(name, "no article text found in the HTML")
    title = (fields.get("title") or "").strip() or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    try:
        published = parse_date(fields.get("date"))
    except ValueError:
        published = None
    return RawArticle(
        name=name,
        text="\n\n".join(line for line in text.split("\n") if line.strip()),
        title=title,
        url=url or fields.get("url") or None,
        published=published,
        outlet=(fields.get("sitename") or "").strip() or None,
    )


class _Fields:
    """trafilatura returns a Document (slots) or, in older versions, a dict: read either the same way."""

    def __init__(self, doc: object) -> None:
        self.doc = doc

    def get(self, name: str) -> str | None:
        if isinstance(self.doc, dict):
            return self.doc.get(name)
        return getattr(self.doc, name, None)

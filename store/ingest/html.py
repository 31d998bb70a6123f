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
    if doc is None or not (doc.text or "").strip():
        return ReadFailure(name, "no article text found in the HTML")
    text = doc.text
    title = (doc.title or "").strip() or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    try:
        published = parse_date(doc.date)
    except ValueError:
        published = None
    return RawArticle(
        name=name,
        text="\n\n".join(line for line in text.split("\n") if line.strip()),
        title=title,
        url=url or doc.url or None,
        published=published,
        outlet=(doc.sitename or "").strip() or None,
    )

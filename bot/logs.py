"""Logging set-up shared by every command: one line per event, and never a secret.

Slack tokens (xoxb-, xoxp-, xapp-, xoxe-) and signing secrets are masked by a filter on the root
handler, so a library that logs a request header or a URL cannot leak them into the logs.
"""

from __future__ import annotations

import logging
import re
import sys
import time

_TOKEN = re.compile(r"\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+")


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s and len(s) >= 6)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "xox" in message or "xapp-" in message:
            message = _TOKEN.sub("xox?-[redacted]", message)
        for secret in self.secrets:
            if secret in message:
                message = message.replace(secret, "[redacted]")
        record.msg, record.args = message, None  # formatted once: the formatter need not do it again
        return True


class SecondsCachedFormatter(logging.Formatter):
    """The default timestamp (``2026-11-27 20:46:56,123``), its date and time formatted once a second.

    One line per request makes this the hot part of logging: ``strftime`` costs more than the rest.
    """

    _cached: tuple[int, str] = (-1, "")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        if datefmt:
            return super().formatTime(record, datefmt)
        second, text = self._cached
        if second != int(record.created):
            second = int(record.created)
            text = time.strftime(self.default_time_format, self.converter(record.created))
            self._cached = (second, text)
        return f"{text},{int(record.msecs):03d}"


def setup_logging(level: str = "INFO", *, secrets: tuple[str | None, ...] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SecondsCachedFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(tuple(s for s in secrets if s)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("alembic", "httpx", "httpcore", "urllib3", "apscheduler.executors.default"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))

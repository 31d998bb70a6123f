"""One real `nafta-bot serve` per test module, a fake Slack Web API it talks to, and a signed sender.

Starting the server once per module keeps the suite quick; every test uses its own response_url
name, channel or event id, so tests read only their own calls from the shared fake.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.fakeslack import FakeSlack
from testkit.serving import ServeProcess, start_http_server
from testkit.slack import SlackSender
from tests.conftest import MigratedTemplate


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="module")
def module_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("slack")


@pytest.fixture(scope="module")
def module_database(migrated_template: MigratedTemplate, module_folder: Path) -> Iterator[str]:
    """A migrated store with the bundled knowledge, made before the server starts."""
    with migrated_template.copy(module_folder) as url:
        yield url


@pytest.fixture(scope="module")
def server(module_database: str, fake_slack: FakeSlack, module_folder: Path) -> Iterator[ServeProcess]:
    process = start_http_server(module_database, fake_slack, module_folder)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def slack(server: ServeProcess, fake_slack: FakeSlack) -> Iterator[SlackSender]:
    sender = SlackSender(server.url, fake_slack)
    yield sender
    sender.http.close()

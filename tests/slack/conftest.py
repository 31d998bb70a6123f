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
def slack_listener() -> Iterator[FakeSlack]:
    """The fake Slack's address, which this module's server is started with."""
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(slack_listener: FakeSlack) -> FakeSlack:
    """A fake Slack of this test's own: no call, fault or reply left from an earlier test."""
    return slack_listener.reset()


@pytest.fixture(scope="module")
def module_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("slack")


@pytest.fixture(scope="module")
def module_database(migrated_template: MigratedTemplate, module_folder: Path) -> Iterator[str]:
    """A migrated store with the bundled knowledge, made before the server starts."""
    with migrated_template.copy(module_folder) as url:
        yield url


@pytest.fixture(scope="module")
def server(module_database: str, slack_listener: FakeSlack, module_folder: Path) -> Iterator[ServeProcess]:
    process = start_http_server(module_database, slack_listener, module_folder)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def slack(server: ServeProcess, slack_listener: FakeSlack) -> Iterator[SlackSender]:
    sender = SlackSender(server.url, slack_listener)
    yield sender
    sender.http.close()

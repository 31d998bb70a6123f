"""The plain functions behind the listeners, tested directly: no Slack, no HTTP."""

from __future__ import annotations

import json
import threading

from slack_bolt import BoltRequest, BoltResponse

from bot.dispatch import describe
from bot.server import ThreadDispatcher
from handlers.actions.buttons import in_same_place, party_query
from handlers.deadline import LOOKING_IT_UP, RACE_KEY, SORRY, AckRace, answer_or_hand_over
from handlers.events.dedupe import first_delivery
from handlers.events.mentions import is_question, question_text
from handlers.query.parse import Query


class RacingApp:
    """Stands in for the Bolt app: its `/nafta` listener races like ``handle_nafta``."""

    def __init__(self, compute) -> None:  # type: ignore[no-untyped-def]
        self.compute, self.late = compute, []

    def dispatch(self, request: BoltRequest) -> BoltResponse:
        message = answer_or_hand_over(request.context[RACE_KEY], self.compute, self.late.append)
        return BoltResponse(status=200, body=json.dumps(LOOKING_IT_UP if message is None else message))


def command() -> BoltRequest:
    return BoltRequest(body="command=%2Fnafta&text=autos", headers={})


def test_a_ready_answer_is_returned_for_the_ack_and_never_delivered_again():
    app = RacingApp(lambda: {"text": "autos"})
    dispatcher = ThreadDispatcher(app, command_threads=2, deadline=30)  # type: ignore[arg-type]

    response = dispatcher.answer(command())

    dispatcher.shutdown()
    assert json.loads(response.body) == {"text": "autos"}
    assert app.late == []


def test_a_late_answer_is_acked_as_looking_it_up_then_handed_over_once_it_is_ready():
    release = threading.Event()

    def slow() -> dict:
        release.wait(30)
        return {"text": "autos"}

    app = RacingApp(slow)
    dispatcher = ThreadDispatcher(app, command_threads=2, deadline=0.05)  # type: ignore[arg-type]
    request = command()

    response = dispatcher.answer(request)

    assert json.loads(response.body)["text"] == LOOKING_IT_UP["text"]
    assert request.context[RACE_KEY].deferred
    assert app.late == []
    release.set()
    dispatcher.shutdown()
    assert app.late == [{"text": "autos"}]


def test_a_failing_answer_becomes_an_apology_not_an_exception():
    def broken() -> dict:
        raise RuntimeError("database exploded")

    assert answer_or_hand_over(AckRace(), broken, lambda m: None) == SORRY


def test_an_answer_ready_before_the_deadline_goes_in_the_ack_and_the_waiter_stands_down():
    race, late = AckRace(), []

    assert answer_or_hand_over(race, lambda: {"text": "autos"}, late.append) == {"text": "autos"}
    assert not race.give_up()
    assert not race.deferred
    assert late == []


def test_after_the_waiter_gave_up_the_answer_goes_to_respond_exactly_once():
    race, late = AckRace(), []

    assert race.give_up()
    assert race.deferred
    assert race.gave_up_at is not None
    assert answer_or_hand_over(race, lambda: {"text": "autos"}, late.append) is None
    assert late == [{"text": "autos"}]
    assert race.give_up()


def test_the_mention_is_taken_off_the_question():
    assert question_text("<@UNAFTABOT> autos canada") == "autos canada"
    assert question_text("<@UNAFTABOT|nafta-bot>: <@UNAFTABOT> lighthizer") == "lighthizer"
    assert question_text("what about <@U0BOSS>") == "what about <@U0BOSS>"


def test_only_people_writing_to_the_bot_are_questions():
    assert is_question({"user": "U1", "text": "autos"}, bot_user_id="UBOT")
    assert not is_question({"user": "UBOT", "text": "autos"}, bot_user_id="UBOT")
    assert not is_question({"user": "U1", "bot_id": "B1"}, bot_user_id="UBOT")
    assert not is_question({"user": "U1", "subtype": "message_changed"}, bot_user_id="UBOT")
    assert not is_question({"text": "no author"}, bot_user_id="UBOT")


def test_a_party_choice_becomes_a_topic_query():
    assert party_query("topic:autos", "canada") == Query("topic", topic="autos", party="canada")
    assert party_query("topic:autos", "all") == Query("topic", topic="autos", party=None)
    assert party_query("something-else", "canada").kind == "invalid"


def test_a_click_on_an_ephemeral_message_stays_private():
    query = Query("topic", topic="autos")
    assert in_same_place(query, {"container": {"is_ephemeral": True}}).private
    assert not in_same_place(query, {"container": {"is_ephemeral": False}}).private
    assert not in_same_place(query, {}).private


def test_a_retried_event_id_is_only_delivered_once(engine):
    assert first_delivery(engine, "Ev1")
    assert not first_delivery(engine, "Ev1")
    assert first_delivery(engine, "Ev2")
    assert first_delivery(engine, None)


def test_the_request_log_names_the_request_without_what_else_was_typed():
    command = BoltRequest(body="command=%2Fnafta&text=Autos+%3C%21channel%3E+secret-plan", headers={})
    retry = BoltRequest(
        body='{"type":"event_callback","event":{"type":"app_mention"}}',
        headers={"content-type": "application/json", "x-slack-retry-num": "1"},
    )

    assert describe(command) == "command nafta autos"
    assert describe(retry) == "event app_mention (retry 1)"

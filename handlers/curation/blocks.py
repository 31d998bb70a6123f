"""Block Kit pieces for modals: inputs, selects, pickers, every one clipped to Slack's limits."""

from __future__ import annotations

import json
from typing import Any

from handlers.render import blockkit as bk

Block = dict[str, Any]
TITLE_CHARS = 24
METADATA_CHARS = 3000
LABEL_CHARS = 2000


def plain(text: str, limit: int = bk.OPTION_TEXT) -> dict[str, Any]:
    return {"type": "plain_text", "text": bk.clip(text, limit) or " "}


def option(label: str, value: str) -> dict[str, Any]:
    return {"text": plain(label), "value": value[: bk.OPTION_VALUE]}


def modal(
    callback_id: str,
    title: str,
    blocks: list[Block],
    *,
    submit: str | None = "Save",
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, TITLE_CHARS),
        "close": plain("Cancel" if submit else "Close"),
        "blocks": blocks[: bk.MAX_MODAL_BLOCKS],
    }
    if submit:
        view["submit"] = plain(submit)
    if metadata:
        view["private_metadata"] = json.dumps(metadata, separators=(",", ":"))[:METADATA_CHARS]
    return view


def notice(title: str, text: str) -> dict[str, Any]:
    """A modal with just a message and a Close button (e.g. a refusal)."""
    return modal("nafta_notice", title, [bk.section(bk.escape(text))], submit=None)


def input_block(
    block_id: str, label: str, element: Block, *, optional: bool = False, hint: str = ""
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, LABEL_CHARS),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, LABEL_CHARS)
    return block


def text_input(
    action_id: str,
    *,
    max_length: int,
    initial: str | None = None,
    multiline: bool = False,
    placeholder: str = "",
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": action_id,
        "max_length": max_length,
        "multiline": multiline,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def static_select(action_id: str, options: list[tuple[str, str]], *, initial: str | None = None) -> Block:
    rendered = [option(label, value) for label, value in options[: bk.MAX_OPTIONS]]
    element: Block = {"type": "static_select", "action_id": action_id, "options": rendered}
    chosen = next((o for o in rendered if o["value"] == initial), None)
    if chosen:
        element["initial_option"] = chosen
    return element


def multi_select(action_id: str, options: list[tuple[str, str]], *, initial: tuple[str, ...] = ()) -> Block:
    rendered = [option(label, value) for label, value in options[: bk.MAX_OPTIONS]]
    element: Block = {"type": "multi_static_select", "action_id": action_id, "options": rendered}
    chosen = [o for o in rendered if o["value"] in initial]
    if chosen:
        element["initial_options"] = chosen
    return element


def external_select(
    action_id: str, *, initial: tuple[str, str] | None = None, placeholder: str = ""
) -> Block:
    element: Block = {"type": "external_select", "action_id": action_id, "min_query_length": 2}
    if initial:
        element["initial_option"] = option(*initial)
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def radio(action_id: str, options: list[tuple[str, str]], *, initial: str | None = None) -> Block:
    rendered = [option(label, value) for label, value in options]
    element: Block = {"type": "radio_buttons", "action_id": action_id, "options": rendered}
    chosen = next((o for o in rendered if o["value"] == initial), None)
    if chosen:
        element["initial_option"] = chosen
    return element


def checkbox(action_id: str, label: str, value: str, *, checked: bool) -> Block:
    rendered = option(label, value)
    element: Block = {"type": "checkboxes", "action_id": action_id, "options": [rendered]}
    if checked:
        element["initial_options"] = [rendered]
    return element


def datepicker(action_id: str, *, initial: str | None = None) -> Block:
    element: Block = {"type": "datepicker", "action_id": action_id}
    if initial:
        element["initial_date"] = initial
    return element


# ---------------------------------------------------------------------- reading a submitted view


def value_of(values: dict[str, Any], block_id: str) -> Any:
    """What the user set in ``block_id``: text, the chosen value, a list of values, or a date string."""
    state = next(iter((values.get(block_id) or {}).values()), None)
    if not isinstance(state, dict):
        return None
    kind = state.get("type")
    if kind == "plain_text_input":
        return state.get("value")
    if kind in {"static_select", "external_select", "radio_buttons"}:
        return (state.get("selected_option") or {}).get("value")
    if kind in {"multi_static_select", "checkboxes"}:
        return [str(o.get("value")) for o in state.get("selected_options") or [] if isinstance(o, dict)]
    if kind == "datepicker":
        return state.get("selected_date")
    return None


def metadata_of(view: dict[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(str(view.get("private_metadata") or "{}"))
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}

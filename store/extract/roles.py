"""A speaker's role as a reader should see it: "Canada's foreign minister", "Republican senator from Texas".

Roles are read off the words around a name, so they can carry what is not a role: the conjunction that
opened the sentence ("And Israeli Prime Minister"), a relative clause ("who negotiated ..."), a verb or
place fragment ("told me", "in Iowa"), the start of a quote. ``clean_role`` keeps the role and drops
the rest; what is left when nothing is a role is None.
"""

from __future__ import annotations

import re

from store.extract import lexicon as lx
from store.extract.marks import MASK

# Abbreviated titles written out when they are all a role says: "Sen." -> "Senator".
TITLE_EXPANSIONS = {
    "Sen.": "Senator",
    "Sens.": "Senators",
    "Sen": "Senator",
    "Rep.": "Representative",
    "Reps.": "Representatives",
    "Rep": "Representative",
    "Gov.": "Governor",
    "Gov": "Governor",
    "Lt.": "Lieutenant",
    "Gen.": "General",
    "Col.": "Colonel",
    "Capt.": "Captain",
    "Adm.": "Admiral",
    "Sgt.": "Sergeant",
    "Prof.": "Professor",
}
# First words that show the text is not a role but a clause, a verb or a place: "who served ...",
# "told me", "in Iowa", "writing in the Post".
NOT_ROLE_STARTS = frozenset(
    "who whom whose which while when where as in at on to from with by for about after before during "
    "told tells wrote writes said says added adds tweeted writing speaking explaining noting saying "
    "me him her them us it is was were has had".split()
)
# Where a role ends: a relative or subordinate clause, a quote, a colon, a sentence end.
_ROLE_END = re.compile(
    rf",?\s+(?:who|which|whose|while|when|where|because|although|though|said|says|told|added)\b|[{MASK}“”\"]|:\s|;|"
    r"(?<=[a-z]{3})\.\s"
)
_ROLE_MAX = 160


def clean_role(role: str | None) -> str | None:
    """The role without what is not a role; None when nothing is.

    >>> clean_role("And Israeli Prime Minister"), clean_role("told me"), clean_role("Rep.")
    ('Israeli Prime Minister', None, 'Representative')
    """
    if not role:
        return None
    text = _ROLE_END.split(role.strip(), maxsplit=1)[0].strip(" ,;:—–-")
    words = text.split()
    while words and (words[0].strip(",") in lx.OPENERS or words[0].lower() in {"and", "but", "or", "so"}):
        words.pop(0)
    while words and words[-1].lower() in {"and", "or", "but", "the", "a", "an", "of"}:
        words.pop()
    text = " ".join(words).strip(" ,;:—–-")
    if not text or text.split()[0].lower().strip(",") in NOT_ROLE_STARTS:
        return None
    head, sep, rest = text.partition(",")
    *lead, last = head.split()
    if last in TITLE_EXPANSIONS:  # "Iowa Sen." -> "Iowa Senator"
        text = " ".join([*lead, TITLE_EXPANSIONS[last]]) + (sep + rest if rest.strip() else "")
    if len(text) > _ROLE_MAX:
        cut = max(text.rfind(",", 0, _ROLE_MAX), text.rfind(" and ", 0, _ROLE_MAX))
        text = text[:cut] if cut > 20 else text[:_ROLE_MAX].rsplit(" ", 1)[0]
    text = text.strip(" ,;:—–-")
    if re.search(r"\b[a-z]{3,}\.$", text):  # "a former Senate aide." but not "Iowa Sen." or "U.S."
        text = text[:-1]
    return text or None

"""The wording rules of stances and chapter statuses, as data: each table maps a stance (or status) to
the phrases that express it, as regular expressions over running text. ``store.extract.positions``
compiles them once; tests read them to check they stay free of duplicates and overlaps.

Order matters inside STANCES and QUOTE_STANCES: the first stance whose phrase matches wins ("wants to
keep" is "defends" before "wants" is "demands").
"""

from __future__ import annotations

STANCES: dict[str, tuple[str, ...]] = {
    "concedes": (
        r"(?:dropped|abandoned|softened|withdrew|gave up(?: on)?) (?:its|his|her|their) "
        r"(?:demands?|proposals?|insistence)",
        r"backed (?:down|off|away from)",
        r"gave ground",
        r"conceded",
        r"relented",
        r"caved",
    ),
    "threatens": (
        r"threaten(?:ed|s|ing)?",
        r"renewed (?:his|her|its|their) threats?",
        r"warned (?:that )?(?:it|he|she|they) (?:would|will|could)",
        r"(?:will|would|plans? to|intends? to|is going to|vowed to) (?:formally |soon |now )?"
        r"(?:terminate|withdraw from|pull out of|scrap|tear up|rip up|exit|quit|get rid of|impose|slap)",
    ),
    "opposes": (
        r"will not accept|won't accept|cannot accept|can't accept|refuses? to accept",
        r"does not want|doesn't want",
        r"rejected|rejects|rejecting|opposes|opposed|opposing|balked at|balks at|balking at",
        r"refused|refuses|resisted|resists|resisting|objected to|objects to|dismissed",
        r"pushed back (?:on|against)|pushing back (?:on|against)",
        r"denounced|disagrees? with|criticized|criticised",
    ),
    "defends": (
        r"wants? to (?:keep|protect|preserve|maintain|retain)",
        r"(?:fought|fights|is fighting|vowed) to (?:keep|protect|preserve|maintain)",
        r"insist(?:s|ed)? on (?:keeping|preserving|protecting|maintaining)",
        r"defends|defended|defending",
    ),
    "proposes": (
        r"plans? to offer|proposed|proposes|proposing|offered|offers|tabled|floated|put forward|unveiled",
        r"presented (?:a|its|his|her|their) (?:proposal|plan|offer)",
    ),
    "supports": (
        r"agreed to|agreed on|agrees to|accepted|accepts|supports|supported|backs|backed|endorsed|endorses",
        r"welcomed|welcomes|is open to|was open to|are open to|(?:is|was|are|were) willing to",
    ),
    "demands": (
        r"wants|wanted|seeks|sought|is seeking|demands|demanded|insists on|insisted on|pushed for|pushes for",
        r"is pushing for|pressed for|presses for|called for|calls for|urged|urges|asked for|is asking for",
    ),
}
NOMINAL_STANCES: dict[str, tuple[str, ...]] = {
    "demands": (r"push for", r"demands? for", r"insistence on", r"call for", r"bid for"),
    "proposes": (r"proposals? (?:for|to|on)", r"offer (?:of|to|on)"),
    "opposes": (r"opposition to", r"rejection of", r"refusal to"),
    "threatens": (r"threats? (?:to|of)",),
}
# Stances reported from the other side: "opposition to the tariffs from congressional Republicans",
# "received short shrift from Ottawa"; the parties after "from" hold them.
FROM_STANCES: dict[str, tuple[str, ...]] = {
    "opposes": (
        r"(?:opposition|resistance|pushback|push-back|criticism|objections?|backlash|a cold reception)"
        r"(?: to| against| over| on)?",
        r"short shrift",
    ),
    "demands": (r"(?:calls|demands|pressure) (?:for|to)",),
}
# A party's people stating a stance in their own words (source "quote"): tried on the quote's text, in
# order, for quotes about the negotiation with a topic and a speaker whose party is known.
QUOTE_STANCES: dict[str, tuple[str, ...]] = {
    "threatens": (
        r"\beither\b[^.]{0,30}\btariffs?\b",
        r"\b(?:will|would|could|may|might|going to)\s+(?:have to\s+)?"
        r"(?:tax|terminate|withdraw|pull out|scrap|impose|put (?:a )?tariffs?)\b",
        r"\btariffs?\b[^.]{0,60}\b(?:only )?come off (?:if|when)\b",
        r"\bor else\b",
    ),
    "opposes": (
        r"\bdisagrees?\b|\boppose[sd]?\b|\breject(?:s|ed)?\b|\bunacceptable\b",
        r"\b(?:won't|will not|cannot|can't|would never) accept\b",
    ),
    "demands": (r"\bmust\b", r"\bwe (?:want|need|urge|insist)\b", r"\b(?:has|have|needs?) to\b"),
    "supports": (r"\bwe (?:support|welcome|back)\b|\b(?:support|supports) (?:the|this|a)\b",),
}
QUOTE_MIN_STRENGTH = 0.3
# A threat whose object is leaving the pact is about withdrawal, whatever else the sentence names.
WITHDRAWAL_VERBS = r"terminate|withdraw(?: from)?|pull out(?: of)?|scrap|tear up|rip up|exit|quit|get rid of"
# The object points back at something named earlier: its topic is the one the story named last.
ANAPHORS = r"such|these|those|this|that|the same|it|them|the proposal|the demand|the plan|the idea"
# Definite mentions of a measure the story has described: their topic is the one named last.
MEASURES = r"the (?:tariffs|duties|levies|move|measure|proposal|demand|plan|provision|clause|rules?)"
STATUSES: dict[str, tuple[str, ...]] = {
    "agreed": (
        r"reached (?:an |a |the )?(?:[\w-]+ ){0,2}(?:agreement|deal|consensus|compromise|understanding)",
        r"(?:agreement|deal|compromise|consensus) (?:was |has been )?reached",
        r"closed (?:the |a )?(?:\w+ )?chapters?",
        r"struck (?:a|the) deal|sealed (?:a|the) deal|settled on|resolved (?:their|the) differences",
        r"agreed on|wrapped up talks on|concluded (?:talks|negotiations) on",
    ),
    "converging": (
        r"close to (?:a deal|an agreement|resolving|agreement|a compromise)",
        r"closer to (?:a deal|an agreement)",
        r"significant progress|substantial progress|making progress|made progress|breakthroughs?",
        r"narrow(?:ed|ing)? (?:the |their )?(?:gap|gaps|differences)|converg\w+|nearing (?:a deal|agreement)",
    ),
    "deadlocked": (
        r"sticking points?|stumbling blocks?|impasse|deadlock(?:ed)?|stalled|at odds|far apart",
        r"no progress|unresolved|logjam|stalemate|remain(?:s|ed)? divided|at loggerheads",
    ),
    "proposals tabled": (
        r"tabled (?:a |its |their |his |her )?(?:\w+ )?proposals?",
        r"put forward (?:a |its |their )?(?:\w+ )?proposals?",
        r"(?:unveiled|presented|submitted|floated) (?:a |its |their |the )?(?:\w+ )?proposals?",
    ),
}
# What a concluded deal contains: "agreed" for the topics named, in a story that reports a deal done.
DEAL_CONTENTS: tuple[str, ...] = (
    r"the (?:new |revised |updated )?(?:agreement|deal|pact|accord) (?:also )?(?:includes|contains|requires|"
    r"calls for|sets|raises|keeps|preserves|eliminates|extends|would require|will require)",
    r"under the (?:new |revised )?(?:rules|deal|agreement|pact|accord)",
)
# Wording that reports a deal concluded.
DEAL_DONE: tuple[str, ...] = (
    r"reached (?:an |a )?(?:[\w-]+ ){0,2}(?:agreement|deal)",
    r"struck (?:a|the) deal",
    r"(?:deal|agreement) (?:was|has been) reached",
    r"signed (?:the|a) (?:new )?(?:deal|agreement|pact)",
    r"announced (?:the|a) (?:new )?(?:deal|agreement)",
    r"(?:deal|agreement) announced",
    r"the deal is done",
)
# In a story that reports a deal done, what "were sticking points" is history, not where talks stand.
PAST_MARKERS = r"\b(?:had been|were|was|included|had)\b"

# Agreeing "to negotiate" or refusing "to meet" is about the talks, not a stance on a chapter.
PROCEDURAL: tuple[str, ...] = (
    "negotiate",
    "talk",
    "meet",
    "continue",
    "resume",
    "return",
    "keep talking",
    "sit down",
    "hold talks",
    "extend the talks",
)

"""The wording rules of stances and chapter statuses, as data: each table maps a stance (or status) to
the phrases that express it, as regular expressions over running text. ``store.extract.positions``
compiles them once; tests read them to check they stay free of duplicates and overlaps.

Order matters inside STANCES and QUOTE_STANCES: the first stance whose phrase matches wins ("wants to
keep" is "defends" before "wants" is "demands").
"""

from __future__ import annotations

# What a plea asks a party not to do, for it to be opposition to the measure.
PLEA_OBJECTS = (
    r"go ahead|move forward|proceed|press ahead|push ahead|follow through|impose|slap|raise|expand|extend|"
    r"withdraw|pull out|terminate|scrap|abandon|tear up|walk away"
)
# Those who forecast what a party would do; a modal stance in their sentence is their guess, not the party's.
FORECASTERS = (
    r"\b(?:analysts?|economists?|experts?|observers?|strategists?|forecasters?|traders|investors|markets?)\b"
    r"[^.;]{0,40}?\b(?:said|say|says|expect|expects|expected|predict|predicts|predicted|believe|believes|"
    r"think|thinks|forecast|forecasts|bet|reckon|reckons|estimate|estimated)\b"
)
MODALS = r"(?:would|could|might|may|will)\b"
STANCES: dict[str, tuple[str, ...]] = {
    "concedes": (
        r"(?:dropped|abandoned|softened|withdrew|gave up(?: on)?) (?:its|his|her|their) "
        r"(?:demands?|proposals?|insistence)",
        r"backed (?:down|off|away from)",
        r"(?:looks|looked|appears?|appeared|seems?|seemed|is|was|are|were) (?:set|poised|prepared|ready) to "
        r"(?:offer|give|grant|open|allow|accept)",
        r"gave ground",
        r"conceded",
        r"relented",
        r"caved",
    ),
    "threatens": (
        r"threaten(?:ed|s|ing)?",
        r"renewed (?:his|her|its|their) threats?",
        r"warned (?:that )?(?:it|he|she|they) (?:would|will|could)",
        r"(?:will|would|plans? to|intends? to|is going to|vowed to) (?:formally |soon )?"
        r"give (?:formal |official )?notice",
        # "said Mexico must sign or face exclusion", "warned carmakers they should build here or pay a tax"
        r"(?:said|says|warned|warns|told(?: [\w.]+){1,3}?|tweeted|wrote) (?:that )?"
        r"(?=(?:[\w.]+ ){1,3}(?:must|has to|have to|had to|would have to|should|needs? to) [^.;]{0,100}? or "
        r"(?:else|be|face|lose|risk|get|pay))",
        r"(?:will|would|plans? to|intends? to|is going to|vowed to) (?:formally |soon |now )?"
        r"(?:terminate|withdraw from|pull out of|scrap|tear up|rip up|exit|quit|get rid of|impose|slap|"
        r"crater|kill|torpedo|ditch|dump|junk|blow up|walk away from)",
    ),
    "opposes": (
        r"will not accept|won't accept|cannot accept|can't accept|refuses? to accept",
        r"(?:would|will) (?:never|not) (?:accept|agree to)|wouldn't (?:accept|agree to)",
        r"does not want|doesn't want",
        r"rejected|rejects|rejecting|opposes|opposed|opposing|balked at|balks at|balking at",
        r"refused|refuses|resisted|resists|resisting|objected to|objects to|dismissed",
        r"pushed back (?:on|against)|pushing back (?:on|against)",
        r"denounced|disagrees? with|criticized|criticised",
        r"(?:sent|wrote|signed) (?:[\w.]+ ){0,3}letters? (?:urging|asking|calling on) (?:[\w.]+ ){0,3}not to",
        # a plea against the measure: "(sent a letter) begging the president not to go ahead with the
        # tariffs"; not a plea against anything else ("urged Canada not to retaliate")
        r"(?:(?:sent|wrote|signed) (?:[\w.]+ ){0,3}letters? )?"
        r"(?:begged|begging|implored|imploring|pleaded with|pleading with|beseeching|urged|urging|asked|"
        rf"asking) (?:[\w.]+ ){{1,3}}not to (?:{PLEA_OBJECTS})\b",
        r"(?:sent|wrote|signed) (?:[\w.]+ ){0,3}letters? (?:opposing|against|criticizing|criticising)",
        r"complain(?:ed|s|ing)? about|rail(?:ed|s|ing)? against",
        # a verdict on the measure: "Ottawa has said the tariffs are unacceptable"
        r"(?:said|says) (?:that )?(?=(?:the |these |those |its |their |such )?(?:[\w-]+ ){0,3}"
        r"(?:is|are|was|were|"
        r"would be) (?:unacceptable|a non-?starter|illegal|unjustified|absurd|insulting)\b)",
        r"called (?=(?:the |these |those |its |their |such )?(?:[\w-]+ ){0,3}(?:unacceptable|a non-?starter|"
        r"illegal|unjustified|absurd|insulting)\b)",
    ),
    "defends": (
        r"wants? to (?:keep|protect|preserve|maintain|retain)",
        r"(?:fought|fights|is fighting|vowed) to (?:keep|protect|preserve|maintain)",
        r"insist(?:s|ed)? on (?:keeping|preserving|protecting|maintaining)",
        r"defends|defended|defending",
    ),
    "proposes": (
        # an offer on a condition: "would lift the metals tariffs if a new deal were signed"
        r"(?:would|will|could|is willing to|was willing to) "
        r"(?:(?:also|then|quickly|immediately|gladly|soon) )?(?:lift|remove|drop|ease|end|waive|suspend)"
        r"(?=[^.;]{1,100}?\b(?:if|once|as soon as|provided|in exchange for|in return for)\b)",
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
        r"want|would like to see",
        r"(?:pushed|pushing|pressed|pressing|pressured|pressuring) (?:[\w.]+ ){1,4}to",
        r"succeeded in (?:pushing|getting|forcing|persuading)",
        r"(?:won|got|secured) (?:[\w-]+ ){0,2}"
        r"(?:wins?|victories|changes|concessions|an? exemption|exemptions|"
        r"carve-outs?|guarantees)",
        r"pleaded with|begged|lobbied (?:[\w.]+ ){1,3}to",
        r"demanding|insisting on|calling for|urging|asking for",
        r"(?:sent|wrote|signed) (?:[\w.]+ ){0,3}letters? (?:urging|asking|calling (?:on|for)|demanding)",
        r"told (?:[\w.]+ ){1,6}?(?:that )?(?:the two (?:leaders|countries|sides) |they |he |she |it )?"
        r"(?:should|must|needs? to|had to|would have to) (?:\w+ ){0,3}"
        r"(?:remove|lift|drop|end|eliminate|scrap)",
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
_PACT_NOUN = r"(?:agreement|deal|pact|usmca|nafta|treaty)"
# A threat's penalty in a party's own words ("Build it here or pay a big border tax!"): read before any other
# stance of the quote, for the demand it enforces ("must sign by Friday") is the threat's condition.
QUOTE_PENALTIES: tuple[str, ...] = (
    r"\bor else\b",
    r"\bor (?:(?:they|you|it|he|she|we) (?:will|'ll|would) )?"
    r"(?:pay|face|be hit with|risk|lose|be left out|be cut out|be shut out)\b",
)
QUOTE_STANCES: dict[str, tuple[str, ...]] = {
    "threatens": (
        r"\beither\b[^.]{0,30}\btariffs?\b",
        r"\b(?:will|would|could|may|might|going to)\s+(?:have to\s+)?"
        r"(?:tax|terminate|withdraw|pull out|scrap|impose|put (?:a )?tariffs?)\b",
        r"\btariffs?\b[^.]{0,60}\b(?:only )?come off (?:if|when)\b",
        *QUOTE_PENALTIES,
    ),
    "opposes": (
        r"\bdisagrees?\b|\boppose[sd]?\b|\breject(?:s|ed)?\b|\bunacceptable\b",
        r"\b(?:won't|will not|cannot|can't|would never) accept\b",
    ),
    "demands": (r"\bmust\b", r"\bwe (?:want|need|urge|insist)\b", r"\b(?:has|have|needs?) to\b"),
    "supports": (
        r"\bwe (?:support|welcome|back)\b|\b(?:support|supports) (?:the|this|a)\b",
        # praise of a feature of the new deal: "What the new agreement does is ...", "The best part of this
        # deal is ..."
        rf"\b[Ww]hat (?:the|this|our) (?:new |revised |updated )?{_PACT_NOUN} (?:really |also )?does is\b",
        r"\b[Tt]he (?:best|greatest|most important|biggest|great|key|real) "
        r"(?:parts?|things?|features?|achievements?|wins?|news) "
        rf"(?:of|about|in) (?:the|this|our) (?:new |revised |updated )?{_PACT_NOUN}\b",
        rf"\b(?:[Tt]he|[Tt]his|[Oo]ur) (?:new |revised |updated )?{_PACT_NOUN} (?:finally )?"
        r"(?:delivers|puts in place)\b",
    ),
}

QUOTE_MIN_STRENGTH = 0.3
# A threat whose object is leaving the pact is about withdrawal, whatever else the sentence names.
WITHDRAWAL_VERBS = (
    r"terminate|withdraw(?: from)?|pull out(?: of)?|scrap|tear up|rip up|exit|quit|get rid of|"
    r"crater|kill|torpedo|ditch|dump|junk|blow up|walk away from|"
    r"(?:take|pull) (?:the [\w.-]+(?: [\w.-]+)?|(?i:america|canada|mexico)|the country|(?:his|her|its|their) "
    r"country) out of|"
    r"give (?:formal |official )?notice"
)
# Being put out of the pact: "face exclusion from the pact", "be left out of the deal", "cut Canada out of the
# agreement" (each needs the pact named after it, PACT_OBJECTS).
EXCLUSIONS = (
    r"exclusion from|(?:be |being |is |are )?excluded from|(?:be |being )?(?:left|shut|cut|kicked) out of|"
    r"(?:cut|shut|leave|kick|keep)(?:s|ing)? (?:[\w.-]+ ){1,2}out of"
)
# The pact itself as the object of leaving: "take the United States out of NAFTA".
PACT_OBJECTS = (
    r"nafta|the north american free trade agreement|usmca|"
    r"(?:the|that|this) (?:(?:three|3|two|2)-(?:nation|country|way) |trilateral |old )?(?:trade )?"
    r"(?:pact|agreement|deal)"
)
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
# What a concluded deal contains: "agreed" for every topic named after the verb ("The new pact includes
# stricter rules for cars, opens Canada's milk market and carries a 16-year expiry clause"), read only in
# a story that reports a deal done or names the new pact (DEAL_NAMES). The subject is the deal itself.
DEAL_SUBJECTS: tuple[str, ...] = (
    r"the (?:new |revised |updated |amended |final |new trilateral |new three-country |trilateral )?"
    r"(?:usmca |cusma |nafta )?(?:trade )?(?:agreement|deal|pact|accord)",
    r"the (?:usmca|cusma|t-mec|new nafta)|usmca|cusma|t-mec|nafta 2\.0",
    r"the (?:changes|new rules|new provisions|new terms)",
)
# "It also opens ...", right after a sentence about the deal's contents.
DEAL_PRONOUNS: tuple[str, ...] = (r"it", r"the pact", r"the deal", r"the agreement")
# The verbs of content, in their base form; "-s" forms and "would"/"will" forms are derived.
DEAL_CONTENT_VERBS: tuple[str, ...] = (
    "include",
    "contain",
    "require",
    "impose",
    "set",
    "set up",
    "boost",
    "open",
    "open up",
    "give",
    "add",
    "carry",
    "put in place",
    "raise",
    "expand",
    "widen",
    "extend",
    "keep",
    "preserve",
    "eliminate",
    "establish",
    "protect",
    "shield",
    "strengthen",
    "tighten",
    "toughen",
    "lower",
    "allow",
    "bar",
    "ban",
    "update",
    "modernize",
    "provide",
    "grant",
    "lock in",
    "maintain",
    "phase out",
    "cover",
    "introduce",
    "replace",
    "call for",
    "mandate",
    "lift",
    "exempt",
    "spare",
    "end",
    "scrap",
    "drop",
    "do away with",
)
# What a deal is built to do counts as its content: "The deal is subject to a review every six years".
DEAL_CONTENT_COPULAS = r"(?:is|are) (?:also )?(?:subject to|intended to|designed to|set to|due to|meant to)"
# What a deal is expected to DO to the economy is a forecast, not its content: "would boost exports".
DEAL_EFFECTS = (
    r"\s*(?:[\w'’.,$-]+\s+){0,5}"
    r"(?:exports?|imports?|jobs|gdp|growth|output|investment|prices|economy|economic)\b"
)
# Wordings that list a deal's contents without a verb of content.
DEAL_CONTENT_LISTS: tuple[str, ...] = (
    r"among (?:the|its) (?:main |key |biggest |other |major )?(?:changes|provisions|highlights|"
    r"new provisions|new rules|concessions|elements)(?: in the (?:new )?(?:deal|agreement|pact))? "
    r"(?:are|is|were|was)",
    r"under the (?:new |revised |updated )?(?:rules|deal|agreement|pact|accord|usmca|cusma|nafta)",
    r"among them (?:are|is)",
    r"what (?:the|this) (?:new |revised )?(?:agreement|deal|pact|usmca) (?:also )?does is(?: to)?",
    r"(?<!no )(?<!any )(?<!an )agreement on",
)
# A content list ends where the story turns to what the deal leaves out or what it did not do.
DEAL_CONTENT_END = (
    r"[;:]\s+(?:but|however)|\s+but\s|,\s+(?:while|although|though|whereas|leaving)\s|\b(?:not|no|nothing|without|except|"
    r"excludes?|leaves?|fails? to)\b"
)
# Words before the subject that make the content hypothetical: "Washington wants the deal to include".
DEAL_HYPOTHETICAL = (
    r"\b(?:if|unless|whether|wants?|wanted|hopes?|seeks?|demands?|insists?|would like|any|should)\b"
)
# Names that exist only for the concluded pact: a story that uses one reports the deal done.
DEAL_NAMES = r"\b(?:usmca|cusma|t-mec|united states-mexico-canada agreement|new nafta|nafta 2\.0)\b"
# Topics a deal's contents never settle: "the new pact replaces NAFTA" is not an agreed withdrawal.
NOT_CONTENTS: frozenset[str] = frozenset({"withdrawal"})
# Wording that reports a deal concluded.
DEAL_DONE: tuple[str, ...] = (
    r"(?:reached|struck|clinched|sealed|finalized|concluded|signed|announced) (?:a |an |the )?"
    r"(?:[\w-]+ ){0,2}(?:agreement|deal|pact)",
    r"(?:deal|agreement) (?:was |has been )?(?:reached|announced|signed)",
    r"agreed (?:to|on) (?:a |the )?(?:new |revised |updated )?(?:trade )?(?:deal|agreement|pact)",
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
    # wanting someone's backing is politics, not a stance on a chapter ("wanted the support of unions")
    "(?:the )?(?:support|backing|votes?|endorsement) of",
)

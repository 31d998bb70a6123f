"""The words that tell the question reader what kind of answer is wanted: named tables, no logic.

Every phrase is in normalised form (lower case, accents and apostrophes dropped, "what's" ->
"what"), matched as whole words. Names of topics, parties and people never live here: they come
from the taxonomy, so another negotiation needs a new TOML file, not a new table.
"""

from __future__ import annotations

# "help", "how do I use this": the usage answer, when nothing else is named.
HELP_CUES: tuple[str, ...] = (
    "help", "usage", "commands", "instructions", "examples", "how do i use", "how to use",
    "how does this work", "how do you work", "what can you do", "what can i ask", "what do you do",
    "what are you", "who are you", "hello", "hi", "hey", "thanks", "thank you",
)  # fmt: skip

# "which topics do you track": the list of topics.
TOPICS_CUES: tuple[str, ...] = (
    "topics", "chapters", "list topics", "what topics", "which topics", "what do you track",
    "what do you cover", "what are you tracking", "what do you follow", "which issues", "what issues",
)  # fmt: skip

# "anything new", "latest on": newest first (a named topic, party or person still narrows it).
LATEST_CUES: tuple[str, ...] = (
    "latest", "news", "anything new", "what new", "what is new", "something new", "whats new", "recent",
    "recently", "update", "updates", "lately", "developments", "happening", "happened", "newest",
    "most recent", "any word", "going on", "wats new", "whats up with", "where are things",
)  # fmt: skip

# "how has it evolved", "history of": how a topic or a party's stance moved over time.
TIMELINE_CUES: tuple[str, ...] = (
    "timeline", "history", "historically", "evolve", "evolved", "evolving", "evolution", "over time",
    "trajectory", "chronology", "progression", "step by step", "over the months", "track record",
)  # fmt: skip
# These count as timeline cues only in a "how …" question ("how has Canada's stance changed").
TIMELINE_WITH_HOW: frozenset[str] = frozenset({
    "change", "changed", "changing", "shift", "shifted", "moved", "progress", "progressed", "unfold",
    "unfolded", "develop", "developed", "gone", "went",
})  # fmt: skip

# "who said …", "anyone talk about …": the words after the cue are searched for, as typed.
SEARCH_CUES: tuple[str, ...] = (
    "who said", "who says", "who called", "who described", "who mentioned", "who talked about",
    "who used", "who referred to", "who warned", "anyone talk about", "anyone talking about",
    "anyone say", "anyone said", "anyone mention", "anyone mentioned", "anybody talk about",
    "anybody say", "anybody mention", "did anyone say", "has anyone said", "quotes with", "quote with",
    "quotes containing", "quotes mentioning", "quotes that mention", "mentions of", "search for",
    "look for", "find quotes", "the phrase", "the words", "quotes about the phrase",
    "who used the phrase", "who used the words",
)  # fmt: skip
# "did Trudeau (actually) say X": a search for X by that person, unless X opens like a topic question.
SAY_WORDS: frozenset[str] = frozenset({"say", "said", "says", "claim", "claimed", "call", "called"})
SAY_LEADS: frozenset[str] = frozenset({"did", "does", "has", "have", "had", "do"})
SAY_SOFTENERS: frozenset[str] = frozenset({"actually", "really", "ever", "once", "even", "just", "truly"})
# "did Grassley say anything on steel": a topic question, not a search for "anything on steel".
SAY_TOPIC_OPENERS: frozenset[str] = frozenset(
    {"anything", "something", "much", "about", "on", "regarding", "re", "of", "what", "whether", "if", "more"}
)

# "what do automakers want": a name that is both a topic and a party is the party when asked like this.
ACTOR_CUES: frozenset[str] = frozenset({
    "want", "wants", "think", "thinks", "say", "says", "said", "saying", "pushing", "push", "pushes",
    "demand", "demands", "demanding", "asking", "ask", "lobbying", "lobby", "stand", "stands",
    "position", "stance", "view", "views", "react", "reacted", "oppose", "opposes", "support", "supports",
    "propose", "proposes", "worried", "concerned", "fighting", "fight", "argue", "argues",
    "complain", "complaining", "hoping",
})  # fmt: skip

# Never a name, never a search word on its own: question words, auxiliaries, pronouns, connectives,
# the vague nouns of a question ("things", "position"), politeness. They make a sentence, not a query.
FILLER: frozenset[str] = frozenset("""
a an the of in on at to for from with without by about regarding re wrt w and or but nor so as than
then vs versus into onto over under up down out off per via between across around against
what whats which who whom whose where wheres when why how hows whether if
is are was were be been being am do does did done doing has have had having will would shall should
can could may might must isnt arent wasnt dont doesnt didnt havent hasnt wont cant
i im ive me my mine we were our ours you your yours they theyre them their theirs he hes him his she
shes her hers it its itself this that these those there theres here someone somebody anyone anybody
everyone everybody one ones
any anything something everything nothing some all much many more most less least few other another
such same own just only also still yet already even ever really actually very too quite again now
please pls plz tell show give get got let know see find me us lets want wanna gonna need
thing things stuff matter issue issues question questions
position positions stance stances stand stands standing view views status state play
take takes think thinks say says said saying talk talking talks comment comments commented
quote quotes quoted statement statements remark remarks word words
going go goes went come comes came doing look looking
current currently now today right new latest
file front side sides point points part
table agreement deal deals trade
""".split())  # fmt: skip

# A question about these is not one the bot can answer, whatever else it names ("weather in Ottawa").
OUT_OF_SCOPE: tuple[str, ...] = (
    "weather", "forecast", "temperature", "rain", "snow", "stock price", "stock prices", "stock",
    "stocks", "share price", "shares", "stock market", "exchange rate", "usd", "mxn", "loonie",
    "bitcoin", "crypto", "game", "score", "playoffs", "hockey", "baseball", "football", "soccer", "nhl",
    "nba", "nfl", "recipe", "movie", "movies", "lottery", "horoscope", "traffic", "flight", "flights",
    "hotel", "restaurant",
)  # fmt: skip

# Follow-ups in a thread: these openers refine the thread's last question instead of replacing it
# ("and mexico?", "what about dairy"). A bare name ("mexico?") is a follow-up too.
FOLLOW_UP_OPENERS: tuple[str, ...] = (
    "and", "what about", "how about", "and what about", "and how about", "same for", "same but", "also",
    "now", "ok", "okay", "then", "but", "only", "just",
)  # fmt: skip
# "more": the next page of the last answer.
MORE_CUES: frozenset[str] = frozenset(
    {"more", "more please", "show more", "next", "next page", "keep going", "go on", "continue", "and more"}
)
# "earlier?": older material than the last answer showed (the window is dropped, or the next page).
EARLIER_CUES: frozenset[str] = frozenset(
    {"earlier", "before that", "older", "anything earlier", "and earlier", "what about earlier", "before"}
)

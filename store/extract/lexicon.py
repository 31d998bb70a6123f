"""Word lists of English news copy: how reporters attribute speech and introduce people.

These are general properties of wire style, not of any one article; extend them when a new outlet's
house style shows a form that is missing.
"""

from __future__ import annotations


def _forms(*stems: str) -> frozenset[str]:
    """A word list from space-separated lines; a word listed twice is a mistake, refused at import."""
    listed = [w for s in stems for w in s.split()]
    twice = sorted({w for w in listed if listed.count(w) > 1})
    if twice:
        raise ValueError(f"word list repeats {twice}")
    return frozenset(listed)


# Verbs that report speech or writing; the first group also works as "... , said X" inversions.
SPEECH_VERBS = _forms(
    "say says said saying tell tells told telling add adds added adding write writes wrote writing",
    "tweeted tweeting states stated notes noted noting explain explains explained explaining",
    "argue argues argued arguing ask asks asked asking warn warns warned warning insist insists insisted",
    "insisting declare declares declared declaring urge urges urged urging predict predicts predicted",
    "cautions cautioned cautioning acknowledge acknowledges acknowledged admit admits admitted",
    "complain complains complained complaining concede concedes conceded suggest suggests suggested",
    "stress stresses stressed emphasize emphasizes emphasized emphasise emphasises emphasised",
    "maintain maintains maintained announce announces announced claimed claiming countered",
    "replied responded responding recall recalls recalled vowed vowing pledged pledging promised",
    "posted quipped lamented testified testifying reiterate reiterates reiterated reiterating",
    "repeated repeating signaled signalled notified observed remarked concluded boasted joked mused",
    "calls called calling describe describes described describing touted contend contends contended",
    "asserts asserted asserting confirmed denied reported recounted scoffed snapped threatened",
    "demanded demanding fumed griped chided blasted slammed thundered shot",
    "dismissed dismisses dismissing hailed hails hailing praised praises praising criticized criticised",
    "characterized characterised characterizes characterises derided decried decries",
)
# Verbs that introduce an inverted attribution only right after the quote: '..., continued Smith.'
POST_ONLY_VERBS = _forms("continued continues went")
# Participles take the subject of the main clause: "Canada replied in a statement, saying: ...".
PARTICIPLES = frozenset(w for w in SPEECH_VERBS if w.endswith("ing"))
# Verbs that can also invert: "..., said Ostrander."
INVERTING = _forms("said says added adds wrote writes asked asks told tweeted continued noted explained")
# Speech nouns: "comments by a spokeswoman that ...", "his remarks", "in a statement".
SPEECH_NOUNS = _forms(
    "statement statements comment comments remark remarks tweet tweets letter speech interview testimony",
    "musing musings message post posts response reply warning words answer announcement release",
)

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": None, "it": None, "we": None}
FIRST_PERSON = frozenset("i i'm i've i'd i'll me my we we're we've us you you're".split())
POSSESSIVES = {"his": "m", "her": "f", "their": None, "its": None}

HONORIFICS = _forms("Mr. Mrs. Ms. Miss Dr. Mr Mrs Ms Dr Prof. Sir Dame")
HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}

# Capitalised words that are titles, never part of a person's name.
TITLE_WORDS = _forms(
    "President Vice Prime Minister Secretary Sen. Senator Rep. Representative Gov. Governor Congressman",
    "Congresswoman Chairman Chairwoman Chair Ambassador Premier Mayor Speaker Leader Majority Minority",
    "Chief Executive CEO Director Deputy Assistant Acting Former Trade Foreign Commerce Economy",
    "Finance Agriculture Treasury Labor Labour Press Spokesman Spokeswoman Spokesperson Judge Justice",
    "General Gen. Adm. Lt. Col. Capt. Sgt. Dr. Mr. Mrs. Ms. Prof. Professor King Queen Prince Crown",
    "Chancellor Commissioner Councillor Councilman Economist Analyst Attorney Lawmaker Envoy Consul",
    "President-elect Premier-elect Minister-designate International Affairs Economic Policy U.S. US",
    "Sens. Reps. Gov Sen Rep Chairperson Senate House White Negotiator",
    "MP Minister's Pope Dean Officer Manager Head Founder Owner Partner Strategist Adviser",
    "Advisor Counsel Counselor Interior Defense Defence Energy Environment Industry",
    "Staff Democrat Republican Democratic Independent Mr Mrs Ms Dr Sir Dame Lord Lady Rabbi Father Sister",
    "Cabinet Union Senior Junior Member Delegate Commander Admiral Colonel Lieutenant Sergeant",
    "Whip Speaker-designate Nominee Candidate Hopeful",
)
# Capitalised only because they open a sentence: never the start of a name.
OPENERS = _forms(
    "But And So Then Still Also Yet Now Meanwhile However When While If As After Before In On At For With",
    "From By Of That This These Those Asked Earlier Later Instead Indeed Even Only Just Though Although",
    "Since Because Under Over Despite Amid During Like Unlike Nor Or Whether Why How What Where Who",
)
# Words that mark a capitalised run as an organisation, not a person.
ORG_WORDS = _forms(
    "Association Alliance Institute University College Council Committee Commission Department Ministry",
    "Chamber Federation Union Group Bank Inc. Inc Corp. Corp Co. Co Company Corporation Ltd LLC Party",
    "Office Agency Administration Board Foundation Center Centre Organization Organisation Society",
    "Roundtable Coalition Congress Senate House Parliament Government Embassy Cooperative Press Times",
    "Post Journal News Reuters Bloomberg Service Services Motors Motor Industries Partners Fund",
    "Forum Network Club League Caucus Agreement Treaty Court Tribunal Secretariat Trust Holdings Capital",
    "Associates Research Strategies Strategy Consulting Policy Institution Kremlin Pentagon Commerce",
    "Dialogue Nations Partnership Pact Act Deal Initiative Program Programme Plan Bill Law",
    "Summit Conference Index Exchange Market Markets Street Road Avenue Square City County Province Island",
    "Islands Bay River Valley Mountains Lake Ocean Sea Airport Station Hotel Hall Building Tower Palace",
    "Democrats Republicans Crisis Review Magazine Channel Radio TV Television Daily Weekly Herald Tribune",
    "Gazette Globe Mail Monitor Wire Security Intelligence Relations Studies Economics Reserve Treasury",
    "Airlines Airways Automotive Steel Energy Oil Petroleum Foods Farms Authority",
)
# Job words that make a country's adjective name the speaker's party: "Mexico's economy minister".
GOVERNMENT_ROLES = _forms(
    "minister ministry secretary ambassador official officials negotiator negotiators spokesman",
    "spokeswoman spokesperson president premier representative envoy diplomat consul trade czar tsar",
    "adviser advisor aide government administration senator lawmaker congressman congresswoman chancellor",
    "Minister Secretary Ambassador President Premier Representative Envoy Consul Senator",
)
# Jobs of the press: whoever employs them, the speaker comments and does not speak for a party ("a columnist
# at the Detroit Free Press" is not the auto industry).
PRESS_ROLES = _forms(
    "columnist columnists reporter reporters correspondent correspondents editor editors",
    "commentator commentators writer writers anchor pundit pundits blogger bloggers",
)
# Lowercase words that may sit inside a title or role before a name ("Castellanos spokesman Tobias Wren").
ROLE_WORDS = _forms(
    "spokesman spokeswoman spokesperson official officials minister secretary president chief executive",
    "economist analyst expert farmer negotiator chairman chairwoman chair leader adviser advisor director",
    "representative ambassador professor senator lawmaker premier governor mayor consul general head",
    "strategist lobbyist trader researcher fellow partner principal member manager owner worker",
    "founder ceo cfo counsel attorney envoy diplomat commissioner deputy vice assistant senior former",
    "top trade foreign economy commerce finance agriculture press policy team risk management house",
    "international affairs economic lead industry business union auto dairy steel farm national",
    "rancher grower producer aide aides sources source observers critics supporters",
    "negotiators experts analysts economists executives leaders lawmakers farmers workers spokespeople",
    "incoming outgoing acting interim longtime veteran new then campaign global trade-policy white",
    "prime u.s. czar tsar czar's correspondent reporter columnist editor host anchor historian",
    "scholar lawyer consultant organizer activist chairperson campaigner investor banker ceo's",
    "state",
    "representative's minister's president's secretary's secretary-general director-general",
)
# Nouns that name a group or body as a speaker: "the ministry said", "the group said".
ORG_HEADS = _forms(
    "ministry department government administration group alliance association company firm agency",
    "office embassy council chamber federation union committee commission organization organisation",
    "coalition institute bank campaign lobby industry party caucus board foundation center centre",
    "white house kremlin bureau chapter club tank network television radio media newspaper broadcaster",
)
# Nouns for a group that speaks under its own description: "a group of former envoys to Mexico".
GROUP_NOUNS = _forms("group coalition bloc delegation panel alliance caucus consortium")
# People who are named only by their job and deliberately left unnamed.
UNNAMED_HEADS = _forms(
    "official officials source sources person people aide aides diplomat diplomats negotiator negotiators",
    "analyst analysts expert experts economist economists observer observers insider insiders",
    "executive executives lawmaker lawmakers spokesman spokeswoman spokesperson representative",
    "representatives critic critics",
)
# Words that open a sentence or clause before its subject and are not part of it.
LEADING_WORDS = _forms(
    "and but so yet or as while when because since although though if after before then also still",
    "however meanwhile instead indeed nonetheless nevertheless moreover later earlier now that which",
    "where whereas even only just again too thus hence previously separately likewise similarly",
    "asked pressed",
)
TIME_WORDS = _forms(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday tonight recently",
    "January February March April May June July August September October November December",
    "morning afternoon evening night week month year earlier later last this next on in at during",
    "Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec. also then again previously once repeatedly",
    "Feb Apr Aug Sept Sep Oct Nov Dec",
)
AUXILIARIES = _forms(
    "has have had is was were are be been being would will could may might should did does do not never",
    "already often again even just also later then once previously repeatedly reportedly apparently n't",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NAME_PARTICLES = _forms("de la del der van von da dos das di du bin al le st. y")
# Labels in quotes that nobody is saying: 'the so-called "sunset clause"'.
SCARE_CUES = (
    "so-called",
    "so called",
    "dubbed",
    "nicknamed",
    "known as",
    "the term",
    "the word",
    "the words",
    "the phrase",
    "the slogan",
    "the label",
    "branded",
    "labeled",
    "labelled",
    "titled",
    "entitled",
    "rebrand",
    "rebranded",
    "renamed",
    "named",
    "the name",
)
# An illustration in the reporter's voice, not words anyone said: 'in effect telling Mexico, "..."'.
# Any of the hedges followed by any of the verbs ("essentially warning", "as if to say"), or a fixed cue.
PARAPHRASE_HEDGES = (
    "basically",
    "essentially",
    "effectively",
    "in effect",
    "in essence",
    "as if",
    "as though",
)
PARAPHRASE_VERBS = ("saying", "telling", "warning", "asking", "to say", "to tell", "to ask")
PARAPHRASE_CUES = ("the message being", "the subtext", "the message was", "the implication being")

# Common first names whose gender is clear, for "he"/"she" when the article gives no other hint. A name
# not listed (or used for both, like "Jordan" or "Jean") stays unknown, which fits either pronoun.
MALE_NAMES = _forms(
    "Aaron Adam Adrian Alan Albert Alejandro Alexander Alfredo Andrew Andres Andrés Angelo Anthony Antonio",
    "Arthur Barry Ben Benjamin Bernard Bill Billy Bob Bobby Brad Bradley Brandon Brett Brian Bruce Bryan",
    "Carl Carlos Charles Charlie Chuck Clarence Craig Dale Dan Daniel Darren Dave David Dennis Derek Diego",
    "Dominic Don Donald Doug Douglas Duncan Dwight Earl Eddie Edgar Eduardo Edward Enrique Eric Ernesto",
    "Eugene Fernando Francis Francisco Frank Fred Gary Gavin George Gerald Gerardo Glenn Gordon Graham",
    "Greg Gregory Guillaume Gustavo Harold Harry Hector Henry Howard Hugh Ian Jack Jacob Jake James Jason",
    "Javier Jeff Jeffrey Jeremy Jerry Jesse Jesús Jim Jimmy Joe Joel John Johnny Jon Jonathan Jorge José",
    "Jose Joseph Josh Joshua Juan Julian Justin Keith Ken Kenneth Kevin Kurt Larry Lawrence Leo Leonard Luis",
    "Louis Luke Marc Marco Mario Mark Martin Matt Matthew Michael Miguel Mike Mitch Nathan Neil",
    "Nicholas Nick Oliver Omar Oscar Pablo Patrick Paul Pedro Peter Phil Philip Pierre Rafael Ralph Randy",
    "Raúl Raul Ray Raymond Ricardo Richard Rick Rob Robert Roberto Roger Ron Ronald Roy Russell Ryan Sam",
    "Samuel Scott Sean Sergio Seth Shawn Stephen Steve Steven Stuart Ted Terry Thomas Tim Timothy Todd Tom",
    "Tony Travis Trevor Troy Vincent Walter Wayne Wilbur William Willie Xavier Zachary",
)
FEMALE_NAMES = _forms(
    "Abigail Adriana Alejandra Alexandra Alice Alicia Alison Amanda Amy Ana Andrea Angela Anita Ann Anna",
    "Anne Annette Barbara Beatriz Betty Beth Beverly Brenda Caroline Carmen Carol Catherine Cathy Cecilia",
    "Charlotte Cheryl Christina Christine Claire Claudia Colleen Cynthia Deborah Debbie Denise",
    "Diana",
    "Diane Donna Doris Dorothy Elaine Elena Elisabeth Elizabeth Ellen Emily Emma Erin Eva Evelyn Fiona",
    "Frances Gabriela Gloria Grace Hannah Heather Heidi Helen Hillary Holly Isabel Jacqueline Jane Janet",
    "Janice Jennifer Jessica Jill Joan Joanne Josefina Joyce Judith Judy Julia Julie Karen Katherine",
    "Kathleen Kathryn Kathy Katie Kate Laura Lauren Linda Lisa Lori Louise Lucia Lucía Lydia Lynn Margaret",
    "Maria María Marie Marilyn Marina Martha Mary Megan Melanie Melissa Michelle Monica Nancy Natalie",
    "Nicole Olivia Pamela Patricia Paula Rachel Rebecca Rita Rosa Rose Ruth Sally Samantha Sandra Sara",
    "Sarah Sharon Shirley Sofia Sophie Stephanie Susan Suzanne Teresa Theresa Tina Valerie Veronica",
    "Victoria Virginia Wendy Yolanda",
)


def first_name_gender(name: str) -> str | None:
    """'m' or 'f' when the first word of ``name`` is a common first name of clear gender, else None."""
    first = name.split(maxsplit=1)[0] if name else ""
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


# Places that are never the speaker of a quote ("voters in Trump-friendly West Virginia told ..."): states,
# provinces and regions. Countries and capitals stay possible: "Ottawa said" is the Canadian government.
PLACES = frozenset(
    [
        *"Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii "
        "Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan "
        "Minnesota "
        "Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah "
        "Vermont Virginia Wisconsin Wyoming Alberta Manitoba Ontario Quebec Québec Saskatchewan "
        "Nunavut Yukon Chihuahua Coahuila Sonora Jalisco Nuevo Tamaulipas Guanajuato Michoacán Michoacan "
        "Oaxaca Chiapas Yucatán Yucatan Sinaloa Durango Zacatecas Puebla Veracruz Midwest Appalachia".split(),
        "New Hampshire",
        "New Jersey",
        "New Mexico",
        "New York",
        "North Carolina",
        "North Dakota",
        "Rhode Island",
        "South Carolina",
        "South Dakota",
        "West Virginia",
        "British Columbia",
        "Nova Scotia",
        "New Brunswick",
        "Prince Edward Island",
        "Northwest Territories",
        "Baja California",
        "Nuevo León",
        "Nuevo Leon",
        "Rust Belt",
        "Corn Belt",
        "Farm Belt",
        "Sun Belt",
        "Bible Belt",
        "Silicon Valley",
        "Wall Street",
        "Main Street",
        "Capitol Hill",
        "Middle America",
        "Upper Midwest",
    ]
)
# Where something was said, never who said it: "X said on Twitter", "in a Facebook post".
PLATFORMS = _forms(
    "Twitter Facebook Instagram YouTube TikTok LinkedIn Snapchat WhatsApp Reddit Weibo Threads",
    "Truth Social Medium Substack website blog account feed page handle",
)
# Crawler debris in capitals that sticks to a name: "READ MORE", "RELATED", "WATCH".
CRAWLER_JUNK = _forms(
    "MORE READ RELATED WATCH CLICK HERE ADVERTISEMENT SUBSCRIBE VIDEO PHOTOS PHOTO SEE ALSO UPDATE",
    "BREAKING LISTEN SHARE SIGN UP NEWSLETTER TOP STORIES LATEST OPINION ANALYSIS EXCLUSIVE FULL STORY",
    "CONTINUE READING",
)
# Things that carry words without saying them: 'a hat reading "..."'.
SIGN_CARRIERS = _forms(
    "sign signs hat hats cap caps banner banners placard placards poster posters shirt shirts",
    "t-shirt t-shirts sticker stickers billboard billboards mug mugs button buttons bumper",
    "slogan slogans chant chants",
)
# Short function words a title-case slogan or heading leaves in lower case.
SMALL_WORDS = _forms("a an the of and or in on for to at by with")
# Heads of named things that cannot speak and are nobody's surname: funds, indexes, laws, roads.
MUTE_HEADS = _forms(
    "Fund Funds ETF ETFs Index Indexes Act Agreement Treaty Pact Initiative Program Programme Avenue",
    "Boulevard Airport Highway Clause Chapter Tariff Tariffs Futures Peso Pesos Loonie",
)

# Written things whose author is the speaker: "a statement posted on the ministry's website said".
DOCUMENT_NOUNS = _forms(
    "statement statements release email e-mail letter memo memorandum note post tweet report filing notice",
    "message readout transcript announcement editorial op-ed column communique communiqué document",
    "website site page account feed blog newsletter bulletin advisory",
)
# News outlets, which speak for the words they print: "Politico reported", "wrote the Valley Courier".
OUTLETS = _forms(
    "Politico Axios Reuters Bloomberg CNN CNBC MSNBC NPR PBS BBC CBC CTV AP AFP Vox Breitbart HuffPost",
    "BuzzFeed Slate Salon Forbes Fortune Newsweek Time Economist Guardian Telegraph Independent Globe Star",
    "Post Times Journal Tribune Herald Examiner Gazette Courier Ledger Register Sentinel Observer Monitor",
    "Inquirer Chronicle Dispatch Reforma Milenio Excélsior Excelsior Jornada Universal Financiero Hill",
    "Atlantic Intercept Mirror Express Telegram Bee Press Daily Weekly Review Magazine News Wire Radio",
)

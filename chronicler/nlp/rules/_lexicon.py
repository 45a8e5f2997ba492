"""The words the rules parser knows: synonyms grouped into concepts, and the words that mean nothing to it.

A concept is what a word contributes to an intent ("stop", "end" and "halt" are all `VERB_OFF`). Each
entry carries a weight: 1.0 for a plain synonym, less for slang or loose ones ("pause" is only *probably*
"stop"), so a command built on a weak word ends up a "did you mean ...?" instead of being carried out.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicler.contract.commands import MODES, Action, InteractionType

# Verbs (only their imperative forms count: "stop" is a command, "stopped" is not).
VERB_ON = "verb.on"  # start a session / turn a mode on
VERB_OFF = "verb.off"  # stop a session / turn a mode off
VERB_RECORD = "verb.record"  # "chronicle tonight's stream": starts a session, needs an object
VERB_READ = "verb.read"  # show, list, ...
VERB_POST = "verb.post"  # (re)post the ledger
VERB_SET = "verb.set"  # set, change, use, ...
VERB_TURN = "verb.turn"  # "turn"/"toggle" without on/off: direction unknown
VERB_LINK = "verb.link"

# Things the verbs act on.
OBJ_SESSION = "obj.session"
OBJ_MODES = "obj.modes"  # the word "modes" itself
OBJ_FLAGS = "obj.flags"
OBJ_CLIPS = "obj.clips"
OBJ_BLOG = "obj.blog"
OBJ_STATS = "obj.stats"
OBJ_LEDGER = "obj.ledger"
OBJ_WEBHOOK = "obj.webhook"
OBJ_CHANNEL = "obj.channel"
OBJ_IDLE = "obj.idle"  # idle time: the hearthkeeper's setting
MODE_PREFIX = "mode."  # "mode.warden", ...

# Everything else that matters.
HELP = "help"
STATUS = "status"
QUESTION = "question"  # what, which, is, are, did, ...
NEGATION = "negation"
FILLER = "filler"  # please, now, again, lol: carries no meaning for a command
PRONOUN = "pronoun"  # "stop it": an object that names nothing
PARTICLE_ON = "particle.on"
PARTICLE_OFF = "particle.off"
ASSIGN = "assign"  # ":" and "="
GREETING = "greeting"
THANKS = "thanks"
YES = "yes"
NO = "no"
ANNOUNCE_LIVE = "announce.live"  # "we're live": probably wants chronicling started
ANNOUNCE_DONE = "announce.done"  # "that's a wrap": probably wants it stopped
KNOWN = "known"  # an ordinary word: never typo-corrected into a keyword, never a login

# Placeholders the slot extractors leave in the text, e.g. "<url:0>".
SLOT_URL = "slot.url"
SLOT_CHANNEL_URL = "slot.chan"
SLOT_CODE = "slot.code"
SLOT_THEME = "slot.theme"
SLOT_QUOTE = "slot.quote"
SLOT_TIME = "slot.time"
SLOT_DURATION = "slot.dur"
SLOT_NUMBER = "slot.num"

PLACEHOLDERS: dict[str, str] = {
    "url": SLOT_URL,
    "chan": SLOT_CHANNEL_URL,
    "code": SLOT_CODE,
    "theme": SLOT_THEME,
    "quote": SLOT_QUOTE,
    "time": SLOT_TIME,
    "dur": SLOT_DURATION,
    "num": SLOT_NUMBER,
}

READ_OBJECTS: dict[str, tuple[InteractionType, Action]] = {
    OBJ_FLAGS: ("flags", "list"),
    OBJ_CLIPS: ("clips", "list"),
    OBJ_BLOG: ("blog", "list"),
    OBJ_STATS: ("stats", "show"),
}

# Verbs that change something; a clause led by one of them is never read as a list request.
STATE_VERBS: frozenset[str] = frozenset({VERB_ON, VERB_OFF, VERB_RECORD, VERB_POST, VERB_SET, VERB_TURN})


@dataclass(frozen=True, slots=True)
class Entry:
    """What one word means to the parser, and how sure that meaning is."""

    concept: str
    weight: float = 1.0


# (concept, words, weight): every word belongs to exactly one group.
_GROUPS: tuple[tuple[str, str] | tuple[str, str, float], ...] = (
    (
        KNOWN,
        """
        a an the my your our their his her these those me us them him i we they he she you u ur
        yours mine chat everyone anyone someone somebody people guys every there here be been being
        will would shall should can could may might must had go goes going gone went come came
        take took let keep kept say said to in at for of by with from into onto about as than like
        up down out over after before and or but so if else only very really much many more most
        less least time times day days night week weeks minute minutes hour hours second seconds
        tonight today first next last previous recent latest new old top best good great bad nice
        cool fine big streamer streamers streaming streamed twitch discord game games gaming play
        played playing viewer viewers chatter chatters message messages msg msgs vod vods raid
        raids sub subs follow follows follower followers emote emotes bits donation donations mod
        mods bots lurk lurker lurkers sorry hype pog poggers kappa kekw lul omegalul pepega love
        hate want need think know feel look looks looking stars smart stark stare state steps step
        shop slow flow glow blow clap claps chip chips slip slips ships stewart warren garden harden
        wander warned lodger leader header hedger ledge bloc blob lists listen listening shows
        showed chronic chronically statue stature station stations static stamp setup sets settings
        links linked linking code codes coding model models moderate moderator channels number
        """,
    ),
    # Real words a letter away from a keyword, common in chat: never corrected to it ("points" is no
    # "point", German "waren" and "werden" no "warden"). Found by running real chat logs through the
    # typo corrector; inflections of a keyword ("makes", "kills") are left to it.
    (
        KNOWN,
        """
        points paint raised steam streak scream screams quite power tower flower loser ready bread
        truck trick crack clone chose closer shake scare skill charge chance terminal blink spend
        browser moves potts
        """,
    ),
    (
        KNOWN,
        """
        werden waren wurden worden würden wuerden warten maske prost stadt spart lauch pulli manuel
        """,
    ),
    (KNOWN, "let's it's that's here's there's he's she's i'd i'm we're you're they're i'll we'll i've"),
    (KNOWN, "forgood"),  # "for good", "from now on": see _phrases
    # Never a chatter's name: "my mods can handle spam by themselves" asks for no one's flags.
    (KNOWN, "myself yourself himself herself itself ourselves yourselves themselves"),
    # Words a DM points at someone with, never the someone: "has zorblax_77 been flagged for anything?",
    # "time out the user spamming caps, its x".
    (KNOWN, "anything anybody something nothing nobody everybody person one guy dude user users account"),
    (KNOWN, "spamming"),
    (KNOWN, "server servers"),  # where a ledger is posted: "post the ledger in my server"
    # Participles describe a state ("is the warden enabled?"); only the bare verb is a command.
    (
        KNOWN,
        """
        enabled disabled activated deactivated started stopped ended finished posted resent muted
        paused changed updated configured turned switched recorded chronicled logged tracked shown
        """,
    ),
    (VERB_ON, "start begin launch resume restart enable activate reactivate reenable unpause kickoff"),
    (VERB_ON, "unmute", 0.7),
    (VERB_OFF, "stop end finish halt disable deactivate quit terminate kill close cease"),
    (VERB_OFF, "stahp stawp stfu", 0.5),
    (VERB_OFF, "cut", 0.8),  # "cut the recording", "cut it, we're done"
    (VERB_OFF, "pause mute silence", 0.5),
    (VERB_RECORD, "chronicle record log track capture archive"),
    (VERB_READ, "show list display give see view fetch check find read lookup browse"),
    (VERB_READ, "get pull open", 0.8),
    (VERB_POST, "post repost resend publish share"),
    (VERB_POST, "send", 0.9),
    (VERB_POST, "drop push", 0.8),
    (VERB_SET, "set change update configure adjust replace save point bump lower raise"),
    (VERB_SET, "increase decrease reduce extend shorten"),
    (VERB_SET, "use make switch", 0.8),
    (VERB_TURN, "turn flip toggle"),
    (VERB_LINK, "link connect pair"),
    (VERB_LINK, "vincular vincula lier verknüpfen verknupfen"),  # "vincular ABCD-1234": the other languages
    (
        OBJ_SESSION,
        """
        chronicling chronicles chronicler session sessions recording logging tracking
        watching capturing archiving broadcast monitoring
        """,
    ),
    (OBJ_SESSION, "stream streams", 0.9),
    (OBJ_SESSION, "sesh strim", 0.9),  # slang: "start the sesh", "end the strim"
    # "stop the stream watcher": the bot, by what it does. Under 0.7, so no typo is corrected to them
    # ("spam catcher" is not "spam watcher").
    (OBJ_SESSION, "watcher tracker logger", 0.66),
    (OBJ_MODES, "modes"),
    (OBJ_MODES, "mode features feature helpers", 0.8),
    (OBJ_FLAGS, "flag flags flagged"),
    (OBJ_FLAGS, "spam spammers spammer", 0.8),
    (OBJ_CLIPS, "clips clippable highlights"),
    (OBJ_CLIPS, "clip highlight moments", 0.8),
    (OBJ_BLOG, "blog blogs blogpost blogposts writeups"),
    (OBJ_BLOG, "article articles journal", 0.8),
    (OBJ_BLOG, "posts", 0.7),
    (OBJ_STATS, "stats statistics metrics analytics"),
    (OBJ_STATS, "stat numbers", 0.8),
    (OBJ_LEDGER, "ledger ledgers"),
    # "the write-up of last stream" is the Scribe's, one per stream; "the writeups" are blog drafts.
    (OBJ_LEDGER, "writeup", 0.9),
    (OBJ_WEBHOOK, "webhook webhooks"),
    (OBJ_WEBHOOK, "hook", 0.8),
    (OBJ_CHANNEL, "channel"),
    (OBJ_IDLE, "idle inactivity quiet"),
    (HELP, "help halp commands usage manual menu"),
    (HELP, "ayuda ayúdame ayudame aide hilfe ajuda"),  # the other languages' "help"
    (STATUS, "status"),
    (
        QUESTION,
        """
        what whats what's which when where where's why how how's who who's is are was were do does
        did have has am isnt aren't arent isn't any r
        """,
    ),
    (NEGATION, "don't dont dnt never not no shouldn't shouldnt won't wont can't cant cannot"),
    (
        FILLER,
        """
        please pls plz plox kindly just now rn asap again quickly quick real actually right away
        lol lmao haha hehe xd ok okay k kk alright aight yet already too also then moment whole entire
        ffs fgs omg bro bruh fr frfr ngl tbh fam lowkey istg
        """,
    ),
    (PRONOUN, "it that this everything all things stuff"),
    (PARTICLE_ON, "on"),
    (PARTICLE_OFF, "off"),
    (GREETING, "hi hello hey yo sup hiya howdy heya morning evening"),
    (GREETING, "hola buenas bonjour salut coucou hallo servus moin oi olá"),
    (THANKS, "thanks thank thx ty tysm tyvm cheers appreciated appreciate"),
    (THANKS, "gracias merci danke dankeschön valeu obrigado obrigada"),
    (YES, "yes yeah yep yup ya yea sure y affirmative correct exactly"),
    (NO, "nope nah n negative"),
    (ANNOUNCE_LIVE, "golive"),
    (ANNOUNCE_DONE, "wrapped"),
    (ASSIGN, ": ="),
    *((MODE_PREFIX + mode, mode) for mode in MODES),
)


def _build(groups: tuple[tuple[str, str] | tuple[str, str, float], ...]) -> dict[str, Entry]:
    lexicon: dict[str, Entry] = {}
    for concept, words, *weight in groups:
        for word in words.split():
            # A word in two groups would silently mean only the last; refuse to load instead.
            if word in lexicon:
                raise ValueError(f"{word!r} is both {lexicon[word].concept} and {concept}")
            lexicon[word] = Entry(concept, *weight)
    return lexicon


LEXICON: dict[str, Entry] = _build(_GROUPS)

# Words that lead a clause without being its verb ("can you please stop ..."), longest first.
# The second element says whether the words make a polite request, which excuses a trailing "?".
_PREFIXES: tuple[tuple[str, bool], ...] = (
    ("do me a favor and", True),
    # A reminder asks for the thing: "don't forget to post the ledger".
    ("don't forget to", True),
    ("dont forget to", True),
    ("do not forget to", True),
    # "is there a way to end the session?": asking whether the bot can is asking it to.
    ("is there a way to", True),
    ("is there any way to", True),
    ("is there a way for you to", True),
    ("is there any way you can", True),
    ("is there any way you could", True),
    # Asked indirectly, the way the unsure and the very polite ask: the same request.
    ("would it be possible for you to", True),
    ("would it be possible to", True),
    ("is it possible for you to", True),
    ("is it possible to", True),
    ("do you think you could", True),
    ("do you think you can", True),
    ("do you think u could", True),
    ("i was wondering if you could", True),
    ("i was wondering whether you could", True),
    ("i was wondering if i could", True),
    ("i wonder if you could", True),
    ("would you be able to", True),
    ("are you able to", True),
    ("i want you to", True),
    ("i need you to", True),
    ("i'd like you to", True),
    ("id like you to", True),
    ("it's time to", False),
    ("its time to", False),
    ("go ahead and", False),
    ("pretty please", True),
    ("i'd like to", True),
    ("id like to", True),
    ("i want to", True),
    ("i wanna", True),
    ("can you", True),
    ("could you", True),
    ("would you", True),
    ("will you", True),
    ("can u", True),
    ("could u", True),
    ("would u", True),
    ("will u", True),
    ("can i", True),
    ("could i", True),
    ("may i", True),
    ("can we", True),
    ("could we", True),
    ("you can", True),
    ("u can", True),
    ("we need to", False),
    ("need to", False),
    ("time to", False),
    ("let's", False),
    ("lets", False),
    ("please", True),
    ("pls", True),
    ("plz", True),
    ("kindly", True),
    ("hey", False),
    ("hi", False),
    ("hello", False),
    ("yo", False),
    ("ok", False),
    ("okay", False),
    ("k", False),
    ("kk", False),
    ("alright", False),
    ("aight", False),
    ("right", False),
    ("so", False),
    ("now", False),
    ("just", False),
    ("bot", False),
    ("chronicler", False),
    ("sanctum", False),
    ("oh", False),
    ("uh", False),
    ("um", False),
    ("hmm", False),
    ("well", False),
    ("then", False),
    ("also", False),
    ("quick", False),
    ("quickly", False),
    ("wanna", True),
    ("gotta", False),
    # Hedges lead to the verb too, so "maybe turn off the warden?" is read (and doubted) as a command.
    ("maybe", False),
    ("perhaps", False),
    ("probably", False),
    ("should i", False),
    ("should we", False),
    ("we should", False),
    ("i should", False),
)
PREFIXES: tuple[tuple[tuple[str, ...], bool], ...] = tuple(
    sorted(((tuple(words.split()), polite) for words, polite in _PREFIXES), key=lambda p: -len(p[0]))
)

# Ordinary words that are never someone's login when they follow "from", "on", "by", ...
STOPWORDS: frozenset[str] = frozenset(
    word for word, entry in LEXICON.items() if entry.concept in (KNOWN, FILLER, PRONOUN, QUESTION)
)

# Words that say a clause is still going ("are you still running?") for status questions.
LIVENESS: frozenset[str] = frozenset(
    "running going live active on working recording chronicling logging listening watching tracking "
    "there awake up alive online rolling".split()
)

# Keywords worth correcting typos towards: verbs, objects, modes, help and status, four letters or more.
TYPO_TARGETS: frozenset[str] = frozenset(
    word
    for word, entry in LEXICON.items()
    if len(word) >= 4
    and word.isalpha()
    and entry.weight >= 0.7
    and (entry.concept.startswith(("verb.", "obj.", MODE_PREFIX)) or entry.concept in (HELP, STATUS))
)

"""The wording rules: phrases that give spam and scams away, matched on normalised text.

Each rule id is a group of patterns with their own score. A score at or above the Warden's
threshold (0.7 by default) flags on its own; a lower one only counts together with other evidence,
such as a link in the same message. Each group also lists its stems: words at least one of which
every pattern of the group needs, in the pattern itself or in its required context. The screen
uses them to skip groups that cannot fire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Digits and symbols that stand in for letters ("f0ll0wers", "v1ewers", "$ub").
_LEET = {"a": "[a4@]", "e": "[e3]", "i": "[i1!|]", "o": "[o0]", "s": "[s5$]", "l": "[l1|]", "t": "[t7]"}


def leet(word: str) -> str:
    """A regex for `word` that also accepts the usual digit-for-letter swaps."""
    return "".join(_LEET.get(ch, re.escape(ch)) for ch in word)


@dataclass(frozen=True)
class KeywordRule:
    """One pattern of a rule: fires when `pattern` matches and, if given, `context` too."""

    rule: str
    label: str  # what a person reads: "sells viewers/followers"
    score: float
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        """The match in normalised `text`, or None when the rule does not fire."""
        found = self.pattern.search(text)
        if found is None or (self.context is not None and self.context.search(text) is None):
            return None
        return found


@dataclass(frozen=True)
class RuleGroup:
    """All patterns of one rule id and the stems that let the screen skip them."""

    rule: str
    stems: tuple[str, ...]
    patterns: tuple[KeywordRule, ...]


@dataclass(frozen=True)
class _Spec:
    """A pattern with its own wording or rule id, for a group whose patterns say different things."""

    score: float
    pattern: str
    context: str | None = None
    label: str | None = None  # the group's label when None
    rule: str | None = None  # the group's rule when None: a weak sign may have an id of its own


def _group(
    rule: str, label: str, stems: str, *patterns: tuple[float, str] | tuple[float, str, str] | _Spec
) -> RuleGroup:
    """Compile the patterns of one rule; each is (score, pattern), (score, pattern, context) or a _Spec."""
    compiled = []
    for spec in patterns:
        if not isinstance(spec, _Spec):
            spec = _Spec(spec[0], spec[1], spec[2] if len(spec) > 2 else None)
        compiled.append(
            KeywordRule(
                spec.rule or rule,
                spec.label or label,
                spec.score,
                re.compile(spec.pattern),
                re.compile(spec.context) if spec.context is not None else None,
            )
        )
    return RuleGroup(rule, tuple(stems.split()), tuple(compiled))


# Rules whose firing means the message hands out a contact or pushes you to add one: evidence that
# weighs more in a newcomer's first message and that makes a repeated text a payload-carrying raid.
CONTACT_RULES: frozenset[str] = frozenset({"discord_scam", "contact_handle", "follow_scam"})

# Shared vocabulary -----------------------------------------------------------------------------------

_GAP = r"(?:\W+\w+){0,3}?\W+"  # up to three words in between
_F = leet("follow")
_SUB_WORD = r"(?:subscribe|subscrib\w*|suscrib\w*|subcribe|subscibe|sucscribe)"
_SUB = rf"(?:sub|subs|{_SUB_WORD})"
_AUDIENCE = (
    rf"(?:{leet('viewer')}s?|{leet('follower')}s?|{leet('follow')}s|{leet('prime')}s?(?: subs?)?"
    rf"|{leet('view')}s|{leet('chatter')}s|{leet('subscriber')}s|{leet('viewbot')}s?)"
)
_MY = r"(?:my|our|mah)"
_MY_STUFF = (
    r"(?:channel|channels|chanel|chanell|channle|chnl|stream|streams|videos?|vids?|vidios?|music|songs?"
    r"|covers?|page|profile|twitch|youtube|yt|content|mixtape|raps?|art|artwork|tracks?|playlist"
    r"|podcast|blog|website|site|shop|store|instagram|insta|ig|tiktok|twitter|soundcloud|facebook"
    r"|fb|account|work|beats|remix(?:es)?|album|single|book|game|app|parody|parodies|sound|stuff|montages?"
    r"|edits|gameplay|animations?|drawings?|photos|photography|tutorials?|poetry|poems?|band|group|project)"
)
# Words allowed between "my" and the thing: "check out my new gaming channel".
_MY_ADJ = (
    r"(?:(?:new|latest|first|own|youtube|yt|twitch|music|gaming|small|little|recent|newest|brand"
    r"|cover|rap|dance|official|acoustic|singing|art|funny)\s+){0,2}"
)
_SOCIAL = (
    r"(?:twitch|twitter|instagram|insta|ig|tiktok|tik tok|youtube|yt|facebook|fb|snapchat|snap"
    r"|soundcloud|spotify|kick)"
)
_DISCORD = leet("discord")
# Words that follow "discord:" in ordinary chat and are no one's handle ("discord: link in bio").
_NOT_HANDLES = (
    "a an the and or but if so to too of on in at by for with from is are was were be been am i me my"
    " mine you your u ur we us our they them their he him his she her it its this that these those"
    " there here where when what who why how which link links server servers channel community group"
    " chat voice call calls stream streams panel panels below above bio profile page join joined invite"
    " now later soon sometime sometimes tonight today tomorrow please pls plz thanks thank dm dms"
    " message add hit up down same name username handle tag id just also only not no yes ok okay sure"
    " maybe can could would will should do does did have has had get got go going come see let lets"
    " know more very really pretty kinda dead active big small new old bro dude man mate guys everyone"
    " anyone someone people lol lmao haha xd gg thing stuff all any some every dont don't isn't its"
    " it's i'm im nitro mods mod admin admins rules event events announcement announcements broken full"
    " empty open closed private public quiet busy fun great cool nice good bad free"
).split()
_STOP_HANDLES = "|".join(sorted(set(_NOT_HANDLES), key=len, reverse=True))
# A login-shaped name: a letter and a digit or underscore ("name_01", "jane2"), not a time ("8pm").
_HANDLE = (
    r"(?=[a-z0-9_.]*[a-z])(?=[a-z0-9_.]*[0-9_])(?!\d+(?:am|pm|h|hrs?|k|m|min|mins|s|x|st|nd|rd|th)\b)"
    r"[a-z0-9_][a-z0-9_.]{2,31}(?![\w'])"
)
# Where a plain-word handle ends: the message, "and tell him", or punctuation ("janedoe!").
_HANDLE_END = r"(?:\s*$|\s+(?:and|&|if|to|pls|please|thanks|thx|add|hmu)\b|\s*[^\w\s])"
# A plain word that could be a handle: not one of the words above.
_WORD_HANDLE = rf"(?!(?:{_STOP_HANDLES})(?![\w']))[a-z][a-z0-9_.]{{2,31}}(?![\w'])"
_CRYPTO = r"(?:btc|bitcoins?|eth|ethereum|crypto|cryptos|usdt|tether|doge|dogecoin|solana|bnb|ltc|xrp|nfts?)"
_FREEBIES = (
    r"(?:nitro|discord nitro|skins?|cs ?go skins|cs2 skins|knives|robux|v-?bucks|gift ?cards?|giftcards?"
    r"|itunes(?: codes?| cards?| gift ?cards?)?|steam (?:keys?|codes?|gift ?cards?|wallet)"
    r"|psn (?:codes?|cards?)|xbox (?:codes?|gift ?cards?)|amazon (?:cards?|codes?|gift ?cards?)"
    r"|paypal (?:money|cash)|google play (?:codes?|cards?))"
)
_ART_GOODS = (
    r"(?:emotes?|overlays?|logos?|banners?|panels?|sub badges?|badges?|alerts?|channel art|thumbnails?"
    r"|intros?|outros?|animations?|vtuber models?|models?|avatars?|graphics?|branding|stingers?"
    r"|webcam frames?|cam frames?)"
)
_ARTIST = (
    r"(?:artist|designer|illustrator|animator|video editor|editor|rigger|graphic designer|digital artist"
    r"|emote artist|freelancer|gfx designer|gfx artist)"
)

# The rules ---------------------------------------------------------------------------------------------
# Stems are screened at the start of a word; "*usd" anywhere; "~fol" also as "f0l", "fo1", ...

GROUPS: tuple[RuleGroup, ...] = (
    _group(
        "viewer_selling",
        "sells viewers/followers",
        "~view ~fol ~prim ~chatt ~sub famous grow promo expand boost increase bigfollows dogehype streamboo",
        (
            0.9,
            rf"\b(?:cheap|cheapest|sell|selling|purchase){_GAP}"
            rf"(?:real |active |live |organic |cheap |more )?{_AUDIENCE}\b",
        ),
        # "buy followers" alone may be a viewer's accusation ("he bought viewers"); a link or a price tips it.
        (
            0.6,
            rf"(?<!did )(?<!to )\b(?:buy|buying|boost|increase){_GAP}"
            rf"(?:real |active |live |organic |more )?{_AUDIENCE}\b",
        ),
        (
            0.85,
            rf"\b{_AUDIENCE}\W+(?:\w+\W+){{0,3}}?(?:for sale|cheap|cheapest|prices?|discount"
            r"|(?:from|at|for|only)\s*(?:\$\s?\d|\d+(?:[.,]\d+)?\s?(?:\$|usd|dollars?|euros?|€)))",
        ),
        (0.85, r"\b(?:wanna|want to|want|how to|ready to)\s+(?:become|be|get)\s+famous\b"),
        (0.85, rf"\b{_AUDIENCE}\W+(?:and\W+)?{_AUDIENCE}\W+(?:and\W+)?{_AUDIENCE}\b"),
        (0.6, rf"\b{_AUDIENCE}\W+(?:and\W+|&\W*)?{_AUDIENCE}\b"),
        (
            0.85,
            r"\b(?:grow|boost|promote|increase|expand)\s+(?:your|ur|ya)\s+(?:twitch\s+|youtube\s+)?"
            r"(?:channel|stream|audience|account|views|viewers|followers|community)\b",
        ),
        (
            0.85,
            rf"\b(?:more|real|free|cheap)\s+{_AUDIENCE}\s+(?:for|to|on)\s+(?:your|ur)\s+"
            r"(?:channel|stream)\b",
        ),
        (0.8, rf"\bhelp (?:you|u|ya)\b{_GAP}{_AUDIENCE}\b"),
        (0.9, r"\b(?:bigfollows|dogehype|streamboo)\b"),
        (0.75, r"\bpromo(?:tion)? (?:service|services|packages?|offers?)\b"),
        # "want more viewers?" opens most offers; the question alone needs a link or more to flag.
        (0.6, rf"\b(?:want|wanna|need|looking for)\b(?:\s+\w+){{0,2}}?\s+(?:more\s+)?{_AUDIENCE}\s*\?"),
    ),
    _group(
        "follow_for_follow",
        "asks for follow-for-follow",
        "~fol ~sub suscrib sucscrib like f4f l4l s4s f2f",
        # ...but "5 more subs for sub goal" is the streamer's own goal.
        (
            0.9,
            rf"\b(?:{_F}|{_SUB}|like)s?\s*(?:4|for|four|2)\s*(?:{_F}|{_SUB}|like)s?\b"
            r"(?!\s*(?:goals?|count|train|hype|athon|a thon|emotes?|badges?|streak|points?|perks?))"
            r"|\b(?:f4f|l4l|s4s|f2f)\b",
        ),
        (0.85, rf"\b(?:i'?ll|i will|ill|i|and i|will)\s+(?:{_F}|{_SUB})\s+(?:you\s+|u\s+|ya\s+)?back\b"),
        (0.85, rf"\b(?:{_F}|{_SUB})\s+(?:me\s+)?(?:and|&|n)\s+(?:i'?ll|i will|ill|i)\s+(?:{_F}|{_SUB})\b"),
        (0.8, rf"(?:\b|#)(?:{_F}\s*back|mutual (?:{_F}|{_SUB})s?)\b"),
    ),
    _group(
        "self_promotion",
        "promotes their own channel",
        "my our mah ~sub suscrib sucscrib ~fol add ~view like grow youtuber streamer rapper artist singer"
        " producer musician channel creator band dj check youtub yt soundcloud spotify twitch tiktok vimeo"
        " canal cover song video remix parody track beat rap animation montage drawing edit vlog",
        (
            0.85,
            r"\b(?:check(?:ed|ing)?|chek|chk|look|see|visit|watch|view|listen to|go to|come to|stop by"
            r"|drop by|pop over to|swing by|take a look at|have a look at|come see|come watch)\b"
            rf"(?:\s+(?:out|at|on|in))?(?:\s+\w+){{0,2}}?\s+{_MY}\s+{_MY_ADJ}{_MY_STUFF}\b"
            # one free word between, but "watch my favourite video" is a fan talking
            rf"|\bcheck(?:ed|ing)?(?: out)?(?:\s+\w+){{0,2}}?\s+{_MY}\s+(?!fav)\w+\s+{_MY_STUFF}\b",
        ),
        # "sub" alone is Twitch's word for subscribing to the streamer ("gift me a sub pls"): only the
        # full word, or "sub to me", asks for subscriptions to the writer.
        (
            0.85,
            rf"\b{_SUB_WORD}\s+(?:to\s+|in\s+|on\s+|a\s+|no\s+|ao\s+)?(?:me|my|us|our|mine|mi|meu)\b"
            r"|\bsubs?\s+to\s+(?:me|my|us|our)\b"
            r"|\bsubs?\s+(?:my|our)\s+(?:channel|chanel|page|videos?)\b",
        ),
        (0.5, r"\bsub\s+(?:me|us)\b"),
        (
            0.85,
            rf"\b(?:{_F}|add)\s+(?:me|us)\s+(?:on|at|in)\s+{_SOCIAL}\b"
            rf"|\b{_F}\s+(?:my|our)\s+(?:{_SOCIAL}|channel|stream|page|account)\b",
        ),
        (0.5, rf"\b{_F}\s+(?:me|us)\b"),
        (0.75, rf"\b{_F}\s+(?:me|us)\s+(?:on\s+\w+\s+)?[@+]\w+"),
        (
            0.8,
            r"\b(?:if i (?:get|reach|hit)|help me (?:to )?(?:get|getting|reach|reaching|hit|get to)|road to"
            r"|trying to (?:get|reach|hit))\s+(?:\d[\d,.]*k?|a few|some|more|\w+ hundred|a hundred"
            r"|a thousand)\s+(?:subs|subscribers|followers|follows|views|likes)\b"
            r"|\bhelp (?:me|my channel|my stream) grow\b|\bhelp me reach my goal\b",
        ),
        (
            0.6,
            r"\b(?:i'?m|i am|im|we'?re|we are)\s+(?:a|an)?\s*(?:very |really |pretty |kinda |kind of )?"
            r"(?:new|small|upcoming|up and coming|aspiring"
            r"|young|starting|beginner|growing|little)\s+(?:youtuber|streamer|rapper|artist|singer|producer"
            r"|musician|channel|youtube channel|twitch streamer|content creator|creator|band|dj)\b",
        ),
        (
            0.7,
            r"\bi (?:have |'ve |ve )?(?:just )?(?:started|made|created|opened|launched) (?:a|my|an) "
            r"(?:new |first |own )?(?:youtube |yt |twitch |gaming |music )?channel\b",
        ),
        (
            0.7,
            rf"\b(?:please|plz|pls|plss|plzz|pleas|pleaase)\s+(?:\w+\s+){{0,4}}?{_SUB_WORD}\b"
            rf"|\b{_SUB_WORD}\s+(?:please|plz|pls|plzz|pleaase)\b",
        ),
        (0.7, r"\bcheck (?:me|us) out\b"),
        # The text YouTube's share button writes, pasted under other people's videos.
        (
            0.7,
            r"\b(?:check out|take a look at|look at|watch|listen to) this (?:video|playlist|channel|song"
            r"|track|album|mixtape) on (?:youtube|youtub|yt|soundcloud|spotify|twitch|tiktok|vimeo)\b",
        ),
        # Weaker signs that need company, such as a first message or a link.
        (
            0.6,
            r"\b(?:my|our) (?:new |own |first |youtube |yt |twitch |gaming |music |little )*"
            r"(?:channel(?! points)|chanel|youtube|yt channel|videos|vids|mixtape|soundcloud|instagram|insta"
            r"|tiktok|covers|music|subscribers?)\b|\b(?:mi|meu) canal\b"
            r"|\b(?:my|our) (?:new|first|latest|own|debut|newest) (?:songs?|single|album|ep|raps?|beats?"
            r"|remix|music video|cover|page|blog|website|vlog|podcast|game|app)\b",
        ),
        (
            0.5,
            r"\b(?:i'?m|i am|im|we'?re|we are) (?:a|an) (?:\w+ ){0,3}?(?:youtuber|rapper|singer|producer"
            r"|musician|band|dj|beatmaker|songwriter|streamer|vlogger)\b",
        ),
        (
            0.6,
            r"\bi (?:have|got|just hit|hit|reached|am at|'m at|m at)\b(?:\s+\w+){0,2}?\s+\d[\d,.]*k?\s+"
            r"(?:subs|subscribers|followers)\b|\bwith \d[\d,.]*k? (?:subscribers|followers)\b",
        ),
        (
            0.6,
            rf"\b(?:if you|if u|could you|can you|would you|will you|can u|could u)\s+(?:please\s+|pls\s+"
            rf"|plz\s+|just\s+|all\s+)?(?:could\s+)?{_SUB_WORD}\b",
        ),
        # Something the writer made, and "check it out": each a hint, together a pitch.
        (
            0.5,
            r"\b(?:i|we) (?:just )?(?:did|made|wrote|recorded|uploaded|posted|produced|drew|created|filmed)"
            r" (?:a|an|my|our|some|this|the|a new) (?:\w+ )?(?:covers?|songs?|videos?|remix|parody|track"
            r"|beats?|raps?|animation|montage|drawing|edit|vlog)\b",
        ),
        (0.5, r"\bcheck (?:it|them|em|'em|us|me|this) out\b"),
        (
            0.6,
            rf"(?:^|[.!?]\s*)(?:(?:please|pls|plz|come|go|and|now)\s+)?{_SUB_WORD}\b"
            rf"|\b(?:like|comment|share)\W+(?:and\W+)?{_SUB_WORD}\b",
        ),
    ),
    _group(
        "discord_scam",
        "asks you to add them on Discord",
        "~discord # dc",
        (
            0.85,
            r"\b(?:[a@]dd|[a@]dding|dm|message|msg|text|contact|hit|hmu|write|pm|reach|find|friend|chat)"
            rf"\s+(?:me|us)\b(?:\s+up)?(?:\s+\w+){{0,2}}?\s+(?:on|in|at|via|through|thru|over)\s+(?:{_DISCORD}|dc\b)"
            rf"|\b(?:[a@]dd|hit)\s+me\s+up\s+(?:on\s+)?{_DISCORD}|\b[a@]dd\s+my\s+{_DISCORD}",
        ),
        _Spec(0.75, rf"\bconnect(?:ing)?\s+with\s+me\s+(?:on|via|in|over)\s+{_DISCORD}|\b{_DISCORD}\s+me\b"),
        _Spec(0.75, rf"\b[a@]dd(?:ing)?\s+up\s+(?:on|in)\s+{_DISCORD}"),
        # "let's connect on Discord", "we could talk on Discord sometime": a real viewer says it too,
        # so alone it does not flag; with a handle, a first message or a pitch it does.
        _Spec(
            0.5,
            r"\b(?:connect|connecting|talk|chat|chatting|catch up|play|game|squad up|be friends|friends"
            r"|move (?:the|this|our)"
            rf" (?:conversation|chat)|keep in touch|stay in touch)\b(?:\s+[\w']+){{0,4}}?"
            rf"\s+(?:on|to|in|via|over)\s+{_DISCORD}\b",
            label="invites you to move the talk to Discord",
        ),
        _Spec(0.85, r"\b[\w.]{2,32} ?# ?\d{4}\b", _DISCORD, label="gives a Discord tag to add"),
        _Spec(0.5, r"\b[a-z][\w.]{1,31} ?# ?\d{4}\b", label="gives what looks like a Discord tag"),
        # An invite written without its dot ("discord gg/abc"); dotted ones are judged as links.
        _Spec(0.75, rf"\b{_DISCORD}\s*(?:dot\s*)?gg\s*/\s*\w+", label="posts a Discord server invite"),
    ),
    _group(
        "contact_handle",
        "asks you to add a Discord handle",
        "~discord dc telegram whatsapp snap kik wickr signal",
        # "discord: name_01", "discord 👉 name_01", "discord (name_0147)", "add me on discord name_01":
        # a name shaped like a login (a letter and a digit or underscore) right after "discord".
        _Spec(0.85, rf"\b{_DISCORD}(?:\s+[\w']+){{0,4}}?\s*[^\w\s?]+\s*@?{_HANDLE}"),
        _Spec(0.85, rf"\b{_DISCORD}(?:\s+(?:user ?name|handle|id|tag|name|is|me))*\s+@?{_HANDLE}"),
        _Spec(0.85, rf"\b(?:i'?m|i am)\s+@?{_HANDLE}\s+on\s+{_DISCORD}\b"),
        _Spec(0.85, rf"\bdc\s*[^\w\s?]+\s*@?{_HANDLE}"),
        _Spec(
            0.6,
            rf"\b(?:i'?m|i am|it'?s)\s+@?{_HANDLE}",
            rf"\b{_DISCORD}\b",
            label="gives what looks like a Discord handle",
        ),
        _Spec(
            0.85,
            r"\bmy\s+(?:discord|dc)\s*(?:user ?name|handle|id|tag|name)?\s*(?:is|:|-|=)\W*@?" + _HANDLE,
        ),
        # A plain word in the same places may be a handle too ("discord: janedoe") or may not
        # ("discord: dead lately"): weak, it needs a push to add it, a first message or a pitch.
        _Spec(
            0.6,
            rf"\b{_DISCORD}(?:\s+[\w']+){{0,4}}?\s*[^\w\s?]+\s*@?{_WORD_HANDLE}" + _HANDLE_END,
            label="gives what looks like a Discord handle",
        ),
        _Spec(
            0.6,
            rf"\bmy\s+(?:discord|dc)\s*(?:user ?name|handle|id|tag|name)?\s*(?:is|:|-|=)\W*@?{_WORD_HANDLE}"
            + _HANDLE_END,
            label="gives what looks like a Discord handle",
        ),
        _Spec(
            0.6,
            r"\b(?:my\s+)?(?:discord\s+)?(?:user ?name|handle|tag)\s*(?:is|:)\W*@?"
            rf"(?:{_HANDLE}|{_WORD_HANDLE})",
            rf"\b{_DISCORD}\b",
            label="gives what looks like a Discord handle",
        ),
        # The same on the chat apps scams move people to.
        _Spec(
            0.6,
            r"\b(?:telegram|whatsapp|snap|snapchat|kik|wickr|signal)\s*(?:id|user ?name|handle)?\s*"
            rf"(?:is\s*)?[:\-=>]+\W*@?(?:{_HANDLE}|{_WORD_HANDLE})",
            label="gives a chat-app contact handle",
        ),
    ),
    _group(
        "follow_scam",
        "offers to connect you with a 'big streamer' (a follow-scam pitch)",
        "connect link hook",
        (
            0.9,
            r"\b(?:connect|link|hook)\s+(?:you|u)\s+(?:up\s+)?with\s+(?:\w+\s+){0,5}?"
            r"(?:streamers?|creators?|promoters?|managers?|youtubers?|influencers?)\b",
        ),
    ),
    _group(
        "follow_scam",
        "asks you to add somebody else on Discord",
        "~discord sent",
        (
            0.85,
            r"\b(?:add|contact|message|dm|text|hit up)\s+(?:him|her|them)\s+(?:up\s+)?(?:on|via|at|in)\s+"
            + _DISCORD,
        ),
        _Spec(
            0.85,
            r"\b(?:tell|let|mention)\b(?:\s+\w+){0,4}?\s+@?\S+\s+sent\W*(?:you|u|y)\b",
            label="asks you to say who sent you (a follow-scam pitch)",
        ),
    ),
    _group(
        "follow_scam",
        "promises a streamer who helps streamers grow (a follow-scam pitch)",
        "streamers creators channels",
        (
            0.75,
            r"\b(?:helps?|assists?|helping)\s+(?:\w+\s+){0,2}?(?:streamers|creators|channels)\s+"
            r"(?:\w+\s+){0,2}?(?:grow\w*|gain\w*|get\w*|attract\w*|reach\w*|boost\w*)\b",
        ),
    ),
    _group(
        "follow_opener",
        "says they just followed (how follow scams open)",
        "~fol",
        (
            0.3,
            r"\b(?:dropped|drop|gave|give|left|leave)\s+(?:you\s+|u\s+)?a\s+(?:\w+\s+)?follow\b"
            r"|\bi(?:'ve| have)?\s+(?:just\s+|also\s+)?followed\s+(?:you|u)\b"
            r"|\b(?:that'?s why|so)\s+i\s+(?:just\s+)?(?:followed|follow)\b",
        ),
    ),
    _group(
        "fake_giveaway",
        "fake giveaway or free-stuff bait",
        "free give giving airdrop won selected chosen winner congrat prize reward gift nitro skin bonus"
        " generator hack glitch",
        (0.8, rf"\bfree\s+(?:\w+\s+)?{_FREEBIES}\b|\b{_FREEBIES}\s+(?:for\s+)?free\b"),
        (
            0.8,
            r"\b(?:giveaway|give away|giving away|giveaways|airdrop)\b",
            r"\b(?:claim|click|visit|go to|enter (?:at|here|now|on)|congrat\w*|dm me"
            r"|free (?:\w+ )?giveaway|nitro|skins|\$\d|\d\s*(?:usd|dollars))\b",
        ),
        (
            0.85,
            r"\b(?:you(?:'ve| have)? (?:won|been selected|been chosen)"
            r"|you are (?:the |our )?(?:lucky )?winner|congratulations?,? you)\b",
            r"\b(?:claim|prize|dm|link|click|visit|reward|gift|free)\b",
        ),
        (
            0.85,
            r"\b(?:claim|redeem|collect|get)\s+(?:your|ur)\s+(?:free\s+)?"
            r"(?:prize|reward|gift|nitro|skins?|bonus|giveaway)\b",
        ),
        (
            0.8,
            r"\b(?:robux|v-?bucks|nitro|skins?|followers|viewers|gift ?card|itunes)\s+(?:code\s+)?"
            r"(?:generator|hack|glitch)\b",
        ),
    ),
    _group(
        "crypto_scam",
        "crypto doubling or investment scam",
        "btc bitcoin eth crypto usdt tether doge solana bnb ltc xrp nft donate send wallet address tip"
        " invest trading forex binary passive profit",
        (
            0.95,
            rf"\b(?:send|deposit|transfer|donate)\b.{{0,60}}?\b{_CRYPTO}\b.{{0,80}}?"
            r"\b(?:double|doubled|twice|2x|x2|back|returns?|returned)\b",
        ),
        (
            0.9,
            rf"\b(?:double|doubling|2x|x2|multiply|triple)\s+(?:your\s+|ur\s+)?{_CRYPTO}\b"
            rf"|\b{_CRYPTO}\s+(?:doubler|doubling|giveaway|airdrop)\b",
        ),
        (0.85, rf"\bgiveaway\b.{{0,40}}\b{_CRYPTO}\b"),
        (
            0.85,
            r"\b(?:bc1[a-z0-9]{25,59}|(?=[13][a-z0-9]*[a-z])[13][a-z1-9]{25,34}|0x[a-f0-9]{40})\b",
            rf"\b(?:{_CRYPTO}|donate|send|wallet|address|tip)\b",
        ),
        (
            0.8,
            r"\b(?:invest\w*|trading|forex|binary options?|passive income|profits?)\b",
            r"\b(?:whatsapp|telegram|t\.me|wa\.me|dm me|contact me|message me|guaranteed|daily profits?)\b"
            r"|\d+\s?(?:%|\$|usd|dollars)\s*(?:daily|a day|per day|weekly|a week|per week)\b",
        ),
    ),
    _group(
        "easy_money",
        "easy-money scheme",
        "money cash $ *dollar *usd *euro paid",
        (
            0.8,
            r"\b(?:earn|make|making|earning)\s+(?:\w+\s+){0,2}?"
            r"(?:money|cash|\$\s?\d[\d,]*|\d[\d,]*\s?(?:\$|dollars|usd|euros?))\b",
            r"\b(?:online|from home|internet|per day|a day|daily|per hour|an hour|a week|weekly"
            r"|easily|site|link|click|join|sign ?up|register|just by|by doing|by sharing|for sharing"
            r"|paid)\b",
        ),
        # "do people still get paid to pump gas?" is chat; "get paid to watch videos, link in bio" is not.
        (
            0.8,
            r"\bget(?:ting)? paid (?:to|for|just|by|while)\b",
            r"\b(?:online|from home|per day|a day|daily|per hour|an hour|a week|weekly|link|click|sign ?up"
            r"|register|dm me|bio|easily|instantly|watch(?:ing)? (?:videos|ads)|surveys?)\b"
            r"|\$\s?\d|\d\s?(?:\$|usd|dollars|euros?)",
        ),
        (0.5, r"\bget(?:ting)? paid (?:to|for|just|by|while)\b"),
    ),
    _group(
        "adult_bait",
        "adult bait",
        "nude onlyfans fans nsfw sex cam webcam single horny dating hook viagra cialis penis enlarge"
        " sell buy free my cheap"
        " 18 girl gurl women babe milf lady ladies chick teen porn",
        (
            0.85,
            r"\b(?:nude (?:pics|photos|videos?)"
            r"|nsfw (?:pics|photos|content|videos?)|sex ?cams?|cam ?girls?|webcam (?:girls?|shows?|sex)"
            r"|hot singles|horny (?:girls?|singles|women|milfs?)"
            r"|sexy (?:girls?|singles|pics|photos|videos?|women)"
            r"|sexting|sex ?toys?|enlarge your)\b"
            r"|\b(?:sell|selling|buy|free|my|cheap)\s+nudes\b|\bnudes\s+(?:for sale|in|on|at)\s+(?:my\s+)?"
            r"(?:bio|profile|page|dms?)\b|\bnudes for \$?\d",
        ),
        # Chat jokes about dating apps, hooking up, nudes, OnlyFans and viagra ("nudes?", "time for
        # OnlyFans", "download a dating app"): crude maybe, but spam only with a lure to somewhere.
        (
            0.85,
            r"\b(?:dating (?:site|app)s?|hook ?ups?|nudes|onlyfans|only fans|viagra|cialis"
            r"|penis enlargement)\b",
            r"\b(?:bio|profile|my page|click|near you|in your area|sign ?up|join (?:now|free|here|me)|free"
            r"|dm me|link|tonight|my (?:onlyfans|only fans|page)|cheap|buy|order|discount|subscribe to)\b",
        ),
        (
            0.85,
            r"\b(?:cute|hot|sexy|lonely|naughty|beautiful|young|single|horny)\s+"
            r"(?:girls?|gurls?|women|babes?|milfs?|singles?|lad(?:y|ies)|chicks?|teens?)\b",
            r"\b(?:bio|profile|check|link|dm|pm|message|chat with|looking for|waiting|near you"
            r"|my page|click|free|pics?|photos?|content)\b|\b18\s*\+",
        ),
        # "18+" alone is also a game's age rating: only with a lure to a profile or pictures.
        (
            0.85,
            r"\b18\s*\+|\b18 ?y\.?o\b|\bporn\b",
            r"\b(?:bio|profile|dm|pm|link|pics?|photos?|videos|snap|snapchat|my page|click|nudes?|girls?"
            r"|sexy|free)\b",
        ),
    ),
    _group(
        "artist_pitch",
        "unsolicited artist/designer pitch",
        "artist designer illustrator animator editor rigger freelancer gfx emote overlay logo banner panel"
        " badge alert channel thumbnail intro outro animation model avatar graphic branding stinger frame"
        " commission",
        (
            0.85,
            rf"\b(?:i'?m|i am|im|we are|we'?re)\s+(?:a|an)?\s*(?:\w+\s+){{0,2}}?{_ARTIST}\b",
            rf"\b{_ART_GOODS}\b|\b(?:commissions?|your (?:channel|stream)|dm me|pm me|portfolio"
            r"|prices?|affordable)\b",
        ),
        (
            0.85,
            rf"\b(?:i|we)\s+(?:can|could|will|would|do|make|create|design|draw|offer)\s+(?:\w+\s+){{0,3}}?"
            rf"{_ART_GOODS}\b",
            r"\b(?:for (?:you|u|your|ur)|your (?:channel|stream)|dm|pm|commissions?|affordable"
            r"|cheap|prices?|portfolio|interested)\b",
        ),
        (
            0.75,
            r"\b(?:do you|does your (?:channel|stream)|you) (?:need|want)\b"
            rf"(?:\s+\w+){{0,3}}?\s+{_ART_GOODS}\b",
        ),
        (
            0.8,
            r"\b(?:i|we) (?:can|could|will) (?:make|design|create|draw|do) (?:you|u|ya) "
            rf"(?:(?:a|an|some|custom|nice|new|cool|unique|cute)\s+)*{_ART_GOODS}\b",
        ),
        (0.8, r"\b(?:commissions? (?:are )?open|open (?:for|to) commissions?|taking commissions?)\b"),
    ),
)

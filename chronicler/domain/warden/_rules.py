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


def _group(
    rule: str, label: str, stems: str, *patterns: tuple[float, str] | tuple[float, str, str]
) -> RuleGroup:
    """Compile the patterns of one rule; each is (score, pattern) or (score, pattern, required context)."""
    compiled = tuple(
        KeywordRule(rule, label, spec[0], re.compile(spec[1]), re.compile(spec[2]) if len(spec) > 2 else None)
        for spec in patterns
    )
    return RuleGroup(rule, tuple(stems.split()), compiled)


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
            r"(?:channel|chanel|youtube|yt channel|videos|vids|mixtape|soundcloud|instagram|insta|tiktok"
            r"|covers|music|subscribers?)\b|\b(?:mi|meu) canal\b"
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
        "pushes a Discord contact or invite",
        "~discord #",
        (
            0.85,
            r"\b(?:add|dm|message|msg|text|contact|hit|hmu|write|pm|reach|find|friend)\s+(?:me|us)\b"
            rf"(?:\s+\w+){{0,2}}?\s+(?:on|in|at|via|through|thru|over)\s+{_DISCORD}",
        ),
        (0.85, r"\b[\w.]{2,32} ?# ?\d{4}\b", _DISCORD),
        (0.5, r"\b[a-z][\w.]{1,31} ?# ?\d{4}\b"),
        (0.6, rf"\bmy {_DISCORD}(?: id| tag| username| name)?\s*(?:is|:|-)\s*@?[\w.]{{2,32}}"),
        # An invite written without its dot ("discord gg/abc"); dotted ones are judged as links.
        (0.75, rf"\b{_DISCORD}\s*(?:dot\s*)?gg\s*/\s*\w+"),
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
        (0.75, r"\bget paid (?:to|for|just|by|while)\b"),
    ),
    _group(
        "adult_bait",
        "adult bait",
        "nude onlyfans fans nsfw sex cam webcam single horny dating hook viagra cialis penis enlarge"
        " 18 girl gurl women babe milf lady ladies chick teen porn",
        (
            0.85,
            r"\b(?:nudes|nude (?:pics|photos|videos?)|onlyfans|only fans"
            r"|nsfw (?:pics|photos|content|videos?)|sex ?cams?|cam ?girls?|webcam (?:girls?|shows?|sex)"
            r"|hot singles|horny (?:girls?|singles|women|milfs?)"
            r"|sexy (?:girls?|singles|pics|photos|videos?|women)|dating (?:site|app)|hook ?ups?"
            r"|sexting|sex ?toys?|penis enlargement|enlarge your|viagra|cialis)\b",
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

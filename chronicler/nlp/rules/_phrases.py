"""Multi-word phrases rewritten to the lexicon word they mean: "turn the warden off" -> "disable the warden".

Rewriting before tokenising keeps the intent rules about single words. Order matters: the specific
phrases ("shut down") come before the general ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = r"(?:<[a-z]+:\d+>|[a-z0-9_#@']+)"  # one word or placeholder, for "turn <it> off"

# A switching (or setting) verb and what may sit between it and the mode ("turn on the", "mute", "set").
_SWITCHED = (
    r"\b(?:turn|switch|put|pause|mute|unmute|disable|enable|activate|deactivate|kill|shut|silence|snooze"
    r"|quiet|stop|set)\s+(?:on\s+|off\s+|up\s+|down\s+)?(?:the\s+)?"
)
_REWRITES: tuple[tuple[str, str], ...] = (
    # Emoji as words, typed one-handed: "✅ warden", "❌ steward".
    ("[\u2705\u2611\u2714\U0001f7e2]\ufe0f?\\s*([a-z]+)", r" \1 on "),
    ("[\u274c\u2716\U0001f6ab\u26d4]\ufe0f?\\s*([a-z]+)", r" \1 off "),
    ("[\u2705\u2611\u2714\U0001f7e2]\ufe0f?", " on "),
    ("[\u274c\u2716\U0001f6ab\u26d4]\ufe0f?", " off "),
    (r"\bre-(?=[a-z])", "re"),  # re-enable, re-send
    (r"\bw/(?=\s|$)", "with"),  # "share it w/ the server"
    # Openers that only urge ("go ahead and start"): their "and" would cut the verb off into a clause of
    # its own, and a bare "start" beside another clause is only asked about.
    (
        r"^((?:\W*(?:hey|ok|okay|so)\W+)?(?:bot\W+)?)(?:go\s+ahead|do\s+me\s+a\s+fa(?:vo|vou)r)\s+and\s+",
        r"\1",
    ),
    (r"\bhearth[\s-]+keeper\b", "hearthkeeper"),
    # Nicknames ("hk on", "mute stewy", "pause lib", "hk timer 8"), only where something switches or sets
    # them: "hk" is also Hollow Knight, "lib" a library and Stewart a chatter.
    *(
        (
            rf"\b(?:{nick})\b(?=\s+(?:back\s+)?(?:on|off)\b|\s+(?:to\s+|timer\s+|at\s+)?\d)|({_SWITCHED})(?:{nick})\b",
            rf"\1{mode}",
        )
        for nick, mode in (("hk", "hearthkeeper"), ("lib", "librarian"), ("stewy|stewie|stewart", "steward"))
    ),
    # Watching a chat or a channel is what chronicling is ("could you watch the chat for x?", "watch
    # twitch.tv/x tonight"); "watching" is left alone: "do you ever get tired of watching chat?" asks
    # nothing.
    (
        r"\b(?:begin|start|commence)\s+(?:monitoring|keeping\s+(?:an\s+)?eye\s+on|keeping\s+tabs\s+on)\s+"
        r"(?=(?:the\s+|my\s+|our\s+|her\s+|his\s+|their\s+)?chat\b|<chan:\d+>|#[a-z0-9_]+)",
        "start watching ",
    ),
    (
        r"\b(?:watch|monitor|keep\s+(?:an\s+)?eye\s+on|keep\s+tabs\s+on)\s+"
        r"((?:the\s+|my\s+|our\s+|her\s+|his\s+|their\s+)?chat\b|<chan:\d+>|#[a-z0-9_]+)",
        r"chronicle \1",
    ),
    (r"\bweb[\s-]+hook\b", "webhook"),
    (r"\b(?:ledger|ledgers|recap|report)\s+(?=webhook\b)", ""),  # "ledger webhook: <url>" is the webhook
    (r"\bblog[\s-]*posts?\b|\bblog\s+entries\b", "blog"),
    # What the scribe writes is the ledger: "what did the scribe write up".
    (r"\bscribe\s+(?:write|wrote|written|writes)[\s-]+up\b", "scribe ledger"),
    (r"\bwrite[\s-]+up\b", "writeup"),
    (r"\bwrite[\s-]+ups\b", "writeups"),
    (r"\bclip[\s-]+(?:candidates?|ideas?|worthy)\b|\bclipworthy\b", "clips"),
    (r"\bflagged\s+(?:messages|msgs|chatters|users|stuff|chat|lines)\b", "flags"),
    (
        r"\bhow\s+many\s+(?:messages|msgs|chatters|viewers|people|users|lines|emotes|subs|follows|followers)\b",
        "stats",
    ),
    # "which chatter was the loudest", "who was the most active in chat": the top chatters.
    (
        r"\b(?:which|what)\s+chatters?\s+(?:was|were|is|are)\s+the\s+(?:loudest|chattiest|most\s+active|top)\b"
        r"|\bwho\s+(?:was|were|is)\s+the\s+(?:loudest|chattiest|most\s+active|top)\s+(?:chatters?|in\s+chat)\b",
        "stats",
    ),
    (r"\bhow\s+(?:busy|active)\s+was\s+chat\b|\bchat\s+activity\b", "stats"),
    (
        r"\bwhat\s+(?:else\s+)?can\s+(?:you|u|ya)\s+do\b|\bwhat\s+do\s+(?:you|u)\s+do\b|\bhow\s+does\s+this\s+work\b"
        # "uh what is this bot", "what's this bot exactly?": what the bot is, asked of it.
        r"|\bwhat(?:'?s|\s+is)\s+this\s+bot(?:\s+(?:exactly|even|lol))?(?=\s*(?:[?!.]|$))"
        r"|\bhow\s+do\s+i\s+use\s+(?:this|you|u|it)\b|\bwhat\s+are\s+(?:the|your)\s+commands\b"
        r"|\bwhat\s+commands\b|\bwhat\s+are\s+my\s+options\b|\bhow\s+to\s+use\b"
        # "hi im new, what are you exactly lol", "who are you?": what the bot is.
        r"|\bwhat\s+(?:exactly\s+)?are\s+(?:you|u)(?:\s+exactly)?(?=\s*(?:[?!.,]|$|\s+(?:lol|lmao|haha|again|even)\b))"
        r"|\bwho\s+(?:exactly\s+)?are\s+(?:you|u)(?:\s+exactly)?(?=\s*(?:[?!.,]|$|\s+(?:lol|lmao|haha|again|even)\b))"
        # "how am I supposed to use you", "how do I get started with you", "what's this bot for", "what can
        # you help me with", "is there a guide": the streamer asking how the bot works.
        r"|\bhow\s+(?:do\s+i|to|am\s+i\s+supposed\s+to|i'?m\s+supposed\s+to|should\s+i|can\s+i)\s+"
        r"(?:use|start\s+using|get\s+started\s+with)\s+(?:you|u|this|it|the\s+bot)\b"
        r"|\bhow\s+do\s+i\s+get\s+started\b|\bwhat'?s\s+(?:this|the)\s+bot\s+(?:actually\s+|even\s+)?for\b"
        r"|\bwhat\s+(?:can|could)\s+(?:you|u)\s+help\s+(?:me|\w+)\s+with\b|\bis\s+there\s+a\s+(?:guide|manual|tutorial)\b"
        r"|\bwhat\s+(?:you|u)\s+can\s+and\s+can'?t\s+do\b|\bwat\s+commands\b"
        # "was kannst du alles?", "was können Sie eigentlich?": what the bot can do, in German.
        r"|\bwas\s+(?:kannst\s+du|k(?:ö|oe|o)nnen\s+sie)(?:\s+(?:alles|eigentlich|so))*(?=\s*(?:[?!.,]|$))"
        r"|\bwtf\s+(?:even\s+)?are\s+(?:you|u)(?:\s+even)?(?=\s*(?:[?!.,]|$|\s+(?:lol|lmao|haha)\b))"
        # "I'm lost", "explain yourself", "first time using this, where do I start", "do I need a prefix",
        # "a quick rundown of your features", "wtf is sanctum chronicler": the streamer asking how it works.
        r"|^\W*(?:(?:ok|okay|um+|uh+|help|hey|so)\W+)*(?:i'?m|im|i\s+am)\s+(?:so\s+|totally\s+|kinda\s+|a\s+bit\s+)?"
        r"(?:lost|confused)(?=(?:\W+(?:lol|lmao|haha|here|rn|ngl|sorry))*\W*$)"
        r"|\bexplain\s+(?:yourself|how\s+(?:you|u|this|it)\s+works?|what\s+(?:you|u)\s+do)\b"
        r"|\bwhere\s+(?:do|should)\s+i\s+(?:start|begin)(?=\s*(?:[?!.,]|$|\s+with\s+(?:you|u|this|the\s+bot)\b))"
        r"|\bdo\s+i\s+need\s+a\s+prefix\b|\bwhat'?s\s+(?:the|your)\s+(?:command\s+)?prefix\b"
        r"|\b(?:quick\s+)?(?:rundown|overview|tour)\s+of\s+(?:your|the)\s+(?:features|commands|modes)\b"
        r"|\b(?:what|wtf|wth)\s+(?:is|'s)\s+(?:this\s+)?sanctum(?:\s+chronicler)?\b"
        # The other four languages: "¿qué puedes hacer?", "o que vc faz?", "qu'est-ce que tu sais faire",
        # "comment vous utiliser", "wie funktionierst du".
        r"|\bqu[eé]\s+(?:puedes|podes|sabes|puede\s+usted)\s+hacer\b"
        r"|\bo\s+que\s+(?:vc|voc[eê]|tu)\s+(?:faz|sabe\s+fazer|pode\s+fazer)\b"
        r"|\bqu'?est[\s-]ce\s+que\s+(?:tu\s+(?:peux|sais)|vous\s+(?:pouvez|savez))\s+faire\b"
        r"|\bque\s+(?:peux-tu|pouvez-vous|sais-tu|savez-vous)\s+faire\b"
        r"|\bcomment\s+(?:vous|t'|te)\s*utiliser\b|\bwie\s+(?:funktionierst\s+du|funktioniert\s+(?:das|der\s+bot))\b"
        # "c'est quoi tes fonctions ?", "¿cuáles son tus funciones?", "quais são as tuas funções", "was sind
        # deine Funktionen": the bot's own features asked for.
        r"|\b(?:c'?est\s+quoi|quelles\s+sont)\s+(?:tes|vos)\s+fonction\w*"
        r"|\bcu[aá]les\s+son\s+(?:tus|sus)\s+funciones\b|\bquais\s+s[aã]o\s+as\s+(?:tuas|suas)\s+fun[cç][oõ]es\b"
        r"|\bwas\s+sind\s+(?:deine|ihre)\s+funktionen\b",
        "help",
    ),
    (
        r"\bidle\s+(?:time|timer|timeout|minutes|period|delay|threshold)\b|\bdead\s+chat\b"
        r"|\bquiet\s+(?:time|chat|period)\b|\bchat\s+(?:is|goes|gets|being)\s+(?:quiet|dead|silent)\b",
        "idle",
    ),
    (r"\btwitch\s+(?:channel|name|username|login|account|handle|user)\b|\bchannel\s+name\b", "channel"),
    (
        r"\bdo\s+not\b|\bno\s+need\s+to\b|\bi\s+(?:don't|dont)\s+want\s+(?:you\s+)?to\b|\bplease\s+don't\b",
        "don't",
    ),
    # Announcements that suggest, without asking for, a start or a stop.
    (
        r"\b(?:we're|we\s+are|were|i'm|im|i\s+am)\s+(?:now\s+)?(?:going\s+)?(?:live|on\s+air)\b|\bgoing\s+live\b"
        r"|\bstream(?:'s|\s+is)\s+starting\b|\bstarting\s+(?:the\s+)?stream(?:\s+now)?\b"
        r"|\b(?:about\s+to|bout\s+to|gonna|going\s+to|ready\s+to|(?:i|we)'ll|(?:i|we)\s+will)\s+(?:go|be)\s+live\b"
        r"|\b(?:sesh|stream|session)\s+time\b|\btime\s+to\s+(?:stream|go\s+live)\b"
        r"|\b(?:just\s+went|(?:just\s+)?(?:hit|pressed|clicked)\s+go)\s+live\b",
        "golive",
    ),
    (
        r"\b(?:we're|we\s+are|i'm|im|i\s+am)\s+(?:done|finished|ending|wrapping\s+up|offline)\b"
        r"|\bthat'?s\s+a\s+wrap\b|\bstream(?:'s|\s+is)?\s+over\b(?!\s+there)|\bend\s+of\s+(?:the\s+)?stream\b"
        r"|\bending\s+(?:the\s+)?stream\b|\bgoing\s+offline\b|\b(?:log|logging|sign|signing)\s+(?:off|out)\b"
        r"|\b(?:ending|finishing|wrapping\s+up)\s+early\b|\bcalling\s+it\s+(?:a\s+night|early|here)\b"
        r"|\bdone\s+(?:streaming|for\s+(?:the\s+night|tonight|today|<time:\d+>))"
        r"|\bthat'?s\s+(?:enough|it|all)\s+for\s+(?:(?:today|tonight|the\s+night|now)\b|<time:\d+>)|\boffline\s+now\b|\bstream\s+ended\b"
        r"|\braid(?:ing)?\s+out\b|\bthanks?\s+(?:you\s+)?for\s+(?:today|tonight)\b"
        r"|\b(?:i'?m|im|i\s+am)\s+not\s+coming\s+back\b",
        "wrapped",
    ),
    # How long a switch lasts is no stray word beside it: "turn off librarian forever".
    (
        r"\b(?:for\s+good|permanently|forever|from\s+now\s+on|(?:going|moving)\s+forward"
        r"|from\s+here\s+on(?:\s+out)?|by\s+default|as\s+(?:the\s+)?default)\b",
        "forgood",
    ),
    # "warden on always", "scribe always on": on for good, said tersely.
    (r"\b(on|off)\s+always\b|\balways\s+(on|off)\b", r"\1\2 forgood"),
    (r"\b(?:shut|close)\s+(?:it\s+)?down\b|\bclose\s+out\b|\bwrap\s+up\b", "stop"),
    (r"\bwrap\s+it\s+up\b", "stop it"),
    (r"\b(?:kick|fire|boot|spin|start)\s+(?:it\s+|things\s+|this\s+)?(?:up|off)\b", "start"),
    (r"\b(?:turn|switch|flip|toggle|power|put)\s+(?:back\s+)?on\b", "enable"),
    (r"\b(?:turn|switch|flip|toggle|power|shut)\s+off\b", "disable"),
    (rf"\b(?:turn|switch|flip|toggle|power)\s+((?:the\s+|my\s+)?{_WORD})\s+(?:back\s+)?on\b", r"enable \1"),
    (rf"\b(?:turn|switch|flip|toggle|power|shut)\s+((?:the\s+|my\s+)?{_WORD})\s+off\b", r"disable \1"),
    (
        r"\b(?:send|dm|message|whisper|show|give|get)\s+me\b|\bgimme\b"
        r"|\b(?:let\s+me|lemme)\s+(?:see|look\s+at)\b"
        r"|\b(?:pull|bring|look)\s+up\b|\btell\s+me\b|\blook\s+at\b",
        "show",
    ),
    # The stream's report posted somewhere is the ledger ("share the stream summary w/ the server");
    # after "send me" became "show", so a summary asked for stays a question for the other rules, and
    # after "end of stream" became "wrapped".
    (
        r"\b(post|repost|publish|share|send|resend|push|drop)\s+((?:(?:the|my|this|last|tonight'?s|today'?s"
        r"|last\s+stream'?s|stream'?s)\s+)*)(?:stream\s+|wrapped\s+|post[\s-]stream\s+)?"
        r"(?:report|summary|recap)\b",
        r"\1 \2ledger",
    ),
)

_COMPILED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in _REWRITES
)


@lru_cache(maxsize=4096)  # a DM's sentences and clauses are analysed more than once
def rewrite(text: str) -> str:
    """Apply the phrase rewrites to lower-cased, masked text."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text

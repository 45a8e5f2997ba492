"""Greetings, sign-offs and other courtesies around a request, taken off before it is read.

Letters to the bot open with "Good evening," and close with "Thank you. Regards, Bernard": neither asks
for anything, and the thanks at the end made a request read as thanks ("You're welcome!"). Only a
greeting that opens the DM and a sign-off that closes it are taken off, and only with words left
between; "thanks, but don't" is no sign-off, and thanks after a question take its question mark with
them: they make it a request. Also taken off: the writer's doubt about the bot before the request ("not
sure if you can, but ...") and a condition on the state just asked about ("is the warden on? if not,
..."); swearing for emphasis ("just f***ing stop it"); "I was wondering whether you could ...", "maybe
you could ...", "is there a way to have you ...", "would it be ok if you started ..." are said as "could
you ...".
"""

from __future__ import annotations

import re

from chronicler.nlp.rules._lexicon import LEXICON

_GREETING = re.compile(
    r"^\W*(?:good\s+(?:morning|afternoon|evening|day)|hello(?:\s+(?:there|again))?|hi(?:\s+there)?"
    r"|hey(?:\s+there)?|dear\s+(?:bot|chronicler|friend|sir|madam)|greetings|howdy|hiya|yo"
    r"|bonjour|bonsoir|salut|hola|buenas(?:\s+(?:noches|tardes|dias|días))?|buenos\s+(?:dias|días)"
    r"|hallo|guten\s+(?:tag|abend|morgen)|servus|moin|ol[aá]|oi|boa\s+(?:noite|tarde|dia))"
    r"(?:\s+(?:bot|chronicler|chronny|friend|buddy|again|everyone))?\s*[,.!:;—–-]+\s+(?=\S)",
    re.IGNORECASE,
)
# A dash between two letters ("...-Ty" in a webhook token) joins them: only a dash with a space beside it
# sets a sign-off apart.
_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?])|\s*[,;]|\s+[—–-]|[—–-](?=\s))\s*(?:"
    r"(?:many\s+|big\s+)?thanks?(?:\s+(?:you|so\s+much|a\s+lot|again|in\s+advance|kindly|very\s+much))*"
    r"|ty(?:sm)?|thx|cheers|(?:kind\s+|best\s+|warm\s+)?regards|best(?:\s+wishes)?|blessings|sincerely"
    r"|merci(?:\s+beaucoup)?|gracias|danke(?:\s+sch[oö]n)?|obrigad[oa]|saludos|cordialement|gr[uü](?:ss|ß)e?"
    r"|lg|love|xoxo|bye|good\s*night|gn|until\s+next\s+time|ggs?(?:\s+wp)?|night\s+all|peace(?:\s+out)?|o7"
    r"|(?:see|talk\s+to|catch)\s+(?:you|ya|u|y'?all)(?:\s+(?:tomorrow|tmrw|later|soon|then|next\s+(?:time|week|stream)"
    r"|on\s+\w+day))?"
    # A name after it, capitalised ("Regards, Bernard"), never a word that takes something back.
    r")(?:\s*,?\s*(?!(?:But|Not|No|Don'?t|Never|Wait|Actually|Please)\b)(?-i:[A-Z][\w'-]*)"
    r"(?:\s+(?-i:[A-Z][\w'-]*))?)?[\s.!~♥❤️🙏😊🙂]*$",
    re.IGNORECASE,
)


# Politeness shaped as a condition: "if that's not too much trouble", "whenever you're ready", "when you get
# a sec", "si es posible", "wenn möglich". It puts no condition on the request. Shared with the doubts
# (`_guards`), which read it anywhere; taken off the DM only where it ends a clause ("if you can't see
# chat" is a condition).
POLITE_CONDITION = (
    r"(?:only\s+)?if\s+(?:that'?s|that\s+is|it'?s|it\s+is|this\s+is)\s+(?:not|no)\s+(?:too\s+much\s+)?"
    r"(?:trouble|bother|problem|hassle)"
    r"|if\s+it\s+(?:isn'?t|is\s+not)\s+(?:too\s+much\s+)?(?:trouble|bother|a\s+problem)"
    r"|if\s+(?:you|u)\s+(?:please|would|could|can|(?:do\s+not|don'?t|dont|wouldn'?t)\s+mind)\b(?!['’]t)"
    r"|if\s+(?:at\s+all\s+)?possible|if\s+(?:that'?s|that\s+is|it'?s|it\s+is)\s+(?:ok|okay|alright|all\s+right"
    r"|fine|cool|possible|allowed)|if\s+that\s+works(?:\s+for\s+you)?"
    # The bot's own ability, asked about just before: "Is there a thing that nudges chat? If there is,
    # please turn it on", "Is the librarian the one that finds clips? If yes, can you enable it?"
    r"|if\s+(?:so|yes|there\s+is(?:\s+one)?|it\s+(?:exists|does|can))\b"
    r"|(?:when|whenever|if)\s+(?:you|u)\s+(?:can\b(?!['’]t)|get\s+(?:a|the)\s+(?:sec|second|chance|moment|minute)"
    r"|have\s+(?:a\s+)?(?:sec|second|moment|minute|time)|are\s+ready)"
    r"|(?:when|whenever)\s+(?:you'?re|ur|u'?re)\s+ready"
    r"|si\s+(?:es|fuera)\s+posible|si\s+no\s+es\s+(?:molestia|mucha\s+molestia)|si\s+puedes"
    r"|si\s+(?:c'?est\s+)?possible|si\s+(?:ca|ça)\s+ne\s+te\s+d[ée]range\s+pas|si\s+tu\s+peux"
    r"|wenn\s+m[öo]glich|wenn'?s\s+geht|wenn\s+es\s+geht|se\s+poss[íi]vel|se\s+puder|se\s+n[ãa]o\s+for\s+inc[ôo]modo"
)
_POLITE_IF = re.compile(rf"(?:^|\s*[,;—–-]?\s+)(?:{POLITE_CONDITION})(?=\s*(?:[,.!?;)]|$))", re.IGNORECASE)

# The writer's doubt about the bot, not about the request, opening the DM: "not sure if you can do this,
# but could you ...", "idk if it's set up but post the ledger", "sorry if this is a dumb question, but
# ...". What follows "but" is the request; the "not" of "not sure" negates nothing of it.
_HEDGE = re.compile(
    r"^\W*(?:(?:i'?m|im|i\s+am)\s+)?(?:not\s+(?:sure|certain)|unsure|no\s+idea|idk|i\s+(?:don'?t|dont|do\s+not)"
    r"\s+know|dunno|sorry\s+if\s+this\s+is\s+a\s+(?:dumb|stupid|silly)\s+question)"
    r"(?:\s+[^.;!?]{0,80}?)?\s*[,—–-]?\s+but\s+(?=\S)",
    re.IGNORECASE,
)

# "is the scam catcher on? if not turn it on", "is steward on? if it is, turn it off": the condition is the
# state just asked about, and switching a mode to the state it is in changes nothing, so the request
# stands as it is (the "not" of "if not" negated it: "Okay, I won't turn on the warden").
_IF_IT_IS = re.compile(
    r"(?<=\?)\s*if\s+(?:not|it\s+is(?:n'?t|\s+not)?|it'?s\s+(?:not|off|on)|its\s+(?:not|off|on)"
    r"|it\s+is\s+(?:on|off)|it\s+isn'?t\s+(?:on|off))\b\s*[,:]?\s+(?=\S)",
    re.IGNORECASE,
)

# "I was wondering whether you could forget the webhook?", "I was wondering if it's possible to ...": the
# request asked as softly as it can be; said as "could you ..." ("I wonder if I should stop" stays).
_WONDERING = re.compile(
    r"\b(?:i\s+(?:was|am)\s+|i'?m\s+)?wonder(?:ing)?\s+(?:if|whether)\s+"
    r"(?:(?P<you>you|u)\s+(?:could|can|would|might)|(?P<i>i)\s+(?:could|can|may)"
    r"|(?P<it>it'?s|it\s+is|it\s+would\s+be|it'?d\s+be)\s+possible\s+(?:for\s+(?:you|u)\s+)?to)\b",
    re.IGNORECASE,
)


# The same softness in other words: "maybe you could stop?", "is there a way to have you watch chat?",
# "would it be a problem to switch off the clip finder?", "would it be ok if you started now?" (the verb
# after "if you" is in the past: said as it is asked, "could you start now?").
_SOFTLY = re.compile(
    r"\bmaybe\s+(?P<you>you|u)\s+(?:could|can)\b"
    r"|\bis\s+there\s+(?:a|any)\s+way\s+(?:to\s+(?:have|get)|for)\s+(?P<you2>you|u)(?:\s+to)?\b"
    r"|\b(?:is\s+there\s+(?:a|any)\s+way|would\s+it\s+be\s+(?:a\s+problem|ok(?:ay)?|alright|possible))\s+to\b"
    r"|\bwould\s+it\s+be\s+(?:a\s+problem|ok(?:ay)?|alright|possible)\s+if\s+(?P<if_you>you|u)"
    r"(?:\s+(?:could|can)\b|\s+(?P<past>[a-z]{2,}(?<!e)ed)\b)?",
    re.IGNORECASE,
)


# Swearing for emphasis says nothing of what is asked ("just f***ing stop it already", "turn the freaking
# reply bot off"); after Discord's markdown is gone "f***ing" is "fing".
_SWEARING = re.compile(
    r"\s*\b(?:f(?:u|\*)?c?k+(?:ing|in|n)|fing|fkin|fckin|fcking|freakin[g']?|frickin[g']?|friggin[g']?|effing"
    r"|goddamn|god\s+damn|bloody)\b(?=\s+\w)",
    re.IGNORECASE,
)


def _asked_plainly(wondering: re.Match[str]) -> str:
    return "could you" if wondering["you"] else "could i" if wondering["i"] else "is it possible to"


def _said_plainly(softly: re.Match[str]) -> str:
    if softly["you"] or softly["you2"]:
        return "could you"
    if not softly["if_you"]:
        return "is it possible to"
    past = softly["past"]
    if past is None:
        return "could you"
    # "started" -> "start", "paused" -> "pause", "stopped" -> "stop": the verb as the lexicon spells it,
    # else without its "-ed" ("answered" -> "answer").
    verb = next((v for v in (past[:-2], past[:-1], past[:-3]) if v in LEXICON), past[:-2])
    return f"could you {verb}"


def without_manners(text: str) -> str:
    """`text` without the greeting that opens it, a doubt about the bot before the request and the
    sign-off that closes it; `text` itself when nothing else would be left."""
    plain = _POLITE_IF.sub("", _HEDGE.sub("", _GREETING.sub("", text, count=1), count=1))
    plain = _SWEARING.sub("", plain)
    plain = _SOFTLY.sub(_said_plainly, _WONDERING.sub(_asked_plainly, _IF_IT_IS.sub(" ", plain)))
    for _ in range(2):  # "Thank you. Regards, Bernard": two sign-offs
        sign_off = _SIGN_OFF.search(plain)
        if sign_off is None:
            break
        before = plain[: sign_off.start()].rstrip()
        # Thanks after a question make it a request ("stop chronicling? danke"): the question mark goes
        # with the thanks, so the request is neither a bare question nor read as thanks.
        plain = before[:-1] + "." if before.endswith("?") else before
    return plain if plain.strip(" .,!?") else text

"""Settings and linking: the webhook URL, the streamer's channel, the account link code."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._guards import doubts
from chronicler.nlp.rules._intents._base import (
    NOISE,
    TERSE_FORM,
    Candidate,
    one_login,
    only_noise,
    state_score,
)
from chronicler.nlp.rules._lexicon import (
    ASSIGN,
    KNOWN,
    OBJ_CHANNEL,
    OBJ_WEBHOOK,
    QUESTION,
    SLOT_CHANNEL_URL,
    SLOT_CODE,
    SLOT_URL,
    VERB_LINK,
    VERB_SET,
)
from chronicler.nlp.rules._logins import Login, login_of, plain_login, shaped, shaped_logins
from chronicler.nlp.rules._slots import bare_codes, shop_code, shouted_codes
from chronicler.nlp.rules._text import Token
from chronicler.nlp.rules._utterance import Utterance

# "post the ledgers here", "send the recaps to <url>": with a webhook URL, where ledgers go from now on.
_POST_HERE = re.compile(
    r"\b(?:post|send|share|put|drop)\s+(?:the\s+|my\s+|all\s+)*(?:ledgers?|recaps?|reports?|summar(?:y|ies))"
    r"\s+(?:here|there|(?:to|in|into|at)\s+(?:this\s+(?:one|channel|webhook)|<url:\d+>))"
)
_DISCORD_WEBHOOK = re.compile(r"^https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/", re.I)
# A local stand-in for Discord (a test's fake); the API decides whether it takes one.
_LOCAL_WEBHOOK = re.compile(r"^https?://(?:127\.0\.0\.1|localhost)(?::\d+)?/api/webhooks/", re.I)
_WEBHOOK_STATEMENT = re.compile(
    r"\b(?:my|our|the)\s+(?:new\s+)?webhook(?:\s+url)?\s+(?:is|=|->)|\bwebhook(?:\s+url)?\s*[:=]"
    r"|\bhere(?:'s|s|\s+is)\s+(?:my|the|our)\s+(?:new\s+)?webhook|\bnew\s+webhook\b"
    r"|^\s*webhook(?:\s+url)?\s+<url:\d+>\s*$"
)
_ASK_CODE = "What's your link code? Send it like 'link ABCD-1234'."
# "connect my twitch" (or "twiitch") asks for the Twitch connection, not for a link code.
_TWITCH_WORDS = frozenset({"channel", "bot", "bot's"})
# The code given as the last thing said, after what names it as ours or as the link's ("voici mon code
# de liaison : 4RB7KX", "meu código é QW83LM", "Verknüpfungscode: ZP4R7D", "site says to DM you this:
# link J4N8WC"); never a shop's code ("use promo code ZX81KL").
_CODE_GIVEN = re.compile(
    r"(?:\b(?:my|mon|ma|mi|meu|minha|mein|meine|the|le|el|o|der)\s+|\blink\s+|\bverkn\w*|\b(?:hier|voici|aqui)\b[^<]*"
    r"|\bcode\s+de\s+liaison\b|\bc[oó]digo\s+de\s+(?:vinculaci[oó]n|v[ií]nculo|vincula[cç][aã]o)\b)"
    r"[^<.!?]{0,40}?(?:<code:0>)\W*$"
)
_SHOP_CODE = re.compile(
    r"\b(?:promo|discount|coupon|gift|creator|cupom|cupon|cupón|rabatt|gutschein|r[ée]duc)\w*"
)
_TWITCH = re.compile(r"t+w+i*t+c*h")
_CHANNEL_ADJECTIVES = frozenset({"new", "twitch", "main", "stream", "streaming", "actual", "real", "own"})
# "my timezone is X", "time zone: X", "set tz to X", "use X as my time zone" is left to the model.
_ZONE_STATEMENT = re.compile(
    r"^\W*(?:(?:pls|please|can\s+you|could\s+you)\s+)?(?:(?:set|change|update|switch)\s+)?(?:my\s+|the\s+)?"
    r"(?:time\s*zone|tz)\s*(?:is|=|:|to|->|should\s+be)?\s*(?:now\s+)?(?P<zone>[^,.;!?]+?)\s*(?:now|please|pls)?\W*$"
)
# Where the streamer is, with the time zone asked to be set in the same DM.
_ZONE_PLACE = re.compile(
    r"\b(?:i\s+(?:stream|live|am)|i'?m|we\s+(?:stream|live|are))\s+(?:based\s+|now\s+)?(?:in|from|out\s+of)\s+"
    r"(?P<zone>[a-z][a-z/_ -]{1,30}?)\s*(?:[,.;!?]|$|\s+(?:so|and|now|could|can|pls|please)\b)"
)
_ZONE_ASKED = re.compile(
    r"\b(?:set|change|update|switch|use|adjust|fix)\b[^.;!?]{0,30}\b(?:time\s*zone|tz)\b"
)
_NAME_WORDS = frozenset({"name", "handle", "login", "username"})
# "i renamed to X", "changed my twitch name to X", "i rebranded, im X now", "moving to my new channel X":
# a new name told as news, without the word "channel" always, or a setting verb.
_RENAMED = re.compile(
    r"\b(?:re-?named|rebranded|changed\s+(?:my\s+)?(?:twitch\s+|channel\s+)*(?:name|handle|username|login)"
    r"|new\s+(?:twitch\s+|channel\s+)*(?:name|handle)|moving\s+to\s+(?:my\s+)?new\s+channel)\b"
    # "my channel's called saltywaffle now", "my channel on twitch is now named x": a name given.
    r"|\bmy\s+(?:twitch\s+)?(?:channel|handle)(?:'s|\s+is)?\s+(?:on\s+twitch\s+)?(?:is\s+)?(?:now\s+)?(?:called|named)\b"
    # "my channel name changed to x", "channel's changed to x", "channel name is now x": the name changed
    # said as such (a bare "my channel is now x" stays a question: "... is now partnered").
    r"|\b(?:channel|twitch|handle)(?:\s+name)?(?:'s|\s+has)?\s+(?:been\s+)?changed\b"
    r"|\b(?:channel|twitch)\s+name\s+is\s+now\b"
    # "i go by kaycodes on twitch now"
    r"|\bi\s+go\s+by(?=\s+@?[a-z0-9_]{4,25}\s+on\s+(?:twitch|ttv)\b)"
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:friend|he|she|they|someone|buddy|bro|brother|sister|mod|guy|streamer|bf|gf)\b"
)
_NEW_NAME = re.compile(
    r"^\W*(?:(?:my|the)\s+(?:twitch\s+)?(?:channel|name|handle)\s*)?(?:on\s+(?:twitch|ttv)\W*)?"
    r"(?:(?:to|is|as)\b|:|,?\s*(?:i'?m|it'?s)\b)?\s*(?:now\s+)?@?(?P<login>[a-z0-9_]{4,25})\b"
    # The name ends what is said ("renamed to tidal_moth, update it"), not "renamed to something cooler".
    r"(?=\s*(?:[,.;:!?)]|$|\s+(?:now|pls|please|btw|fyi|lol|on\s+twitch|yesterday|today)\b)|\s+\W)"
)
# After news of the channel's name, a request to use it: "..., please update", "use that from now on".
_UPDATE_ASKED = re.compile(
    r"\b(?:update|use|save|switch\s+to)\s+(?:it|that|this|the\s+(?:channel|name)|my\s+(?:channel|name))\b"
    r"|\b(?:please|pls|plz)\s+update\b|\bupdate\s+(?:please|pls|plz)\b|[,.;!]\s*update\W*$"
)
_MY = r"(?:my|mi|mon|ma|mein\w*|meu|minha)"
_CHANNEL = r"channel|canal|chaine|kanal"
_NOW = r"(?:now|ahora|agora|jetzt|maintenant)"
# Both words ("mi canal de twitch es x", "mein twitch kanal ist x"): a name is what follows, not a state.
_TWITCH_CHANNEL = re.compile(rf"\btwitch\s+(?:{_CHANNEL})\b|\b(?:{_CHANNEL})\s+(?:(?:de|da|do)\s+)?twitch\b")
# "switch channels to X", "the channel you should watch is X": the channel to follow, told or asked for,
# with the name ending its sentence.
_CHANNEL_TOLD = re.compile(
    r"(?:^|[,.;!?]\s*)(?:(?:pls|please|can\s+you|could\s+you|u)\s+)*(?:switch|move|swap|change|hop)\s+(?:over\s+)?"
    r"channels\s+to\s+@?(?P<to>[a-z0-9_]{4,25})\b(?:\s+(?:pls|please|now))?\s*(?:[,.;!?]|$)"
    r"|\b(?:the|my)\s+channel\s+(?:(?:you|u|to|i|should|must|will|need|needs|watch|follow|track|use|stream|on)\s+)"
    r"{1,4}(?:is|=|:)\s+@?(?P<is>[a-z0-9_]{4,25})\b(?:\s+(?:now|pls|please))?\s*(?:[.!]|$)"
    # "mi canal de twitch es x", "mein twitch kanal ist x", "ma chaine twitch c'est x", "my twitch is now x"
    rf"|^\W*{_MY}\s+(?=(?:twitch|{_CHANNEL})\b)(?:twitch\s+)?(?:{_CHANNEL})?(?:\s+(?:de\s+|da\s+|do\s+|on\s+)?twitch)?"
    rf"\s+(?:{_NOW}\s+)?(?:is|es|est|c'est|ist|e|=|:)\s+(?:{_NOW}\s+)?@?(?P<own>[a-z0-9_]{{4,25}})\b(?!\.\w)"
    rf"(?:\s+(?:{_NOW}|pls|please|porfa|bitte|stp))?\s*(?:[.!]|$)"
    # "cambia mi canal a x", "change mon canal pour x": a setting verb of another language
    rf"|^\W*(?:cambia|muda|troca|altera|change|stell|setz|mets|pon)\w*\s+(?:el\s+|le\s+|o\s+)?{_MY}\s+(?:twitch\s+)?"
    rf"(?:{_CHANNEL})(?:\s+(?:de\s+|da\s+)?twitch)?\s+(?:a|to|en|para|pra|auf|zu|sur|pour|por)\s+@?(?P<set>[a-z0-9_]{{4,25}})\b(?!\.\w)"
    r"\s*(?:[.!]|$)"
)
_CONNECTORS = frozenset({"to", "as", "is", "be", "should", "now", "called", "named"})


def webhook(u: Utterance) -> Iterator[Candidate]:
    """Set the webhook: "set my webhook to https://discord.com/api/webhooks/...", "webhook: <url>".

    Needs the word webhook (or a Discord webhook URL) and either a setting verb leading the clause or a
    statement ("my webhook is ...", "here's my new webhook"). A webhook URL pasted alone is only a "did
    you mean ...?". A missing, doubled or scheme-less URL is asked for again.
    """
    urls = u.found.urls
    discord = any(_DISCORD_WEBHOOK.match(url) for url in urls)
    for clause in u.clauses:
        term = clause.having(OBJ_WEBHOOK)
        if not term and not (discord and SLOT_URL in clause.concepts):
            continue
        lead = clause.lead
        if lead is not None and lead.concept == VERB_SET:
            form = lead.weight
        elif _WEBHOOK_STATEMENT.search(u.masked) and term:
            form = TERSE_FORM
        elif discord and _POST_HERE.search(u.masked):
            form = TERSE_FORM  # "<url> post the ledgers here from now on": where ledgers go
        elif discord and only_noise([t for t in clause.tokens if t.concept != SLOT_URL]):
            form = 0.2  # a bare webhook URL: ask
        else:
            continue
        obj = term[0].weight if term else TERSE_FORM
        score = state_score(u, clause, form, obj)
        if not urls:
            ask = "What's the webhook URL? Paste the full link, starting with https://."
        elif len(set(urls)) > 1:
            ask = "Which URL should be your webhook? Please send just one."
        elif not urls[0].lower().startswith(("http://", "https://")):
            ask = "Please paste the full webhook URL, starting with https://."
        elif not (_DISCORD_WEBHOOK.match(urls[0]) or _LOCAL_WEBHOOK.match(urls[0])):
            # Ledgers go to a Discord webhook; any other address is asked about, never taken.
            ask = "That isn't a Discord webhook URL. Paste the one from your server's settings (https://discord.com/api/webhooks/...)."
        else:
            ask = None
        slots = {"url": urls[0]} if ask is None else {}
        # A bare URL (form 0.2) is only asked about: the model must not turn it into the setting.
        yield Candidate("settings", "set_webhook", score, slots, ask, clause.negated, stray=form == 0.2)
        return


def channel(u: Utterance) -> Iterator[Candidate]:
    """Set the streamer's channel: "change my channel to #pixel_wren", "my channel is pixel_wren".

    Needs the word channel (or "twitch name", ...) and either a setting verb leading the clause or the
    statement "my channel is X". The login must end the clause. In a statement an ordinary-looking word
    ("my channel is growing") is not taken on its own: only a handle, a link, or a login with a digit or
    "_" is; anything else is a "did you mean to set your channel to ...?".
    """
    for clause in u.clauses:
        terms = clause.having(OBJ_CHANNEL)
        if not terms:
            continue
        tokens = clause.tokens
        at = tokens.index(terms[0])
        lead = clause.lead
        imperative = lead is not None and lead.concept == VERB_SET
        if at + 1 < len(tokens) and tokens[at + 1].text in _NAME_WORDS:
            at += 1  # "my channel name is X", "my channel handle is X"
        follows = tokens[at + 1] if at + 1 < len(tokens) else None
        owned = _owned(tokens, at - (1 if tokens[at].text in _NAME_WORDS else 0))
        statement = (
            follows is not None
            and (
                (owned and follows.text == "is")
                # "channel: X", "new channel: X", "my twitch channel: X"
                or (follows.concept == ASSIGN and all(t.concept in (KNOWN, *NOISE) for t in tokens[:at]))
            )
        )
        if not (imperative or statement):
            continue
        written = _channel_after(u, tokens, at)
        if written is None and imperative:
            written = _channel_before_as(u, tokens, clause.head)
        if written is None:
            if imperative and lead is not None:
                ask: str | None = "Which channel? For example 'set my channel to pixel_wren'."
                score = state_score(u, clause, lead.weight, 1.0)
                yield Candidate("settings", "set_channel", score, {}, ask, clause.negated)
            continue
        login, ask = one_login([written], "channel")
        form = lead.weight if imperative and lead is not None else TERSE_FORM
        assigned = follows is not None and follows.concept == ASSIGN  # "twitch channel: brassbadger"
        if not imperative and login and not _login_shaped(written) and not assigned:
            # "my channel is dead": only ask; "my channel name is x. use that from now on" asks for it.
            form = TERSE_FORM if _UPDATE_ASKED.search(u.text.lower()) else 0.2
        score = state_score(u, clause, form, 1.0)
        yield Candidate(
            "settings", "set_channel", score, {"channel": login} if login else {}, ask, clause.negated
        )


def renamed(u: Utterance) -> Iterator[Candidate]:
    """A new channel name told as news: "i renamed to tidal_moth", "heads up i rebranded, im jade_jolt now".

    The name must follow the news ("renamed to X") or be the one word in the DM only a login can be.
    """
    text = u.text.lower()
    news = _RENAMED.search(text)
    if news is None or not u.clauses:
        return
    if _SOMEONE_ELSE.search(re.split(r"[.!?,;]", text[: news.start()])[-1]):
        return  # "my friend rebranded to x": someone else's news
    after = _NEW_NAME.match(text[news.end() :])
    words = [after["login"]] if after and after["login"] not in _CONNECTORS else []
    logins = [login_of(word) for word in words] or shaped_logins(u)
    login, ask = one_login(logins, "channel")
    if login is None and ask is None:
        return
    clause = u.clauses[0]
    # News of a rename is past by nature ("I changed my twitch name to x yesterday, update it pls"): with
    # the update asked for, or when the rename is the only thing told done ("fyi I changed my twitch name
    # to x"), the past doubts nothing.
    told_only_the_rename = "past" not in doubts(text[: news.start()] + " " + text[news.end() :])
    ignore = frozenset({"past"}) if _UPDATE_ASKED.search(text) or told_only_the_rename else frozenset()
    score = state_score(u, clause, TERSE_FORM, 1.0, ignore=ignore)
    slots = {"channel": login} if login else {}
    yield Candidate("settings", "set_channel", score, slots, ask, clause.negated)


def channel_told(u: Utterance) -> Iterator[Candidate]:
    """The channel to follow in words the `channel` rule has no place for: "switch channels to X", "the
    channel u should watch is X"."""
    told = _CHANNEL_TOLD.search(intl.unaccented(u.text.lower()))
    if told is None or not u.clauses or _SOMEONE_ELSE.search(u.text.lower()[: told.start()]):
        return
    written = login_of(told["to"] or told["is"] or told["own"] or told["set"])
    login, ask = one_login([written], "channel")
    clause = u.clauses[0]
    slots = {"channel": login} if login else {}
    form = TERSE_FORM
    if told["own"] and not _login_shaped(written) and not _TWITCH_CHANNEL.search(told[0]):
        form = 0.2  # "my twitch is growing", "mi canal es enorme": only ask, as the `channel` rule does
    yield Candidate("settings", "set_channel", state_score(u, clause, form, 1.0), slots, ask, clause.negated)


def _channel_token(u: Utterance, token: Token) -> Login | None:
    if token.concept == SLOT_CHANNEL_URL:
        value = u.found.twitch[token.slot]
        return Login(value, f"twitch.tv/{value or ''}")
    if token.marker or plain_login(token):
        return login_of(token.marker + token.text)
    return None


def _owned(tokens: tuple[Token, ...], at: int) -> bool:
    """ "my channel", "my new twitch channel": the streamer's own, with only such words between
    ("my friend's channel" is someone else's)."""
    i = at - 1
    while i >= 0 and tokens[i].text in _CHANNEL_ADJECTIVES:
        i -= 1
    return i >= 0 and tokens[i].text in ("my", "our")


def _channel_after(u: Utterance, tokens: tuple[Token, ...], at: int) -> Login | None:
    """ "channel (is|to|:) X" with X ending the clause."""
    i = at + 1
    while i < len(tokens) and (tokens[i].text in _CONNECTORS or tokens[i].concept == ASSIGN):
        i += 1
    if i >= len(tokens) or not only_noise(tokens[i + 1 :]):
        return None
    return _channel_token(u, tokens[i])


def _channel_before_as(u: Utterance, tokens: tuple[Token, ...], head: int) -> Login | None:
    """ "use X as my channel"."""
    if head + 2 < len(tokens) and tokens[head + 2].text == "as":
        return _channel_token(u, tokens[head + 1])
    return None


def _login_shaped(login: Login) -> bool:
    written = login.written
    return written[:1] in "#@" or "twitch.tv" in written or shaped(written)


def link(u: Utterance) -> Iterator[Candidate]:
    """Link the Discord account: "link ABCD-1234", "my link code is ABCD-1234"; "link" alone asks."""
    codes = list(dict.fromkeys(u.found.codes))
    # The code must be what its clause is about ("link X", "my link code is X", "code: X"), not a
    # promo code in the middle of something else.
    said = [
        c
        for c in u.clauses
        if SLOT_CODE in c.concepts
        and len(c.tokens) <= 8
        and all(t.concept in (*NOISE, KNOWN, QUESTION, VERB_LINK, ASSIGN, SLOT_CODE) for t in c.tokens)
    ]
    given = len(codes) == 1 and _CODE_GIVEN.search(u.masked) is not None and not shop_code(u.masked)
    if len(codes) == 1 and (said or given):
        yield Candidate("link", None, 0.95, {"code": codes[0]})
    elif codes and said:
        yield Candidate("link", None, 0.9, ask="Which code should I use? Please send just one.")
    else:
        for clause in u.clauses:
            lead = clause.lead
            if (
                lead is not None
                and lead.concept == VERB_LINK
                # Twitch named anywhere ("hook me up with twitch. connect my account"): Twitch, not us.
                and not any(t.text in _TWITCH_WORDS or _TWITCH.match(t.text) for t in u.tokens)
                and all(t.concept in (*NOISE, KNOWN, None) for t in clause.rest)
            ):
                # "link me with ZPXC-5516": a code-shaped word in the clause the verb leads is the code.
                bare = list(dict.fromkeys(bare_codes(u.text) or shouted_codes(u.text)))
                if len(bare) == 1:
                    yield Candidate("link", None, 0.95, {"code": bare[0]})
                else:
                    yield Candidate("link", None, 0.9, ask=_ASK_CODE)


def timezone(u: Utterance) -> Iterator[Candidate]:
    """Set the time zone: "my timezone is Asia/Tokyo", "timezone: Berlin", "set my tz to EST".

    Needs "time zone" (or "tz") opening the clause, after "my" or a setting verb at most, and a zone
    that exists right after it (a city, an abbreviation or an IANA name: `_intl.time_zones`). Anything
    else is left to the intent model, which asks when it is unsure.
    """
    text = u.text.lower()
    match = _ZONE_STATEMENT.search(text)
    if match is None and _ZONE_ASKED.search(text):
        match = _ZONE_PLACE.search(text)  # "I stream from Los Angeles, could you set the timezone?"
    if match is None:
        return
    zones = intl.time_zones(match["zone"])
    if len(zones) != 1:
        return
    clause = u.clauses[0] if u.clauses else None
    if clause is None:
        return
    score = state_score(u, clause, TERSE_FORM, 1.0)
    yield Candidate("settings", "set_timezone", score, {"timezone": zones[0]}, None, clause.negated)

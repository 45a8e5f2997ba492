"""What the intent model proposes, checked: slots filled, guards applied, then a command or a question.

The model proposes; the guards and the slots dispose:

* a read-only intent is answered from `READ_ACCEPT`, and asked about ("did you mean ...?") below it;
* a state-changing intent is carried out only from `STATE_ACCEPT`, with every slot it needs, and with
  no negation, doubt, quote or bare "?" in the message; otherwise it is a question, never an action;
* the harmless class ("none") and anything under `SUGGEST` leave the message to the rules' answer.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from chronicler.contract.commands import MODES, STATE_CHANGING, Command, unknown
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules import _news as news
from chronicler.nlp.rules import _waits as waits
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._intents._base import one_login, range_slots, session_slots
from chronicler.nlp.rules._intents.moderation import OUR_BOT_DESCRIBED
from chronicler.nlp.rules._lexicon import (
    ANNOUNCE_DONE,
    ANNOUNCE_LIVE,
    OBJ_SESSION,
    PARTICLE_OFF,
    PARTICLE_ON,
    VERB_OFF,
    VERB_ON,
    VERB_RECORD,
    VERB_SET,
    VERB_TURN,
)
from chronicler.nlp.rules._logins import (
    WHICH_CHANNEL,
    channel_after_preposition,
    channels,
    described_login,
    elsewhere_unnamed,
    login_of,
    one_shaped_login,
    one_user_named,
    plain_login,
    shaped,
    their_channel,
    unknown_word,
    usernames,
)
from chronicler.nlp.rules._model import MODE_MODEL_FILE, NONE, IntentModel, Prediction, shipped
from chronicler.nlp.rules._numbers import new_value
from chronicler.nlp.rules._phrases import rewrite
from chronicler.nlp.rules._review import KIN, REAL_PERSON
from chronicler.nlp.rules._slots import BARE_CODE, bare_codes, shop_code, shouted_codes
from chronicler.nlp.rules._text import Clause, clean
from chronicler.nlp.rules._typos import correct, edit_distance
from chronicler.nlp.rules._utterance import Utterance, analyse

STATE_ACCEPT = 0.75
READ_ACCEPT = 0.5
SUGGEST = 0.35
# How sure the model must be that a DM asks for nothing to overrule a list the rules only half saw.
SURELY_NOTHING = 0.97
# The share of a message's words the corpus must have had for the model to act on it at all: an emote
# wall or a language it was not taught is out of its depth, however sure its softmax looks.
FAMILIAR = 0.6
MODE_SURE = 0.7
HELP_ACCEPT = 0.65
FAMILIAR_READ = 0.4  # a wrong answer to a question harms nothing, but "#####" is not a question
STATE_ACCEPT_WITH_VALUE = 0.6
ZONE_NAMED_ACCEPT = 0.5
SESSION_ACCEPT = 0.9
NAMED_MODE_ACCEPT = 0.7
DESCRIBED_MODE_ACCEPT = 0.6
WATCHING_CHAT_ACCEPT = 0.75
# Laughter alone does not hold a command the model is sure of ("just went live lol, start the thing").
_WEAK_DOUBTS = frozenset({"laugh"})
# "stop the bot from answering viewers" is the Steward turned off: a purpose is what a mode is for.
# Doubts a request of that kind holds in its own words: "switch off the warden to stop it from flagging
# my mods" (a purpose), "wait 40 minutes before the hearthkeeper says something" (the wait is the setting).
_PART_OF_THE_REQUEST = {
    "mode.enable": frozenset({"purpose"}),
    "mode.disable": frozenset({"purpose"}),
    "mode.configure": frozenset({"purpose", "schedule"}),
}
_FULL_STOPS = re.compile(r"[.!?;\n]+")  # between sentences
# "... even though I'm not live yet": what is granted beside a request refuses nothing.
_CONCEDED = re.compile(r"\b(?:even\s+though|although|even\s+if|despite)\b[^.!?;,\n]*", re.IGNORECASE)
_PIECES = re.compile(r"(?P<words>[^.!?;,\n]+)(?P<end>[.!?;,\n]*)")  # clauses, with what ends each
_NO_CHATTER = "Who do you mean? I can't time out or ban anyone, but I can show you their flags."
_CHANGING_VERBS = frozenset({VERB_SET, VERB_ON, VERB_OFF, VERB_TURN})
_VALUED = frozenset({"settings.set_timezone", "settings.set_webhook", "settings.set_channel"})
_SUMMARIES = ("session.recap", "ledger.show")
# Things a DM may speak of without asking for anything ("the quiet chat prompts are cute").
_STATED_ABOUT = frozenset(
    {"mode.enable", "mode.disable", "mode.configure", "settings.remove_webhook", "ledger.post"}
)
# News of Twitch, not a request to connect it: "my twitch is dead", "twitch died on me again".
_TWITCH_NEWS = re.compile(
    r"\b(?:is|was|went|keeps|died|dead|down|crashed|broke|broken|lagg\w*|froze|buggy)\b"
)
_CHANGE_WORDS = frozenset({VERB_ON, VERB_OFF, VERB_TURN, VERB_SET, VERB_RECORD, PARTICLE_ON, PARTICLE_OFF})
# A DM that opens on someone's handle is written to them ("@kev stop the music bot lol"): a wrong window,
# a reply pasted from chat; the bot asks rather than acts on it.
_ADDRESSED = re.compile(r"\s*@\w")
# The streamer speaking of themselves, in any of the five languages.
_SELF_SPOKEN = re.compile(
    r"\b(?:i|i'?m|me|my|we|we'?re|our|us|ich|mein\w*|mir|mich|wir|unser\w*|yo|mi|estoy|vivo|nosotros"
    r"|je|moi|mon|ma|mes|nous|eu|meu|minha|estou|moro|nos)\b|\bj'(?=\w)"  # "j'habite à Lyon"
)
_ZONE_WORD = re.compile(r"\b(?:time\s*zone|tz|zona\s+horaria|fuseau|zeitzone|fuso)\b", re.I)
# Places a ledger is not posted to ("post the ledger to twitter"): the bot posts to Discord only.
_ELSEWHERE = re.compile(
    r"\b(?:to|on|in|into|onto)\s+(?:the\s+|my\s+|our\s+)?(?:twitter|x\.com|reddit|subreddit|insta\w*|tiktok"
    r"|youtube|yt|facebook|fb|bluesky|threads|mastodon|e-?mail|slack|telegram|whatsapp|patreon|website|site"
    r"|blog|tumblr|linkedin|snapchat)\b"
)
_SOMEONE_UNNAMED = re.compile(
    r"\b(?:ban|time\s*out|timeout|tiemout|mute|kick|block)\s+(?:everyone|everybody|anyone|whoever|them|him|her"
    r"|someone|somebody|spammers|(?:the\s+)?bots"
    # "the sender", "every account that joined", typos too: only when the model read a ban
    r"|(?:the|that|this|those|these|every|all(?:\s+the)?)\s+[a-z]+)\b"
    # "delete that msg", "delete all the crypto messages": messages, not a chatter, to take down.
    r"|\b(?:delete|remove)\s+(?:that|this|the|those|these|all(?:\s+the)?|his|her|their)\s+(?:\w+\s+)?(?:messages?|msgs?)\b"
    + OUR_BOT_DESCRIBED
)
_TO_ME = re.compile(
    r"\b(?:send|dm|message|give|show|pass)\s+(?:it\s+)?(?:me|us)\b|\bto\s+me\b|\bgimme\b"
    # "mándame", "me pasas", "envoie-moi", "schick mir", "me manda": the same in the other four (unaccented).
    r"|\b(?:mandame|enviame|pasame|me\s+(?:pasas|mandas|envias|manda|envia)|envoie[\s-]moi|envoyez[\s-]moi"
    r"|passe[\s-]moi|schick\s+mir|schicken\s+sie\s+mir|gib\s+mir|manda[\s-]me|envia[\s-]me)\b"
)
# "report pls, here not in discord", "ledger please, DM only": here, in this DM, is where it goes, and the
# "not" says where it does not go.
_HERE_NOT_THERE = re.compile(
    r"\b(?:here|dms?)\b[^.!?]*\b(?:not|don'?t|dont)\b[^.!?]*\b(?:discord|post\w*|channel|server)\b"
    r"|\bdm\s+only\b|\bonly\s+(?:here|in\s+(?:the\s+|my\s+)?dms?)\b"
)
_WEBHOOK = re.compile(r"discord(?:app)?\.com/api/webhooks/|\bwe+b|ho+k\b", re.I)  # "webhok" too


@dataclass(frozen=True)
class Proposal:
    """The model's reading: a command to carry out, or a question; with the model's probability."""

    command: Command
    confidence: float
    settled: bool = False  # a refusal ("no pares todavía"): no other reading may replace it
    described: bool = False  # a mode named by its job and switched in words that say which way

    @property
    def acts(self) -> bool:
        """True when this is a command rather than a question."""
        return self.command.interaction_type != "unknown"


def surely_nothing(u: Utterance) -> bool:
    """True when the model is near certain a DM asks for nothing ("ty for the ledger, looked great")."""
    model = shipped()
    if model is None:
        return False
    guess = _clearest(model, u.text)
    return guess.label == NONE and guess.probability >= SURELY_NOTHING


def propose(u: Utterance, language: str | None) -> Proposal | None:
    """The model's proposal for an analysed DM, or None when it sees nothing (or no model is shipped)."""
    model = shipped()
    if model is None:
        return None
    if (code := BARE_CODE.fullmatch(u.text.strip())) is not None:
        # A DM that is only a link code ("ZZJT-4658") is someone pasting what the web page showed them.
        return Proposal(Command(interaction_type="link", code=code[1]), 1.0)
    guess = _clearest(model, u.text)
    if guess.label == NONE or guess.probability < SUGGEST:
        return None
    if guess.label in _SUMMARIES and _range_of(u) in ("last", "yesterday"):
        # "a summary of last stream": what is over has a ledger, not a recap; both readings count.
        probabilities = model.probabilities(u.text)
        guess = Prediction("ledger.show", sum(probabilities.get(label, 0.0) for label in _SUMMARIES))
    here = _HERE_NOT_THERE.search(u.text.lower()) is not None
    if guess.label == "ledger.post" and (here or _TO_ME.search(intl.unaccented(u.text.lower()))):
        # "send me the recap": the streamer is who it goes to, so it is shown, not posted to Discord.
        guess = Prediction("ledger.show", guess.probability)
    not_there = here and guess.label in _SUMMARIES  # its "not" refuses nothing
    # "turn the highlight finder off", read by the model, unsure, as a switch on: a question either way,
    # so it asks the way the words say. A sure reading is left alone when only English particles say
    # otherwise ("on" is also "on purpose"), never when a verb that switches one way does, in any of the
    # five languages: "enlève le scribe" read 0.92 on, "Please turn the clip finder off from now on" 0.81.
    switched = intl.switch_said(u.text)
    said_the_other_way = guess.label in _SWITCHES and (
        switched not in (None, guess.label)
        or (guess.probability < STATE_ACCEPT and _direction(u) not in (None, guess.label))
        # An English verb, not a particle, in English: "stop the recap writer from running after streams,
        # from now on" read 0.8 as a switch on. ("resumen" is Spanish for the recap, not "resume".)
        or (language == "en" and _direction(u, verbs_only=True) not in (None, guess.label))
    )
    if said_the_other_way:
        guess = Prediction(str(switched or _direction(u)), guess.probability)
    after = intl.way_after_refusal(u.text, language) if guess.label in _SWITCHES else None
    if after is not None and after != guess.label:
        # "don't turn the warden on, i said off": the refusal first, then the way meant; only asked.
        said_the_other_way = True
        guess = Prediction(after, guess.probability)
    if guess.label in _SESSION_WAYS and (way := _session_way(u)) not in (None, guess.label):
        # "vigila el chat desde ya" read 0.56 as a stop: watching the chat, asked with no word that ends
        # it, starts; "deja de vigilar el chat" stops. Only ever asked, as any reading turned around.
        said_the_other_way = True
        guess = Prediction(way, guess.probability)
    if guess.label in _TWITCH_WAYS and (linked := intl.twitch_way(u.text)) not in (None, guess.label):
        # "I connected the wrong account, please disconnect it" was read as connect: the verb decides.
        said_the_other_way = True
        guess = Prediction(str(linked), guess.probability)
    if guess.label == "ledger.post" and _STOP_POSTING.search(u.text.lower()):
        # "stop posting the reports to my discord": posting there stopped is the webhook taken away.
        guess = Prediction("settings.remove_webhook", guess.probability)
    if guess.label == "session.stop" and _CARRY_ON.search(u.text.lower()):
        # "keep watching, I'm not done": read 0.93 as a stop, it asks to go on, and is told so.
        return Proposal(unknown(wording.declined("stop chronicling")), guess.probability, settled=True)
    kind, _, action = guess.label.partition(".")
    state = (kind, action or None) in STATE_CHANGING
    # A rambling DM buries its request in one sentence: the most familiar sentence is what counts.
    parts = _clauses(u.text)
    familiar = max((model.familiar(part, _typo_of_known) for part in parts), default=0.0)
    if familiar < (FAMILIAR if state else FAMILIAR_READ) or (state and _repetitive(u.text)):
        return None
    if kind == "settings" and "webhook" in action and not _WEBHOOK.search(u.text):
        return None  # a pasted link is a webhook only when it is one, or is called one
    if (
        kind == "session"
        and action in ("start", "stop")
        and not _names_session(u, _request(model, parts, guess.label))
        and not news.only_news(u, live=action == "start")  # "I'm live! 🎮", "gg everyone, offline now"
        and not (action == "start" and any(login.value for login in channels(u)))  # "start on my alt x_2"
    ):
        return None  # "start the raid train", "apaga la luz": some other thing started or stopped
    if kind == "session" and action in ("start", "stop") and (mode := _mode_switched(u)) is not None:
        # "start the reply bot, chat's already being chronicled": the verb's object is a mode; the session
        # is only talked about after it. Asked about as the switch the words say.
        way = "enable" if action == "start" else "disable"
        meant = wording.describe("mode", way, {"mode": mode})
        return Proposal(unknown(wording.did_you_mean(meant)), round(1 - guess.probability, 3))
    if kind == "twitch" and not intl.names_twitch(u.text):
        return None  # "disconnect the dog": connecting names Twitch, the channel or the bot account
    if kind == "link" and shop_code(u.text):
        return None  # "el código de mi cupón es 7TQ2MX": a shop's code, not the one that links us
    if kind == "moderate" and not _asks_to_moderate(u.text):
        return None  # "ran out of milk again": nothing in it removes anyone from chat
    if kind == "help" and _THANKS_FOR_HELP.search(intl.unaccented(u.text.lower())):
        return None  # "thx for ur help!!": thanks, not a question
    if kind == "help" and guess.probability < HELP_ACCEPT:
        return None  # the rules read "help" well; the model's guesses at it are mostly chat ("what is this")
    if guess.label == "ledger.post" and _elsewhere(u.text):
        return None  # "post the ledger to twitter": the ledger goes to Discord or nowhere
    if guess.label == "ledger.post" and not _LEDGER_NAMED.search(intl.unaccented(u.text.lower())):
        return None  # "post it", "send it over": posting what? Nothing names the ledger or Discord
    if guess.label == "ledger.post" and _posts_something_else(intl.unaccented(u.text.lower())):
        return None  # "can you post the schedule in the discord?": the schedule is what goes there
    if guess.label == "settings.remove_webhook" and not _UNHOOKED.search(intl.unaccented(u.text.lower())):
        return None  # "go ahead and post it to the webhook": nothing in it takes the webhook away
    if guess.label == "mode.disable" and _AGAINST_WHAT_IT_CATCHES.search(u.text.lower()):
        return None  # "stop the spam": the spam is to stop, and the warden is what stops it
    if guess.label == "settings.set_timezone" and _ASKS_THE_TIME.search(intl.unaccented(u.text.lower())):
        return None  # "il est quelle heure à montréal ?": the time somewhere asked, not a zone set
    if guess.label == "settings.set_channel" and not intl.own_channel(u.text):
        return None  # "follow this channel: twitch.tv/..." is someone else's channel
    slots, ask = _slots(kind, action or None, u)
    phrase = wording.describe(kind, action or None, slots)
    if guess.label in _SWITCHES and "scope" not in slots and slots.get("mode") in _left_as_it_is(u.text):
        # "no, leave the spam filter on", "lass den Spamfilter an": the mode kept as it is, nothing switched
        # (read 0.95 as a switch on); "keep the clip finder on from now on" does ask, for good.
        other = wording.describe(kind, "disable" if action == "enable" else "enable", slots)
        return Proposal(unknown(wording.declined(other)), guess.probability, settled=True)
    if guess.label in _SWITCHES and _HOLD_OFF.search(u.text.lower()):
        # "hold off on the summary for now": not yet, said of the ledger; no mode is switched off by it.
        return Proposal(unknown(wording.declined("post the ledger")), guess.probability, settled=True)
    # A value found where a setting needs one (a zone that exists, a webhook URL, a handle) is evidence
    # of its own, so the model need not be quite as sure.
    needed = STATE_ACCEPT_WITH_VALUE if guess.label in _VALUED and ask is None else STATE_ACCEPT
    if guess.label == "settings.set_timezone" and ask is None and _ZONE_WORD.search(u.text):
        needed = ZONE_NAMED_ACCEPT  # "my timezone is Asia/Tokyo": the word and a zone that exists
    switch = kind == "mode" and action in ("enable", "disable")
    named = switch and _named_and_switched(u)
    described = switch and not named and _described_and_switched(u, action)
    if guess.label == "mode.configure" and ask is None and waits.quiet_wait_asked(u.text):
        needed = DESCRIBED_MODE_ACCEPT  # the wait asked by the quiet it waits for and what the bot posts
    if named:
        needed = NAMED_MODE_ACCEPT  # "apaga el warden esta noche": the mode by its name, and a verb
    elif described:
        needed = DESCRIBED_MODE_ACCEPT  # "turn the clip finder off from now on"
    if kind == "session" and action in ("start", "stop"):
        needed = SESSION_ACCEPT  # the most consequential changes ("make chronicling great again")
        plain = intl.unaccented(u.text.lower())
        if _WATCHING_THE_CHAT.search(plain) or _CHRONICLING.search(plain) or _watches_a_channel(u, plain):
            # "para de vigiar o chat", "arrêtez la chronique": what chronicling does, or its name; "can
            # you watch pixelmoth_tv tonight?": the channel to watch, named right after the verb.
            needed = WATCHING_CHAT_ACCEPT
    text = u.text
    asked = _from_request(model, text, guess.label)
    request = u if asked == text else analyse(clean(asked))  # the sentence that asks, and what follows
    clauses = request.clauses
    no = intl.negated(_without_reasons(asked), language) or (
        any(c.negated and not _refuses_nothing(c, after=i > 0) for i, c in enumerate(clauses))
        and not intl.negated_reason(asked)
        and not intl.either_way(asked)
        and not (language == "pt" and _in_the_not_no(asked))
    )
    if guess.label == "mode.disable" and intl.mode_unwanted(asked):
        no = False  # "no steward tonight" asks for the steward off
    if after == guess.label:
        no = False  # "n'éteins pas le détecteur d'arnaques, allume-le": refused one way, asked the other
    if not_there:
        no = False
    if guess.label in ("mode.disable", "settings.remove_webhook") and intl.no_longer_needed(asked):
        no = False  # "we don't need the webhook anymore" asks for it gone
    if no and guess.probability >= STATE_ACCEPT:
        return Proposal(unknown(wording.declined(phrase)), guess.probability, settled=True)
    # Connecting Twitch changes nothing by itself (the streamer still has to approve it on Twitch), but
    # it is a step no harmless message should start: the same guards apply.
    guarded = state or kind == "twitch"
    # Starting or stopping on the model's word alone needs a word that asks for it ("start", "stopp",
    # "arranca", a slip of one): "KKoooona" and "live for me :)" only look like a request to it.
    unasked = (
        kind == "session"
        and action in ("start", "stop")
        and (not _asks_for_session(u) or _short_question(u.text, _request(model, parts, guess.label)))
        and not news.only_news(u, live=action == "start")
    )
    # "ping chat if nobody's typed for 9 minutes": the quiet the Hearthkeeper waits for, described with
    # "if" or "when", is the setting asked for, not a condition on asking.
    doubted = u
    if guess.label == "mode.configure" and waits.quiet_wait_asked(text):
        doubted = analyse(clean(waits.without_the_quiet(text)))
    elif kind == "mode" and (undescribed := intl.mode_described_by_when(text)) != intl.unaccented(text):
        doubted = analyse(clean(undescribed))  # "stop posting prompts when chat is quiet": no condition
    plain_text = intl.unaccented(text.lower())
    held = guarded and (
        no
        or said_the_other_way
        or unasked
        or (
            guess.label in _STATED_ABOUT
            and not _asks_for_change(request)
            and not waits.wished_wait(guess.label, text)
        )
        or (
            kind == "twitch"
            and _TWITCH_NEWS.search(text.lower()) is not None
            and not _asks_for_change(request)
        )
        or (guess.label == "settings.set_timezone" and not _own_zone(u, request))
        or (state and _SOMEONE_DOES.search(text.lower()) is not None)
        or (_DONE_ALREADY.search(text.lower()) is not None and not _ASKED_ANYWAY.search(text.lower()))
        or (kind == "settings" and _SOMEONE_ELSES_SETTING.search(text.lower()) is not None)
        or (state and _ANOTHERS_SETUP.search(text.lower()) is not None)
        or (
            guess.label in _SWITCHES
            and _CAN_IT.search(text.lower()) is not None
            and not intl.switch_said(text)
            and _BE_SWITCHED.search(text.lower()) is None
        )
        or (guess.label == "settings.set_timezone" and _talked_about(plain_text))
        or (guess.label == "session.stop" and _FINISHED_SOMETHING_ELSE.search(plain_text) is not None)
        or _ADDRESSED.match(text) is not None
        or guess.probability < needed
        or bool(doubted.doubts - _WEAK_DOUBTS - _PART_OF_THE_REQUEST.get(guess.label, frozenset()))
        or intl.doubted(intl.mode_described_by_when(doubted.text) if kind == "mode" else text, language)
        or u.found.quotes > 0
        or (intl.bare_question(text) and not waits.wished_wait(guess.label, text))
    )
    lead = u.clauses[0].lead if u.clauses else None
    told = bool(u.clauses and u.clauses[0].rest and u.clauses[0].rest[0].text in ("me", "us"))
    if not state and lead is not None and lead.concept in _CHANGING_VERBS and not told:
        # "set my status to away": a change of something else, not a question about ours. "Update me
        # on chat" is no change: the streamer is the one to be updated.
        held = True
    if held or guess.probability < READ_ACCEPT:
        # A setting held back without the value it needs is asked for the value: "did you mean to set
        # your channel to that channel?" could not be answered "yes".
        missing = guess.label in _VALUED and ask is not None and not slots
        question = ask if missing and ask is not None else wording.did_you_mean(phrase)
        return Proposal(unknown(question), round(1 - guess.probability, 3))
    if ask:
        return Proposal(unknown(ask), guess.probability)
    try:
        command = Command(interaction_type=kind, action=action or None, **slots)  # type: ignore[arg-type]
    except ValidationError:
        return Proposal(unknown(wording.did_you_mean(phrase)), 0.5)
    return Proposal(command, guess.probability, described=described)


def _left_as_it_is(text: str) -> set[str]:
    """The modes a DM asks to leave as they are ("keep the warden on", "lass den Spamfilter an"); not
    in a question ("keep the steward running? nah. off")."""
    return set(_modes_in(_parts(_QUESTION.sub(" ", text)), _LEFT_ON))


def _parts(text: str) -> list[str]:
    """A DM's parts, lower-cased, accents dropped: split at punctuation and at "but", "just", "and"."""
    return _PARTS.split(intl.unaccented(text.lower()))


def _modes_in(parts: list[str], said: re.Pattern[str], *, where: bool = True) -> list[str]:
    """The modes named in the parts `said` matches (with `where` false: in the parts it does not), in
    order."""
    return [mode for part in parts if bool(said.search(part)) == where for mode in intl.modes_named(part)]


def _mode_switched(u: Utterance) -> str | None:
    """The one mode the first clause led by a start or stop verb names as its object, with no word of the
    session in that clause ("start the reply bot, ..."), or None."""
    for clause in u.clauses:
        lead = clause.lead
        if lead is None or lead.concept not in (VERB_ON, VERB_OFF):
            continue
        if any(t.concept in (OBJ_SESSION, VERB_RECORD) for t in clause.rest):
            return None
        modes = intl.modes_named(clause.said)
        return modes[0] if len(modes) == 1 else None
    return None


def _session_way(u: Utterance) -> str | None:
    """Which way watching the chat goes in a DM: "session.stop" when it is ended ("deja de vigilar el
    chat"), "session.start" when the chat is watched with no word that ends anything (typos too: "stahp
    watching chat"), else None."""
    plain = intl.unaccented(u.text.lower())
    if _STOP_WATCHING.search(plain):
        return "session.stop"
    ended = _ENDING.search(plain) or any(t.concept == VERB_OFF for t in u.tokens)
    if _WATCHING_THE_CHAT.search(plain) and not ended:
        return "session.start"
    return None


_SESSION_WAYS = ("session.start", "session.stop")
# Words that end something, in the five languages: beside them, watching the chat may be what ends.
_ENDING = re.compile(
    r"\b(?:stop\w*|end\w*|quit|finish\w*|done|over|halt|cease|kill|cut|no\s+more|enough|para[rn]?|pare|deja\w*"
    r"|termin\w*|finaliz\w*|acab\w*|arret\w*|fini\w*|assez|beend\w*|schluss|aufhor\w*|auf|genug|chega|basta)\b"
)


def _talked_about(plain: str) -> bool:
    """True for a time zone talked about, not set (`_ZONE_TALK`): a stay or the time somewhere counts
    only where the zone itself goes unnamed ("in vancouver this week for a con, fix my timezone" sets it);
    an opinion of a zone always ("... is the worst time zone")."""
    if _ZONE_OPINION.search(plain):
        return True
    return _ZONE_TALK.search(plain) is not None and _ZONE_WORD.search(plain) is None


def _own_zone(u: Utterance, request: Utterance) -> bool:
    """True when a DM read as a time zone is about the streamer's own: the zone named as such, a word
    that sets it, or the streamer speaking of themselves ("I'm in Lisbon now"); "Simon ist in London"
    and "Hallo Zürich" are chat about a place."""
    plain = intl.unaccented(u.text.lower())
    return bool(_ZONE_WORD.search(plain) or _SELF_SPOKEN.search(plain)) or _asks_for_change(request)


def _without_reasons(asked: str) -> str:
    """The request without the reasons said of the streamer or chat after it ("turn off the recap writer,
    I'm not going to look at it" is "turn off the recap writer")."""
    pieces = [piece["words"] for piece in _PIECES.finditer(_CONCEDED.sub(" ", asked))]
    kept = pieces[:1] + [
        piece for piece in pieces[1:] if not intl.said_of_itself(piece.strip()) and not _aside(piece)
    ]
    return ", ".join(kept)


def _refuses_nothing(clause: Clause, *, after: bool) -> bool:
    """A negated clause that refuses nothing: "..., not 15", the old value set against the new one
    ("after 10 min of quiet, not 15"), a "no" that insists ("#4 is spam, no question about it"), what
    the streamer could not read or stand ("no he podido leerlo", "no lo aguanto"), or, `after` the
    request, a reason said of the streamer or chat ("..., I'm not going to look at it")."""
    words = [t.text for t in clause.tokens[clause.head :]]
    if len(words) <= 2 and bool(words) and words[0].startswith(("<num:", "<dur:")):
        return True
    said = clause.said
    return (
        intl.insists(said) or intl.could_not(said) or (after and (intl.said_of_itself(said) or _aside(said)))
    )


# After a request, a "not" about something else: "who chatted the most? please don't count the bots",
# "use this code, not the one I sent earlier". Not when it names an act the bot does or points back at
# the request ("don't post it", "don't do that", "not yet", "not now").
_ASIDE = re.compile(
    r"^\s*(?:please\s+|pls\s+|but\s+|and\s+)?(?:don'?t|dont|do\s+not|not)\s+"
    r"(?!(?:start|stop|end|turn|switch|post|send|share|show|set|change|remove|delete|enable|disable|link|connect"
    r"|disconnect|ban|mute|kick|do|it|that|this|them|yet|now|please|pls|anymore|again|today|tonight"
    # nor a verdict ("#2 is spam, not fine"): what the "not" says of the flag is the answer
    r"|fine|ok|okay|spam\w*|scam\w*|bots?|good|bad|legit|safe|real|fake|true|false|right|wrong|sure|a|an)\b)[a-z]+\b"
)


def _aside(piece: str) -> bool:
    """True for a negated piece after a request that refuses nothing it asks (see `_ASIDE`)."""
    return _ASIDE.match(piece.lower()) is not None


def _range_of(u: Utterance) -> str | None:
    """The range a DM names, in English or another language."""
    return range_slots(u)[0].get("range") or intl.range_named(u.text)


def _asks_for_change(u: Utterance) -> bool:
    """True when the DM has a word that asks for a change: a verb or on/off the rules know (typos too),
    or one of another language's."""
    said = u.text.lower()
    concepts = {t.concept for t in u.tokens}
    if _ON_A_PLACE.search(said) and not _ON_SWITCHED.search(said):
        # "I flagged a bug report on github": "on" where something is, nothing switched on.
        said = _ON_A_PLACE.sub(" ", said)
        concepts.discard(PARTICLE_ON)
    if concepts & _CHANGE_WORDS or intl.asks_for_change(said) or _PERMITTED.match(said):
        return True
    # "remoe the webhoook", "should waait": a change word typed with a slip, among the words the parser
    # does not know ("report" is a word, not a slip of "repost").
    unknown = {t.text for t in u.tokens if t.concept is None}
    return any(
        (near := correct(word)) is not None and intl.asks_for_change(near)
        for word in re.findall(r"[a-z]+", said)
        if word in unknown
    )


# Leave given for the bot to do its job: "let the bot answer questions in chat for now", "u can answer
# my viewers' questions tonight": the change asked as a permission.
_PERMITTED = re.compile(
    r"\W*(?:(?:ok|okay|pls|please|just)\s+)*(?:(?:let|allow)\s+(?:the\s+bot|it|you|u)\s+(?:to\s+)?"
    r"|(?:you|u)\s+(?:can|may)\s+(?:now\s+|go\s+ahead\s+and\s+)?)(?:answer|reply|respond|flag|catch|ping|nudge|poke"
    r"|clip|find|write|archive|watch|help)\w*\b"
)
_AFTER_SWITCHED_ON = (
    r"(?:for|tonight|tonite|tn|now|rn|again|pls|please|plz|permanently|forever|back|asap|too|just|only|until"
    r"|till|til|from|starting|today|during|and|thanks|thx|ty|immediately|right|always|by\s+default)"
)
_ON_A_PLACE = re.compile(rf"\bon\s+(?!{_AFTER_SWITCHED_ON}\b)(?=[a-z])")
_ON_SWITCHED = re.compile(rf"\bon\s*(?:$|[,.;!?)]|{_AFTER_SWITCHED_ON}\b)")


# What asks for chronicling besides a change word: watching or noting the chat. News alone ("I'm live!
# 🎮") asks nothing: it is asked about; beside a bare verb it counts (`_names_session`).
_SESSION_ASKED = re.compile(
    r"\b(?:watch|monitor|keep\s+(?:an\s+)?eye|track|record|log(?!s\b)|mitschreib|beobacht|vigil|surveill|uberwach)"
)
# Chronicling described as what it does to the chat, in another language: "para de monitorar o chat",
# "arrête de surveiller le chat", "den Chat mitzuschreiben", "lance le suivi du chat". With a verb
# that asks (`_asks_for_session`) it names the session as plainly as "chronicling" does.
_WATCHING = (
    r"(?:vigi|monitor|surveill|beobacht|uberwach|acompanh|segui|sigue|suiv|grab|grav|enregistr|registr"
    r"|anot|mitschr|mitzuschr|mitles|mitzules|aufzeichn|aufzuzeichn|protokollier|observ|regard|watch|track"
    # "mirar el chat", "schau auf den Chat", "olha o chat": looking at it, when it is the chat looked at.
    r"|mira|schau|olha|olhe"
    # "empieza a ver el chat", "commence à lire le chat": seeing or reading it, when the chat is what is read.
    r"|ver|voir|leer|lire|ler"
    r"|keep(?:ing)?\s+an\s+eye\s+on|keep(?:ing)?\s+tabs\s+on"
    # "ficar de olho no chat", "echa un ojo al chat", "garde un oeil sur le chat", "ein Auge auf den Chat"
    r"|(?:fic\w+|fiq\w+)\s+de\s+olho\s+n[oa]|ech\w+\s+un\s+ojo\s+al|gard\w*\s+un\s+oeil\s+sur|ein\s+auge\s+auf)\w*"
)
# Chronicling by its name in another language; in English the rules read it ("pause chronicling" is asked).
_CHRONICLING = re.compile(r"\b(?:chroniqu|cronica|chronik)\w*")
_WATCHING_THE_CHAT = re.compile(
    rf"\b{_WATCHING}\s+(?:(?:o|el|le|du|de|do|del|mon|mi|meu|den|im|al|ao|the|my|auf|bitte|on|at|no|na)\s+){{0,3}}chat\b"
    # "den Chat von kaiserschmarrn_live mitschreiben": the chat, whose, then the verb.
    rf"|\bchat\s+(?:[\w-]+\s+){{0,2}}{_WATCHING}"
)


def _watches_a_channel(u: Utterance, plain: str) -> bool:
    """True when a channel the DM names (a handle, a link, a login-shaped word) comes right after a verb
    that watches: "can you watch pixelmoth_tv tonight?", "monitor twitch.tv/brackenfall"."""
    return any(
        re.search(
            rf"\b{_WATCHING}\s+(?:https?://)?(?:www\.)?(?:twitch\.tv/|[@#])?{re.escape(login.value)}\b", plain
        )
        for login in channels(u)
        if login.value
    )


# "mano para de vigiar o chat", "ya deja de grabar el chat": stopped doing it, wherever the verb is.
_STOP_WATCHING = re.compile(
    rf"\b(?:(?:para|pare|parar|deja|dejes|arrete\w*|termina)\s+(?:de\s+|d')"
    # German: "hör auf mitzulesen", "hören Sie auf, meinen Chat zu protokollieren".
    rf"|ho(?:e)?r(?:en)?\s+(?:sie\s+)?auf\b[^.!?]{{0,30}}?\b(?:zu\s+)?){_WATCHING}"
)
# "fang bitte an mitzulesen", "empieza a vigilar", "commence à surveiller", "começa a monitorar": begun.
_START_WATCHING = re.compile(
    rf"\b(?:(?:empie(?:z|c)\w*|comien(?:z|c)\w*|commenc\w*|comec\w*|inici\w*)\s+(?:a|de|d')\s*"
    rf"|(?:fang\w*|beginn\w*)\s+(?:\w+\s+){{0,3}}?an\b[^.!?]{{0,30}}?\b(?:zu\s+)?){_WATCHING}"
)
# Set phrases whose verb asks for nothing: "close enough", "déjà vu", "watch out", "watch it again"
# (the replay), German "vorm Start" (before the start).
_IDIOMS = re.compile(
    r"\bclose\s+(?:enough|call|one)\b|\bd[eé]j[aà]\s+vu\b|\bwatch\s+(?:out|it|this|that|me)\b(?:\s+again\b)?"
    r"|\b(?:vorm|vor\s+dem|nach\s+dem|beim|zum)\s+start\b"
    # A review's sign-off ("10/10, would be chronicled again", "would recommend"): praise, nothing asked.
    r"|\bwould\s+(?:(?:be|get)\s+)?\w+\s+again\b|\bwould\s+recommend\b"
)
_SESSION_VERBS = ("stop", "start")
# "STOP PRETENDING", "stop spamming": a doing to stop, other than ours (chronicling, recording, ...).
_STOP_DOING = re.compile(
    r"\b(?:stop|quit)\s+(?!chronicl|record|logg|watch|track|monitor|archiv|read|listen|follow|stream|\w*thing)[a-z]+ing\b"
    r"|^\W*start\s+streaming\W*$"  # what the streamer does; to chronicle it is asked for in other words
)


def _asks_for_session(u: Utterance) -> bool:
    """True when a DM the model reads as start/stop has a word that asks for it: a change word (typed
    with a slip, or drawn out: "stpo", "stoooop"), or see `_SESSION_ASKED`; not "stop <doing>"."""
    if _STOP_DOING.search(u.text.lower()):
        return False
    if _IDIOMS.search(u.text.lower()):
        u = analyse(clean(_IDIOMS.sub(" ", u.text.lower())))  # "close enough", "watch out": no verb of ours
    plain = intl.unaccented(u.text.lower())
    if (
        _asks_for_change(u)
        or _SESSION_ASKED.search(plain)
        or _STOP_WATCHING.search(plain)
        or _START_WATCHING.search(plain)
    ):
        return True
    for word in re.findall(r"[a-z]+", u.text.lower()):
        squeezed = re.sub(r"(.)\1{2,}", r"\1", word)
        swapped = {
            squeezed[:i] + squeezed[i + 1] + squeezed[i] + squeezed[i + 2 :] for i in range(len(squeezed) - 1)
        }
        if squeezed in _SESSION_VERBS or swapped & set(_SESSION_VERBS):
            return True
    return False


# What a mode is called when described as something that does a job: "the clip finder", "the spam police",
# "the chatty answering robot", "the recap writer"; "le truc qui relance le chat", "das Ding, das ...".
_AGENT = re.compile(
    r"\b(?:finder|catcher|writer|bot|thing|police|filter|pinger|robot|tool|feature|helper|detector|checker"
    r"|nudger|answerer|responder|replier|guard|cop|maker|saver|keeper"
    r"|truc|machin|outil|fonction|cosa|herramienta|funci[oó]n|coisa|ferramenta|fun[cç][aã]o|ding|funktion"
    r"|werkzeug|wecker)s?\b"
)

# The bot told to stop doing one mode's job, in the five languages: "stop answering my viewers in chat",
# "quit pinging chat", "deja de responder en mi chat", "arrête de répondre", "hör auf zu antworten", "para de
# responder". (`intl.modes_named` says which job it is.)
_STOP_ITS_JOB = re.compile(
    r"(?:^\W*(?:(?:please|pls|plz|yo|ok|okay|bot|hey)\W+)*(?:stop|quit|no\s+more)\s+\w+ing"
    r"|^\W*(?:(?:por\s+favor|porfa|bot|oye)\W+)*deja\s+de\s+\w+r|^\W*(?:(?:bot|s'il\s+te\s+plait)\W+)*arrete\s+de\s+\w+"
    r"|^\W*(?:(?:bitte|bot)\W+)*hor\s+auf\s+zu\s+\w+|^\W*(?:(?:por\s+favor|bot)\W+)*para\s+de\s+\w+r)"
    # ... of everyone, not of someone ("stop flagging my mods" asks something else of the Warden).
    r"(?:\s+(?:to\s+|a\s+|al\s+|aux?\s+)?(?:my\s+|the\s+|in\s+(?:my\s+|the\s+)?|en\s+(?:mi\s+|el\s+)?|dans\s+(?:le\s+|mon\s+)?"
    r"|no\s+|im\s+)?(?:chat|viewers|people|everyone|folks|chatters|stuff|things|everything|gente|les\s+gens|leute))?"
    r"(?=\s*(?:$|[,.;!?]|\b(?:from|for|forever|tonight|permanently|anymore|pls|please|in\s+(?:my\s+)?chat|para|por|pour"
    r"|ab|fur)\b))"
)


# Help thanked for, in the five languages: "thx for ur help", "merci pour ton aide", "gracias por tu ayuda",
# "danke für die Hilfe", "obrigado pela ajuda".
_THANKS_FOR_HELP = re.compile(
    r"\b(?:for|pour|por|fur|pela)\s+(?:the\s+|your\s+|ur\s+|all\s+(?:the\s+|your\s+)?|ton\s+|votre\s+|tu\s+|su\s+"
    r"|la\s+|die\s+|deine\s+)?(?:help|aide|ayuda|hilfe|ajuda)\b"
)
_SWITCHES = ("mode.enable", "mode.disable")
# A mode left as it is: "leave the spam catcher running", "the scribe can stay", "keep the warden on".
_KEPT = re.compile(
    r"\b(?:leave|keep)\b|\b(?:can|should|will|may)\s+stay\b|\bstays\b|\bis\s+fine\b|^\W*not\s+the\b"
    # "deja en paz el filtro", "laisse le filtre tranquille", "deixa o filtro quieto", "lass den Filter in
    # Ruhe", "o caçador de clipes pode ficar", "no el filtro, el bot que responde" (accents dropped).
    r"|\bdeja\s+en\s+paz\b|\bdeja\s+(?:\S+\s+){0,4}?(?:tranquil[oa]|como\s+esta)\b"
    r"|\blaisse\w*\s+(?:\S+\s+){0,4}?(?:tranquille|en\s+paix|comme\s+(?:il|elle)\s+est)\b"
    r"|\bdeix\w*\s+(?:\S+\s+){0,4}?(?:quiet[oa]|em\s+paz|como\s+esta)\b|\blass\w*\s+(?:\S+\s+){0,4}?in\s+ruhe\b"
    r"|\b(?:pode|puede|peut|kann|darf)\s+(?:ficar|quedarse|rester|bleiben)\b"
    r"|^\W*(?:pas\s+l[ea]|no\s+(?:el|la)|nao\s+[oa]|nicht\s+(?:den|die|das))\b"
)
_PARTS = re.compile(r"[,.;!?—–]+|\s(?:but|just|and)\s")
# A mode asked to stay as it is, in the five languages (unaccented): "keep the warden on", "leave the reply
# bot off", "lass den Spamfilter an", "laisse le filtre allumé", "déjalo encendido", "deixa ligado".
_LEFT_ON = re.compile(
    r"\b(?:keep|leave)\s+(?!an?\s+eye\b)(?:[\w'-]+\s+){0,4}?(?:on|off|running|enabled|disabled|alone)\b"
    r"|\blass(?:t|en)?\s+(?:[\w'-]+\s+){0,4}?(?:an|aus|laufen|eingeschaltet|ausgeschaltet|aktiv|in\s+ruhe)\b"
    r"|\b(?:laisse[rz]?|garde[rz]?)\s+(?:[\w'-]+\s+){0,4}?(?:allume|actif|active|tourner|eteint|desactive)\b"
    r"|\b(?:deja(?:lo|la)?|manten(?:lo|la|ga)?)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:encendid[oa]|prendid[oa]|activ[oa]|apagad[oa]|desactivad[oa])\b"
    r"|\b(?:deix[ae]|mantem|mantenha)\s+(?:[\w'-]+\s+){0,4}?(?:ligad[oa]|ativ[oa]|desligad[oa]|desativad[oa])\b"
)
_QUESTION = re.compile(r"[^.!?,;]*\?")
_HOLD_OFF = re.compile(
    r"\bhold\s+off\s+on\s+(?:the\s+|my\s+)?(?:summary|recap|ledger|report|wrap-?up|write-?up)\b"
)
# "keep watching", "pls keep it running", "you can continue logging": asked to go on, where the word
# starts a clause (a chatter who "keeps spamming" is a complaint, not a request).
_CARRY_ON = re.compile(
    r"(?:^|[,.;!?]\s*|\b(?:please|pls|plz|just|ok|okay|you|u)\s+(?:can\s+|should\s+)?)"
    r"(?:keep|continue|carry\s+on)\s+(?:it\s+|on\s+)?(?:\w+ing|going|running|on)\b"
)
# What someone or something does, told ("my friend's bot posts the recap in their discord, kinda cool",
# "she turns the warden off every night"): a subject and a verb in the third person, no request.
_SOMEONE_DOES = re.compile(
    r"\b(?:bot|it|he|she|friend|mod|\w+'s\s+\w+)\s+(?:\w+ly\s+)?(?:posts|sends|shares|drops|puts|starts|stops|turns"
    r"|enables|disables|mutes|pauses|removes|kills|switches|connects|disconnects)\b"
    # "my friend's bot pings chat after 5 minutes of silence", "her bot has a dead-chat pinger set to 20
    # minutes": what another's bot does or has, not ours asked.
    r"|\b(?:\w+'s|his|her|their|other)\s+(?:\w+\s+)?bot\s+(?:\w+ly\s+)?(?:pings|nudges|pokes|posts|says|writes|waits"
    r"|answers|replies|flags|clips|has|had|uses|runs|got|gets)\b"
)
_TWITCH_WAYS = ("twitch.connect", "twitch.disconnect")
# A change told as done ("already deleted the webhook from discord's side", "I unlinked twitch from my old
# bot last week", "I moved to Lisbon last month"): news, unless asked for anyway ("..., do it again pls").
_DONE_ALREADY = re.compile(
    r"\balready\s+(?:\w+\s+)?(?:turned|switched|set|connected|linked|unlinked|disconnected|deleted|removed|changed"
    r"|started|stopped|posted|enabled|disabled|authori[sz]ed|moved|renamed|added|did)\b"
    r"|\b(?:connected|linked|unlinked|disconnected|deleted|removed|authori[sz]ed|renamed)\b[^.!?]*"
    r"\b(?:last\s+(?:week|month|year|night|time)|yesterday|\w+\s+ago)\b"
    # "my friend authorised some random bot on his twitch": someone else's doing, told
    r"|\b(?:friend|buddy|brother|sister|cousin|mod|he|she|they)\s+(?:\w+\s+)?(?:authori[sz]ed|connected|linked"
    r"|unlinked|disconnected|deleted|removed)\b"
)
_ASKED_ANYWAY = re.compile(
    r"\b(?:again|pls|please|plz|can\s+(?:you|u)|could\s+(?:you|u))\b|\?"
    r"|^\W*(?:start|stop|turn|switch|set|post|connect|disconnect|remove|delete|link|unlink|enable|disable)\b"
)
# A friend's webhook, told: "my friend's webhook is https://..., he uses it for his bot".
_SOMEONE_ELSES_SETTING = re.compile(
    r"\b(?:friend|buddy|pal|mate|brother|sister|cousin|mod|bro|roommate)'?s\s+(?:discord\s+)?webhook\b"
)
# Another's setup ("my buddy's channel tidalcrumbs just switched to a 10 minute dead chat timer"): a
# channel or bot someone else has, told to have changed or to run something.
_ANOTHERS_SETUP = re.compile(
    r"\b(?:friend|buddy|pal|mate|brother|sister|cousin|bro|roommate|\w+)'s\s+(?:channel|bot|stream|chat|server)\b"
    r"[^.!?]{0,40}?\b(?:just\s+)?(?:switched|changed|set|moved|went|uses|has|runs|turned|started|stopped)\b"
)
# What a mode can do, asked ("can the scam catcher read links in other languages", "does the reply bot
# understand french?"): a question about it, no switch.
_CAN_IT = re.compile(
    r"^\W*(?:can|could|does|do)\s+(?:the|my|your|ur)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:read|see|understand|tell|detect"
    r"|handle|know|recogni[sz]e|speak|hear|spot|notice|deal\s+with|work\s+(?:with|in|on))\b"
)
# ... unless it asks for the switch in the passive: "can the warden be turned on".
_BE_SWITCHED = re.compile(
    r"\bbe\s+(?:turned|switched|enabled|disabled|activated|deactivated|muted|paused|unmuted|on|off)\b"
)
# A time zone talked about rather than set: the time somewhere ("il est midi à Tokyo", "it's 3am here"), a
# stay that is short ("je suis à Montréal pour une semaine"), a move still under way ("we're moving from
# Berlin to Munich"), an opinion of a zone ("... is the worst time zone").
_ZONE_TALK = re.compile(
    r"\b(?:il\s+est|it'?s|son\s+las|es\s+la|sao|e|es\s+ist)\s+(?:\d{1,2}\s*(?:h|am|pm|uhr|:\d\d)\w*|midi|minuit"
    r"|noon|midnight|mediodia|medianoche|meio[\s-]dia|meia[\s-]noite|mittag|mitternacht)"
    r"|\b(?:for|pour|por|para|fur)\s+(?:a|one|une|un|una|uma|eine[mn]?)\s+(?:week|semaine|semana|woche|few\s+days|weekend"
    r"|week-end|fin\s+de\s+semana|fim\s+de\s+semana|wochenende|con|convention|festival|trip|tournament|event|lan)\b"
    r"|\b(?:this|ce|cette|esta|este|diese[ns]?|dieses)\s+(?:week|weekend|week-end|semaine|semana|fin\s+de\s+semana"
    r"|fim\s+de\s+semana|woche|wochenende)\b|\b(?:on\s+(?:vacation|holiday|a\s+trip)"
    r"|en\s+vacances|de\s+vacaciones|de\s+ferias|im\s+urlaub)\b"
    r"|\b(?:we'?re|i'?m|we\s+are|i\s+am)\s+moving\b|\bnos\s+mudamos\s+de\b"
)
_ZONE_OPINION = re.compile(
    r"\b(?:best|worst|dumbest|stupidest|weirdest|meilleur|pire|peor|mejor|pior|melhor|schlimmste|beste)\s+"
    r"(?:time\s*zone|fuseau|zona\s+horaria|fuso|zeitzone)"
)
# "terminé la dieta hoy": the streamer finished something of theirs, not the stream.
_FINISHED_SOMETHING_ELSE = re.compile(
    r"\b(?:termine|acabe|terminei|acabei|fini|j'ai\s+fini|beendet)\s+(?:(?:la|el|lo|o|a|mi|meu|minha|ma|mon|le|mein\w*)\s+)"
    r"(?!directo|stream|live|transmis\w*|chat|emision|sesion|sessao|session|direct|diffusion|emission|broadcast)\w+"
)


def _direction(u: Utterance, *, verbs_only: bool = False) -> str | None:
    """The switch a DM's English words say ("on", "enable": mode.enable; "off", "disable": mode.disable),
    or None when they say neither or both; with `verbs_only`, its verbs alone say ("on" is also "on
    purpose")."""
    concepts = {t.concept for t in u.tokens}
    if verbs_only:
        concepts -= {PARTICLE_ON, PARTICLE_OFF}
    on, off = bool(concepts & {VERB_ON, PARTICLE_ON}), bool(concepts & {VERB_OFF, PARTICLE_OFF})
    return None if on == off else "mode.enable" if on else "mode.disable"


def _described_and_switched(u: Utterance, action: str) -> bool:
    """True when a DM describes one mode as what does its job ("the clip finder", "el bot de respuestas")
    and switches it the model's way, in words that say which way and none the other (English particles,
    or a verb that switches in any of the five languages)."""
    if action == "disable" and _STOP_ITS_JOB.search(intl.unaccented(u.text.lower())):
        return len(intl.modes_named(u.text)) == 1  # "stop answering my viewers in chat": the Steward's job
    return (
        (_direction(u) or intl.switch_said(u.text)) == f"mode.{action}"
        and bool(_AGENT.search(u.text.lower()))
        and len(intl.modes_named(u.text)) == 1
    )


def _named_and_switched(u: Utterance) -> bool:
    """True when a DM names one mode by its name and has a word that switches ("apaga el warden")."""
    return len(intl.modes_called(u.text)) == 1 and _asks_for_change(u)


def _elsewhere(text: str) -> bool:
    """True when a DM names somewhere other than Discord to post to ("to twitter", "on reddit")."""
    return bool(_ELSEWHERE.search(text.lower()))


def _typo_of_known(word: str) -> bool:
    """True for a misspelling of a word the rules know ("strat", "wardn"): familiar, only mistyped."""
    return correct(word) is not None


def _clauses(text: str) -> list[str]:
    """The clauses of a DM (split at sentence ends and commas), empty ones left out."""
    return [piece["words"] for piece in _PIECES.finditer(text) if piece["words"].strip()]


@functools.lru_cache(maxsize=1024)  # the parser asks twice of a DM it half read (propose, surely_nothing)
def _clearest(model: IntentModel, text: str) -> Prediction:
    """The model's reading of the DM, as sure as its clearest sentence says the same: words around a
    request ("long day, the raid was wild. anyway, stop the session") dilute it, they do not change it.
    Only the same reading is taken, so a quoted command in a harmless DM stays harmless."""
    guess = model.predict(text)
    for piece in _PIECES.finditer(text):
        sentence = piece["words"].strip()
        # A piece that asks "start truck?" may be a question, not a request: it lends no certainty. Nor
        # do thanks ("... could you begin keeping an eye on chat? Thank you so much."): they can only ever
        # make a DM look like nothing.
        if sentence and sentence != text.strip() and "?" not in piece["end"] and not _pleasantry(sentence):
            alone = model.predict(sentence)
            if alone.label == guess.label and alone.probability > guess.probability:
                guess = alone
    return guess


def _from_request(model: IntentModel, text: str, label: str) -> str:
    """The DM from the sentence that asks onwards: a "no" or "never" in a sentence before it gives the
    reason, it refuses nothing ("members only tonight, so no scammers. pause the spam checker")."""
    sentences = [part for part in _FULL_STOPS.split(text) if part.strip()]
    if len(sentences) < 2:
        return text
    best = max(range(len(sentences)), key=lambda i: model.probabilities(sentences[i]).get(label, 0.0))
    return ". ".join(sentences[best:])


def _request(model: IntentModel, parts: list[str], label: str) -> str | None:
    """The sentence of a rambling DM that reads most like `label`; None for a DM of one sentence."""
    if len(parts) < 2:
        return None
    return max(parts, key=lambda part: model.probabilities(part).get(label, 0.0))


# What is posted, named after the verb ("post the schedule in the discord"), and the words that make it
# the ledger: its names, the session it is of, or words too vague to name anything else ("the thing").
_POSTED = re.compile(
    r"\b(?:post|send|share|drop|put|upload|publish|pin)\s+(?:the|my|our|this|that|a|an)\s+"
    r"(?P<what>[a-z'-]+(?:\s+[a-z'-]+){0,2})"
)
_THE_LEDGER = re.compile(
    r"ledger|report|recap|summ|wrap|notes|stats|log|chronic|stream|sesh|session|live|today|tonight"
    r"|yesterday|last|chart|thing|stuff|\bone\b|result|numbers|breakdown|rundown|overview|write|diary|journal"
)


_LEDGER_WORDS = ("ledger", "report", "recap", "summary", "notes", "stats", "chronicle", "stream", "session")


def _posts_something_else(plain: str) -> bool:
    """True when the thing a DM posts is named, and is not the ledger (nor a slip of its names: "the
    reprot", "the sumary")."""
    posted = _POSTED.search(plain)
    if posted is None or _THE_LEDGER.search(posted["what"]):
        return False
    slips = (edit_distance(word, name) <= 2 for word in posted["what"].split() for name in _LEDGER_WORDS)
    return not any(slips)


# The ledger, or where it goes, in the five languages: what "post" needs to mean posting the ledger.
_LEDGER_NAMED = re.compile(
    r"ledger|report|recap|summ|wrap|notes|discord|webhook|server|stats|log|chronic|cronic|resumen|informe"
    r"|relatorio|resumo|rapport|resume|bilan|bericht|zusammenfass|protokoll|stream|sesh|session|live|today"
    r"|tonight|yesterday|last"
)


# What takes a webhook away, in any of the five languages (accents dropped; "remvoe" as typed too):
# Portuguese "no" is "in the" ("manda msg no chat"), no refusal; "não" and "nunca" are.
_PORTUGUESE_NO = re.compile(r"\bno\s+(?:chat|canal|discord|servidor|stream|live|twitch|grupo|privado|pv)\b")
_PORTUGUESE_NOT = re.compile(r"\bn(?:ã|a)o\b|\bnunca\b|\bnem\b", re.IGNORECASE)


def _in_the_not_no(text: str) -> bool:
    """True for a Portuguese DM whose "no" is "in the" ("manda msg no chat") and that says no "não"."""
    return _PORTUGUESE_NO.search(text.lower()) is not None and _PORTUGUESE_NOT.search(text) is None


# removed, forgotten, turned off, or posting to it no longer wanted.
_STOP_POSTING = re.compile(
    r"\b(?:stop|quit|no\s+more)\s+(?:auto-?)?(?:posting|sending|publishing|dropping)\b[^.!?]{0,40}?\b(?:discord|server)\b"
)
_UNHOOKED = re.compile(
    r"\b(?:rem(?:ov|vo)|delet|eras|wipe|forget|forgot|drop|clear|unset|unhook|unlink|unplug|disconnect|disabl"
    r"|turn\s+(?:it\s+|that\s+)?off|take\s+(?:\w+\s+){0,3}?off|get\s+rid|ditch|scrap|kill|stop|no\s+more"
    r"|any\s*more|no\s+longer|not\s+have|(?:don'?t|do\s+not)\s+(?:need|want)|borr|elimin|quit|olvid|supprim"
    r"|enlev|retir|oubli|effac|vire|losch|loesch|entfern|vergiss|vergess|weg|apag|exclu|esquec|tira|desativ|desactiv"
    r"|deaktiv|desconect|deconnect|para\b|pare\b|arret|aufhor|keine|nicht\s+mehr|plus\s+de|ya\s+no|nao\s+quero"
    r"|chega|nada\s+mas|yeet|gone|nuke|toss|bin\b)\w*"
)
_AGAINST_WHAT_IT_CATCHES = re.compile(
    r"\b(?:stop|kill|end|block|remove|delete|nuke|clean\s+up|get\s+rid\s+of)\s+(?:all\s+)?(?:the\s+|this\s+|these\s+|that\s+)?"
    r"(?:spam\w*|scam\w*|bots|raid\w*|trolls?)\b(?!\s*(?:catcher|filter|detector|guard|thing|mode|checker|bot|finder|blocker))"
)
_ASKS_THE_TIME = re.compile(
    r"\bwhat\s+time\s+is\s+it|\bwhat'?s\s+the\s+time\b|\bq\w{0,2}l+e?\s+h?eure?\b|\bheure\s+est[\s-]il|\bque\s+hora"
    r"|\bwie\s+spat|\bwieviel\s+uhr|\bwie\s+viel\s+uhr"
)
_NOT_SPAM = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|no|never)\s+(?:a\s+|an\s+|really\s+)?(?:spam|scam|bot)|\blegit\b|\bfine\b"
    r"|\bfalse\s+(?:alarm|positive|flag)|\bwrong\b|\bmistake\b|\bsafe\b|\binnocent\b|\bmy\s+(?:friend|mod|buddy)\b"
    # The same in the other four languages, accents dropped ("no era estafa", "c'est mon pote", "harmlos").
    r"|\b(?:no\s+(?:es|era)|nao\s+(?:e|era)|n'(?:est|etait)\s+pas|(?:ist|war)\s+kein\w*)\s+(?:un\s+|une\s+|du\s+|ein\s+)?"
    r"(?:spam|scam|bot|estafa|golpe|arnaque|betrug)|\b(?:harmlos|inofensiv\w*|inoffensi\w*|passt|de\s+boa)\b"
    r"|\b(?:mi|mon|ma|mein|meine|meu|minha)\s+(?:prim[oa]|amig[oa]|pote|ami|amie|cousine?|kumpel|freund\w*|mod)\b"
    # Who the chatter really is: "a real person", "a genuine viewer", "she's a regular", "my nephew".
    rf"|\b{REAL_PERSON}\b|\bgenuine\b|\bregulars?\b|\b(?:my|our)\s+(?:\w+\s+)?{KIN}\b"
)
# "not a real person", "no genuine viewer": the chatter was what the flag said.
_NOT_REAL = re.compile(r"\b(?:not|isn'?t|wasn'?t|never|no)\s+(?:a\s+|an\s+)?(?:real|genuine|actual)\b")
_SPAM = re.compile(r"\b(?:spam\w*|scam\w*|bots?|fake|phishing|estafa|golpe|arnaque|betrug)\b")
# What points at a flag of the list: "the one about...", "that flag", "#3", a quoted message, "the guy";
# "el del cripto", "celui avec le lien", "der Typ mit dem Link", "aquele do pix".
_FLAG_REF = re.compile(
    r"\bones?\b|\bflag\w*|\bmessages?\b|\bmsgs?\b|\bguy\b|\bchatter\b|\buser\b|\d|['\"“‘]"
    r"|\b(?:el|la)\s+del?\b|\bcel(?:ui|le)\b|\bder\s+(?:typ|mit)\b|\baquel[ea]?\b|\bmensaje|\bmensag|\bnachricht"
)
# Doubts that keep an answer on a flag a question ("he was saying hi" is reported speech, no doubt).
_REVIEW_DOUBTS = frozenset({"hedge", "retract", "joke", "conditional"})
# What a request to moderate says, in the five languages, typed loosely ("timout", "bna", "yeet").
_MODERATION_WORD = re.compile(
    r"\b(?:t[ie]?me?\s*o?u?t\w*|ban\w*|bna|perma\w*|kick\w*|mute\w*|block\w*|delete|remove|purge|yeet\w*"
    r"|boot|get\s+rid|throw\s+out|kill|shut\s+up|silenc\w*|report\w*|moderat\w*|expuls\w*|bann\w*|sperr\w*"
    r"|rauswerf\w*|wirf|bloque\w*|bloqu\w*|suprim\w*|supprim\w*|borra\w*|apaga|loesch\w*|losch\w*"
    r"|exclu\w*|tira|chuta|vire\w*|degage|hau\w*|elimin\w*|entfern\w*|echa\w*|saca\w*|hide|nuke\w*|warn\w*"
    r"|retir\w*|rid\s+of|out\s+of\s+(?:my\s+|the\s+)?c\w{2,4}\b|gone|trolls?|raus)"
)
_MODERATION_VERBS = (
    *("timeout", "delete", "block", "kick", "mute", "ban", "boot", "permaban", "remove", "purge", "nuke"),
    *("silencia", "bannis", "expulse", "expulsa", "wirf", "sperr", "schmeiss", "bloqueia", "apaga", "vire"),
    *("banea", "bann"),
)


def _asks_to_moderate(text: str) -> bool:
    """True when a DM has a word that asks to moderate, typos too ("tiemout", "deelte", "kzck", "time x
    out"): "ran out of milk again" has none, however the model reads it."""
    said = intl.unaccented(text.lower())
    if _MODERATION_WORD.search(said):
        return True
    words = [word.strip(".,;:!?'\"()") for word in said.split()]
    words = [word for word in words if len(word) >= 3]
    # "time x out", "tie x out", "timme out"
    if any(
        edit_distance(word, "time") <= 1 and "out" in words[i + 1 : i + 3] for i, word in enumerate(words)
    ):
        return True
    return any(
        word[0] == verb[0] and edit_distance(word, verb) <= (1 if len(verb) <= 4 else 2)
        for word in words
        for verb in _MODERATION_VERBS
    )


_ONE_ANSWER = "One flag at a time, by its number: say “#2 is spam” or “#2 is fine”."


def _described_verdict(text: str) -> str | None:
    """The answer a DM gives on a flag it describes: "dismissed" (not spam), "confirmed", or None."""
    said = intl.unaccented(text).replace("’", "'")
    if _NOT_REAL.search(said):
        return "confirmed"
    if _NOT_SPAM.search(said):
        return "dismissed"
    return "confirmed" if _SPAM.search(said) else None


def _short_question(text: str, request: str | None) -> bool:
    """True when the sentence that asks is two words and a question mark ("start truck? KKona"): chat
    wondering aloud, not a request; a DM of one sentence is judged whole elsewhere."""
    if request is None or len(request.split()) > 2:
        return False
    return any(piece["words"] == request and "?" in piece["end"] for piece in _PIECES.finditer(text))


def _names_session(u: Utterance, request: str | None) -> bool:
    """True when the DM names the session, in words the rules know (typos too) or in another language;
    in the sentence that asks (`request`), when there are several: "the stream was long. anyway, start
    the game" starts nothing of ours."""
    if request is not None:
        announced = any(t.concept in (ANNOUNCE_LIVE, ANNOUNCE_DONE) for t in u.tokens)
        if "laugh" in u.doubts and _bare(request) and not announced:
            # "stop it, im crying laughing": said to chat or a friend; "stoooop, stream's over lol" is ours.
            return False
        # A bare "stop" ends a DM ("done streaming. stop."); before other words it is no request of
        # its own ("Stop,is a very TOP 1").
        # Only when that short last sentence asks for it itself: "start truck? KKona" is not "KKona".
        last = request.strip() == _clauses(u.text)[-1].strip() and _sentence_asks(request)
        if intl.names_session(request, short=last) or any(
            t.concept in (OBJ_SESSION, VERB_RECORD) for t in analyse(clean(request)).tokens
        ):
            return True
        watching = intl.unaccented(u.text.lower())
        if any(said.search(watching) for said in (_WATCHING_THE_CHAT, _STOP_WATCHING, _START_WATCHING)):
            return True  # "Hola, por favor deja de vigilar el chat. Ya terminé por hoy.": said in full
        clauses = [clause.strip() for clause in _clauses(u.text)]
        if _bare(clauses[-1]) and _sentence_asks(clauses[-1]):
            return True  # "offline now. stop": whichever sentence the model liked best
        if (
            _bare(request)
            and _sentence_asks(request)
            and all(_pleasantry(clause) for clause in clauses if clause != request.strip())
        ):
            return True  # "stop please, thanks for today", "ok you can stop. gn": "stop please" and manners
        # "stopp bitte, stream ist vorbei", "kill it, I'm offline": a bare verb, and the stream named or
        # announced in the sentence beside it.
        if any(intl.names_chronicling(clause) and _sentence_asks(clause) for clause in clauses):
            # "detén el registro, gracias, ya terminé por hoy": the model liked the news best. Chronicling
            # by a name of its own, not "the stream": "macht den Live stream an" is the streamer's to do.
            return True
        told = announced or news.told(u.text)
        return _bare_verb_in(clauses) and (told or intl.names_session(u.text, short=False))
    if any(t.concept in (OBJ_SESSION, VERB_RECORD) for t in u.tokens) or intl.names_session(u.text):
        return True
    if news.told(u.text) and _bare_verb_in([u.text]) and not _bare(u.text):
        return True  # "we're done cooking for today 🍝 you can stop": the news, then the verb alone
    if "laugh" not in u.doubts and _bare(u.text) and _sentence_asks(u.text):
        return True  # "ok go start": the verb alone among polite words, said to the bot
    # "stop stop stop im offline": one sentence, a bare verb and the stream announced over (or live).
    said = [t.text for t in u.tokens if t.concept not in (ANNOUNCE_LIVE, ANNOUNCE_DONE)]
    rest = " ".join(said)
    return len(said) < len(u.tokens) and _bare(rest) and _sentence_asks(rest)


@functools.lru_cache(maxsize=1024)  # the same sentence is asked about as the request and as a clause
def _sentence_asks(sentence: str) -> bool:
    """`_asks_for_session` of one sentence of a DM, read on its own."""
    return _asks_for_session(analyse(clean(sentence)))


def _pleasantry(clause: str) -> bool:
    """True for a sentence of thanks or goodbyes alone ("thanks for today", "gn", "ty <3", "and thank you
    for tonight", "please")."""
    words = re.findall(r"[^\W\d_]+", clause.lower())
    return bool(words) and all(word in _PLEASANTRIES or word in _POLITE for word in words)


_PLEASANTRIES = frozenset(
    "thanks thank you u ty thx tysm gn goodnight good night bye byee cya cheers for today tonight the"
    " stream everyone all so much again lots a lot bot buddy friend time and many kindly very dear"
    " see tomorrow evening lovely great wonderful nice fun amazing awesome help helping".split()
)


# Where news of the stream gives way to what is asked within one sentence: "so", "and", an emoji.
_AFTER_NEWS = re.compile(r"[^\w\s'’]+|\s(?:so|and|then)\s")


def _bare_verb_in(sentences: list[str]) -> bool:
    """True when one of `sentences`, or its end after "so", "and" or an emoji, is a verb that asks among
    polite words alone: "stop pls", "we're offline now so you can stop"."""
    pieces = [piece for sentence in sentences for piece in _AFTER_NEWS.split(sentence) if piece.strip()]
    return any(_bare(piece) and _sentence_asks(piece) for piece in pieces)


@functools.lru_cache(maxsize=1024)  # asked of the same sentences from several places
def _bare(clause: str) -> bool:
    """True for a sentence of one word besides polite ones, said once or more ("stop it pls", "stop stop"),
    a phrase that means one ("kick it off", "shut it down") counted as that word."""
    words = {word for word in re.findall(r"[^\W\d_]+", rewrite(clause.lower())) if word not in _POLITE}
    return len(words) == 1


# Words around a bare verb that say nothing of what it acts on ("stop it pls", "start the thing up pog",
# "para por favor"), and the particles of German verbs ("hör auf", "mach aus").
_POLITE = frozenset(
    "it please pls plz por favor porfa bitte svp now rn ya jetzt agora can could you u pode puedes peux"
    " kannst auf aus an ca ça the thing up down pog ok okay lol go bot el le la o den das"
    " damn dang freaking na arre arrey yaar mal stp xfa jetz tu podes kannste du fr frfr ngl tbh gg ggs"
    " ight aight alright".split()
)


def _repetitive(text: str) -> bool:
    """An emote wall or a chant ("RED RED RED RED"): chat, not a request."""
    said = text.lower().split()
    return len(said) >= 4 and len(set(said)) <= len(said) / 2


def _slots(kind: str, action: str | None, u: Utterance) -> tuple[dict[str, Any], str | None]:
    """The slots of the intent, and a question when one it needs is missing or unclear."""
    text = u.text
    if kind == "mode" and action in ("enable", "disable", "configure"):
        return _mode_slots(action, u)
    if kind == "flags" and action == "review":
        # "the one about free skins was a scam": a flag described, not numbered; the bot asks which one
        # when the last list had several. Nothing pointing at a flag ("the bot is fine"), two numbers or
        # a 0 the review reader did not take, or a doubt ("maybe #3 is spam") is asked about, never
        # guessed. Numbers over 100 are no flag of a list (a year).
        numbers = [n for n in (int(d) for d in re.findall(r"\d+", text)) if n <= 100]
        verdict = _described_verdict(text)
        if (
            not _FLAG_REF.search(intl.unaccented(text))
            or u.doubts & _REVIEW_DOUBTS
            or len(numbers) > 1
            or 0 in numbers
            or verdict is None
        ):
            return {}, _ONE_ANSWER
        return {"verdict": verdict, **({"item": numbers[0]} if numbers else {})}, None
    if kind in ("flags", "clips", "blog", "stats"):
        slots, ask = range_slots(u)
        if not slots and (rng := intl.range_named(text)):
            slots = {"range": rng}
        if kind == "flags":
            username, problem = one_login(usernames(u), "chatter")
            if username:
                slots["username"] = username
            ask = ask or problem
        return slots, ask
    if kind == "ledger":
        slots, _ = session_slots(u)
        if not slots and (rng := intl.range_named(text)) in ("current", "last"):
            slots = {"session": rng}  # "el reporte del último directo", "den Bericht vom laufenden Stream"
        return slots, None
    if kind == "session" and action == "start":
        found: dict[str, Any] = {}
        logins = channels(u) or [
            after for clause in u.clauses if (after := channel_after_preposition(clause)) is not None
        ]
        if not logins and (theirs := their_channel(text)) is not None:
            logins = [login_of(theirs)]
        channel, ask = one_login(logins, "channel")
        if channel:
            found["channel"] = channel
        elif ask is None and elsewhere_unnamed(text):
            ask = WHICH_CHANNEL  # "watch the team's chat instead of mine": whose, unread
        if u.found.themes and not u.found.theme_too_long:
            found["theme"] = u.found.themes[0]
        return found, ask
    if kind == "settings":
        return _settings_slots(action, u)
    if kind == "twitch":
        return {"grant": intl.grant(text)}, None
    if kind == "moderate":
        # "timeout gr1nd_x", "that one guy, moss_gnawer9", "that message from snorbleflax"
        login = (
            intl.login_after_verb(text) or one_shaped_login(u) or one_user_named(u) or described_login(text)
        )
        if login is None and _SOMEONE_UNNAMED.search(text.lower()):
            return {}, None  # "time out the sender", "ban everyone posting that link": a request, no name
        # Without a chatter named it is talk about moderation ("how do I ban someone?"), not a request.
        return ({"username": login} if login else {}), None if login else _NO_CHATTER
    if kind == "link":
        # "mon code de liaison est UHQQ-9644": the code is code-shaped wherever it stands.
        codes = (
            list(dict.fromkeys(u.found.codes))
            or list(dict.fromkeys(bare_codes(text)))
            or list(dict.fromkeys(shouted_codes(text)))
        )
        if len(codes) == 1:
            return {"code": codes[0]}, None
        return {}, "What's your link code? Send it like 'link ABCD-1234'."
    return {}, None


def _mode_slots(action: str, u: Utterance) -> tuple[dict[str, Any], str | None]:
    named = [(t.concept or "")[5:] for t in u.tokens if (t.concept or "").startswith("mode.")]
    modes = list(dict.fromkeys(named)) or intl.modes_named(u.text)
    # "leave the spam catcher running, just kill the reply bot", "the scribe can stay but shut the clip
    # finder off": a mode kept is not the one switched; the one switched is in the other parts.
    parts = _parts(u.text)
    kept = set(_modes_in(parts, _KEPT))
    if kept:
        switched = _modes_in(parts, _KEPT, where=False)
        modes = [mode for mode in dict.fromkeys(switched) if mode not in kept] or modes
    if len(modes) != 1 and (mode_model := shipped(MODE_MODEL_FILE)) is not None:
        # Described, misspelt or in another language ("the auto replise", "le filtre anti-spam"):
        # the mode model, taught the same corpus, says which mode is meant, when it is sure.
        guess = mode_model.predict(u.text)
        if guess.probability >= MODE_SURE and guess.label in modes:
            modes = [guess.label]
        elif guess.probability >= MODE_SURE and not modes and action != "configure":
            # Neither named nor described in words we know ("subscribe me back" is not the scribe):
            # a guess, so only ever a question.
            guessed = {"mode": guess.label}
            return guessed, wording.did_you_mean(wording.describe("mode", action, guessed))
    if action == "configure" and not modes and waits.quiet_wait_asked(u.text):
        modes = ["hearthkeeper"]  # "que el bot hable después de 12 minutos sin mensajes": its wait, described
    if action == "configure":
        mode = modes[0] if len(modes) == 1 else "hearthkeeper"
        values = [int(d.minutes) for d in u.durations if d.minutes == int(d.minutes)] or intl.minutes(u.text)
        if (target := new_value(u.text.lower())) is not None:
            values = [target]  # "15 min is too short, make it 25": the new value, not the old
        values = list(dict.fromkeys(values))
        if len(values) != 1 or not 1 <= values[0] <= 1440:
            ask = f"How many minutes should the {mode} wait? For example 'set {mode} to 20 minutes'."
            return {"mode": mode}, ask
        configured: dict[str, Any] = {"mode": mode, "idle_minutes": values[0]}
        if mode != "hearthkeeper":
            # "set the warden to 10 minutes": no other mode waits; say so rather than store a wait it ignores.
            return configured, wording.ONLY_HEARTHKEEPER_WAITS.format(minutes=values[0], mode=mode)
        if not modes:
            # A number of minutes and no mode named or described ("15 mins to go"): only a question.
            return configured, wording.did_you_mean(wording.describe("mode", action, configured))
        return configured, None
    if len(modes) != 1:
        which = wording.which_mode(modes if len(modes) > 1 else list(MODES))
        return {"mode": modes[0] if modes else MODES[0]}, which
    slots: dict[str, Any] = {"mode": modes[0]}
    if (scope := intl.scope(u.text)) is not None:
        slots["scope"] = scope
    return slots, None


def _settings_slots(action: str | None, u: Utterance) -> tuple[dict[str, Any], str | None]:
    if action == "set_webhook":
        urls = list(dict.fromkeys(u.found.urls))
        if len(urls) != 1:
            return {}, "What's the webhook URL? Paste the full link, starting with https://."
        if not urls[0].lower().startswith("https://"):
            return {}, "Please paste the full webhook URL, starting with https://."
        return {"url": urls[0]}, None
    if action == "set_timezone":
        zones = intl.time_zones(u.text)
        if len(zones) != 1:
            return {}, "Which time zone? A city ('Berlin') or a zone name ('Europe/Berlin')."
        return {"timezone": zones[0]}, None
    if action == "set_channel":
        found = channels(u)
        # A handle, a link or a login-shaped word is a channel for sure; a plain word after "channel"
        # ("my channel is growing") is only a guess.
        marked = any(f.written[:1] in "#@" or "twitch.tv" in f.written or shaped(f.written) for f in found)
        if not found:
            # "my new channel name is moss_and_ember": the last login-shaped word after a linking word.
            tokens = [t for clause in u.clauses for t in clause.tokens]
            for before, token in zip(tokens, tokens[1:], strict=False):
                if before.text in _BEFORE_NAME and plain_login(token):
                    found = [*found, login_of(token.text)]
        login, ask = one_login(found[-1:], "channel")
        if login is None:
            return {}, ask or "Which channel? For example 'set my channel to pixel_wren'."
        if not marked and not shaped(found[-1].written) and not _name_only(login):
            # "my channel is growing": an ordinary word is only a guess at a login, so ask.
            return {"channel": login}, wording.did_you_mean(f"set your channel to {login}")
        return {"channel": login}, None
    return {}, None


def _name_only(word: str) -> bool:
    """True for a plain word that can only be a name: a long one (names are mostly words run together:
    "velvetotter", "tapiocaturbo") that no language of the corpus has, nor shaped like an English word
    it happens to lack ("my channel is now partnered"). A short one may be any language's adjective the
    corpus lacks ("mi canal es enorme")."""
    return len(word) >= _NAME_LENGTH and unknown_word(word) and not word.endswith(("ed", "ing", "ly"))


_NAME_LENGTH = 8


_BEFORE_NAME = frozenset(
    {
        "is",
        "to",
        "as",
        "es",
        "est",
        "ist",
        "é",
        "a",
        "para",
        "pour",
        "auf",
        "llama",
        "appelle",
        "s'appelle",
        "heißt",
        "chama",
        "called",
        "named",
        "use",
    }
)

"""Guards and slot extractors for what the intent model proposes, in English, Spanish, French, German and
Portuguese. Everything here reads text lower-cased and without accents, so "não" and "nao",
"München" and "munchen" are the same.

* Guards: a negation, a doubt (hedge, condition, reported speech, a joke, a retraction, later), a bare
  question. Any of them turns a state-changing proposal into a question.
* Slots: a mode by name or by what it does, the scope ("for tonight"), a time zone (an IANA name, an
  abbreviation, or a city of a small table), a number in words or digits, a range, a login after a
  moderation verb or in a channel statement.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from chronicler.contract.logins import normalize_login
from chronicler.nlp.rules._lexicon import STOPWORDS
from chronicler.nlp.rules._model import shipped
from chronicler.nlp.rules._typos import edit_distance, fix_time_words


# A DM is read by many guards and extractors, each asking for its plain form: it is worked out once.
@lru_cache(maxsize=1024)
def unaccented(text: str) -> str:
    """Lower case without accents ("não" is "nao"); digits and URLs kept, unlike the model's features."""
    if text.isascii():
        return text.lower()  # nothing to take off: most DMs
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


_NEGATION = re.compile(
    r"\b(?:don'?t|dont|do\s+not|never|not|nunca|jamas|ne|n'|pas|nicht|kein\w*|nie|niemals"
    r"|nao|jamais)\b|\bn'"
)
_FRENCH_DONT = re.compile(r"\bdont\b")
_NO_MODE = re.compile(r"^\W*no\s+(?:more\s+)?(?:the\s+)?(?:steward|warden|hearthkeeper|librarian|scribe)\b")
_NO_MORE_POSTS = re.compile(
    r"^\W*no\s+more\s+(?:of\s+)?(?:the\s+|those\s+|these\s+|your\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:pings?|prompts?|nudges?|repl(?:y|ies)|answers?|auto-?repl\w*|reports?|recaps?|summar(?:y|ies)"
    r"|write-?ups?|wrap-?ups?|ledgers?)\b"
    # "no auto replies for the rest of tonight": without "more", only with how long.
    r"|^\W*no\s+(?:[\w-]+\s+){0,2}(?:pings|prompts|nudges|replies|answers|auto-?repl\w*)\s+(?:for\s+)?"
    r"(?:tonight|today|now|the\s+rest\s+of|this\s+stream|from\s+now\s+on|anymore|please|pls)\b"
)
_CONTRAST = re.compile(
    # "after 10 min of quiet, not 15", "8 minutes, pas 15", "10 min en vez de 15", "statt 15"
    r"\d[^.!?\d]{0,30}?,?\s+(?:and\s+)?(?:not|pas|nicht|no|nao|en\s+vez\s+de|au\s+lieu\s+de|statt"
    r"|em\s+vez\s+de|instead\s+of)\s+\d+\b"
)
_EITHER_WAY = re.compile(
    r"\b(?:or\s+not|o\s+no|ou\s+pas|ou\s+non|oder\s+nicht|ou\s+nao)\b(?=\s*[?,.!]|\s*$)"
    r"|\b(?:no\s+se\s+si|je\s+sais\s+pas\s+si|nao\s+sei\s+se|weiss\s+nicht\s+ob|no\s+me\s+queda\s+claro)\b"
)
# What "I'll be ..." does to the request itself, or when: still a plan ("I'll be turning it off myself").
_DOING = (
    r"(?:turn|switch|stopp|start|do|post|sett|chang|us|enabl|disabl|runn|muting|pausing|handl|check|moderat)"
    r"\w*\b|back\b|on\b|off\b|live\b|done\b|finished\b|right\b|there\b"
)
_DOUBTS = re.compile(
    r"\b(?:quizas?|tal\s+vez|a\s+lo\s+mejor|no\s+se|deberia|peut[\s-]etre|je\s+sais\s+pas|devrais"
    r"|vielleicht|weiss\s+nicht|sollte|talvez|nao\s+sei|sera\s+que"  # hedges
    r"|cuando|quand|lorsque|wenn|falls|sobald|caso|quando"  # conditions
    r"|en\s+cuanto|tan\s+pronto|apenas|assim\s+que|des\s+que"
    # Something forgotten last night is news, not a request ("anoche se me olvidó iniciar la sesión").
    r"|se\s+me\s+olvido|me\s+olvide|j'ai\s+oublie|hab\w*\s+(?:\w+\s+){0,3}vergessen|esqueci|anoche"
    r"|dijo|dice\s+que|escribio|a\s+dit|dit\s+que|ecrit|sagte|sagt|schrieb|meinte|disse|falou|escreveu"
    r"|jaja\w*|jsjs\w*|mdr|ptdr|kkk+|rsrs\w*"  # jokes
    r"|luego|mas\s+tarde|manana|plus\s+tard|demain|spater|morgen|depois|mais\s+tarde|amanha|daqui\s+a"
    # What I will do; not going to bed, nor "I'll see you tomorrow": a goodbye is no plan for the request.
    # Nor how I will be ("I'll be busy with a commission", "I'm gonna be sweating in ranked"): a reason.
    r"|i'?m\s+(?:going\s+to|gonna)(?!\s+(?:bed|sleep|crash|eat|shower|log\s+off|head\s+(?:out|off|to\s+bed)"
    r"|go\s+(?:to\s+)?(?:bed|sleep|eat))|\s+be\s+(?!" + _DOING + r"))"
    r"|i'?ll(?!\s+see\s+(?:you|ya|u)\b|\s+be\s+(?!" + _DOING + r"))|i\s+will(?!\s+be\s+(?!" + _DOING + r"))"
    # Going to bed is a goodbye in these languages too ("para la sesión, me voy a dormir").
    # Nor what I will be doing meanwhile ("..., vou ajudar ela", "voy a moderar allí"): a reason.
    r"|voy\s+a(?!\s+(?:dormir|acostarme|la\s+cama|ayudar\w*|moderar|estar|cenar|comer|descansar))"
    r"|je\s+vais(?!\s+(?:dormir|me\s+coucher|l'?aider|aider|moderer|etre))|ich\s+werde"
    r"|vou(?!\s+(?:dormir|deitar|ajudar|moderar|estar|ficar))"
    r"|en\s+\d+\s+min|dans\s+\d+|olvidalo|da\s+igual|laisse\s+tomber|vergiss|deixa\s+pra\s+la|esquece"
    r"|translate|traduce|traducir|traduceme|traduis|traduire|traduz|traduza|traduzir|ubersetz\w*"  # quoting
    # Told by someone else ("otra streamer me contó que publica el resumen ..."); a reminder asked for
    # later ("rappelle-moi vendredi de désactiver ...", "me lembra na sexta de desligar ..."); someday.
    r"|me\s+(?:conto|dijo|comento|conta|contou|disse|falou)|m'a\s+(?:dit|raconte)|hat\s+mir\s+(?:erzahlt|gesagt)"
    r"|rappelle[\s-]moi|recuerdame|recordame|erinnere?\s+mich|me\s+lembra|lembra[\s-]me|me\s+recorda"
    r"|remind\s+me|un\s+jour|algun\s+dia|irgendwann|um\s+dia|some\s*day|one\s+day(?!\s+(?:ago|later))"
    r")\b"
)
_IF = {
    "es": re.compile(r"\bsi\b"),
    "fr": re.compile(r"\bsi\b|\bs'il\b(?!\s+(?:te|vous)\s+plait)"),
    # "se faz favor", "se faz o favor" (Portugal's "please"), "se puder" (if you can: politeness) ask nothing.
    "pt": re.compile(r"\bse\b(?!\s+(?:(?:faz|fizer)\s+(?:o\s+)?favor|puder|possivel)\b)"),
}
# News of a change already made, by the streamer or anyone ("j'ai activé le warden hier", "mon modo a déjà
# désactivé le truc anti-spam", "hab den Warden ausgemacht", "mi mod ya lo ha apagado", "liguei o warden
# ontem", "o mod já desligou"): not a request.
_NEWS = {
    "fr": re.compile(
        r"\b(?:j'?ai|a|as|avons|avez|ont)\s+(?:deja\s+)?(?:\w+\s+){0,1}"
        r"(?:active|desactive|allume|eteint|coupe|arrete|lance)\b"
    ),
    "de": re.compile(
        r"\b(?:ich\s+)?(?:hab(?:e)?|hat|haben)\s+(?:\w+\s+){0,4}(?:aktiviert|deaktiviert|angemacht|ausgemacht"
        r"|eingeschaltet|ausgeschaltet|abgeschaltet|gestoppt|gestartet)\b"
    ),
    "es": re.compile(
        r"\b(?:he|has|ha|hemos|han|ya)\s+(?:\w+\s+){0,1}(?:activado|desactivado|apagado|encendido|activ[eé]"
        r"|desactiv[eé]|apagu[eé]|activo|desactivo|apago)\b"
    ),
    "pt": re.compile(
        r"\b(?:ja\s+|eu\s+)?(?:ativei|desativei|liguei|desliguei)\b"
        r"|\b(?:ja|ele|ela|eles|elas)\s+(?:\w+\s+){0,1}(?:ativou|desativou|ligou|desligou|ativaram|desativaram"
        r"|ligaram|desligaram)\b"
    ),
}
_POLITE = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bpls\b|\bplz\b|\bpuedes\b|\bpodrias\b|\bpor\s+favor\b"
    r"|\b(?:would\s+it\s+be|is\s+it)\s+possible\b|\bwondering\s+(?:if|whether)\b|\bare\s+(?:you|u)\s+able\b"
    r"|\bpeux[\s-]tu\b|\btu\s+peux\b|\bstp\b|\bkannst\s+du\b|\bkonntest\s+du\b|\bbitte\b|\bpode\b|\bpoderia\b"
    # The formal "could you": "¿Podría activar ...?", "Pourriez-vous ...?", "serait-il possible".
    r"|\bpodria\b|\bpourr(?:iez|ais)[\s-](?:vous|tu)\b|\bpouvez[\s-]vous\b|\bsvp\b|\bs'il\s+(?:vous|te)\s+plait\b"
    r"|\bseria\s+(?:posible|possivel)\b|\bserait[\s-]il\s+possible\b"
)


_NO = re.compile(r"\bno\b(?!\s+more\b)")
# "#4 is spam, no question about it", "stop now, no rush", "don't forget to ...": a "no" that insists or
# reassures, refusing nothing.
_INSISTING = re.compile(
    # "don't forget to post the ledger" asks for it.
    r"\b(?:don'?t|dont|do\s+not|never)\s+forget\s+to\b|\bif\s+(?:you|u)\s+(?:don'?t|dont|do\s+not|wouldn'?t)\s+mind\b|"
    r"\bno\s+(?:question|doubt|doubts|kidding|lie|cap|worries|worry|rush|hurry|pressure|problem|probs?)\b"
    r"(?:\s+about\s+it)?|\bwithout\s+(?:a\s+|any\s+)?doubt\b|\bsin\s+duda\b|\bsem\s+duvida\b"
    r"|\bohne\s+(?:jeden\s+)?zweifel\b"
    # "after 5 mins of no msgs": the quiet the hearthkeeper waits for, described.
    r"|\bof\s+no\s+(?:msgs?|messages|chat|chatting|talking|activity|one\s+talking)\b"
    # "could I see the report? not sure if it's ready yet": unsure of the thing asked for, refusing nothing
    # (a doubt still holds a change: `_guards`).
    r"|\bnot\s+(?:really\s+|quite\s+)?sure\s+(?:if|whether)\s+(?:it'?s|it\s+is|its|they'?re|there'?s|there\s+is"
    r"|there\s+are)\s+(?:ready|done|finished|there|up|out|any|anything)\b"
)


# "I don't want the X tonight, turn it off": a wish against the mode, then the request itself.
_UNWANTED = re.compile(
    r"\b(?:no\s+quiero|ya\s+no\s+quiero|(?:je\s+)?(?:ne\s+)?veux\s+(?:plus|pas)|j'?en\s+veux\s+plus"
    r"|(?:ich\s+)?will\s+(?:kein\w*|nicht)|nao\s+quero|(?:eu\s+)?nao\s+quero)\b"
)
_THEN_OFF = re.compile(
    r"[,.;!]\s*(?:(?:por\s+favor|porfa|stp|bitte|pfv)\s+)?(?:apagal[oa]|apagalo|quital[oa]|quitalo|desactival[oa]"
    r"|eteins[\s-]l[ea]|coupe[\s-]l[ea]|desactive[\s-]l[ea]|vire[\s-]l[ea]|mach\s+(?:ihn|sie|es)\s+aus"
    r"|schalt\w*\s+(?:ihn|sie|es)\s+aus|desliga(?:\s+(?:ele|ela))?|tira(?:\s+(?:ele|ela))?|desativa(?:\s+(?:ele|ela))?)"
    r"[\s!.]*(?:por\s+favor|porfa|stp|bitte|pfv)?[\s!.]*$"
)
_NEGATED_REASON = re.compile(
    r"(?:\b(?:don'?t|dont|do\s+not|no\s+longer)\s+(?:really\s+)?(?:need|want|use)\b[^,.;!?]*?\banymore"
    r"|\b(?:never|didn'?t|didnt|did\s+not)\s+(?:got|get|arrived?|came|come|show(?:ed)?|post(?:ed)?|went|go)\b"
    r"[^,.;!?]*"
    r"|\bno\s+more\s+\w+[^,.;!?]*"  # "no more prompts when chat dies, switch that off"
    # "won't need the reply bot tonight, mute it", "the pinger isn't needed. turn it off"
    r"|\b(?:don'?t|dont|do\s+not|won'?t|wont|will\s+not)\s+(?:really\s+)?need\s+(?:the|a|an|my|any|that)\b[^,.;!?]*"
    r"|\b(?:isn'?t|is\s+not|aren'?t|are\s+not)\s+needed\b[^,.;!?]*"
    # "I don't want it answering everyone tonight, mute it", "I can't read chat, what's going on?"
    r"|\b(?:don'?t|dont|do\s+not)\s+want\s+(?:it|them|him|her|the\s+\w+)\s+\w+ing\b[^,.;!?]*"
    r"|\b(?:can'?t|cant|cannot|can\s+not)\s+(?:read|see|keep\s+up|follow|check|look)\b[^,.;!?]*"
    # "don't post to discord anymore, forget the webhook": what is no longer wanted, then the request.
    r"|\b(?:don'?t|dont|do\s+not)\s+post\b[^,.;!?]*?\b(?:anymore|any\s+more)\b"
    # "I don't want to lose regulars over it, so please turn it off": not wanting something else.
    r"|\b(?:don'?t|dont|do\s+not)\s+want\s+to\s+(?!(?:turn|switch|stop|start|disable|enable|post|remove"
    r"|delete|change|set|end|pause|mute)\b)\w+[^,.;!?]*"
    r"|\b(?:i'?m|im|i\s+am)\s+(?:just\s+|really\s+|honestly\s+)?not\s+(?:feeling|into|enjoying|liking)\b[^,.;!?]*)"
    # What follows is the request, not another refusal ("i'm not feeling it, don't stop").
    r"(?=\s*[,.;!]+\s*(?!(?:but\s+|so\s+|just\s+)?(?:don'?t|dont|do\s+not|never|no|not)\b)\w)"
    # After the request too: "delete the webhook, i dont want ledgers posted anymore", "turn off the
    # librarian, i never use the clips".
    # With no stop between, only with its subject: "turn off the recap writer i dont need a report".
    r"|(?:[,.;!?]\s*|\s(?=(?:i|we)\s+(?:don'?t|dont|do\s+not|never|barely|rarely|hardly|no\s+longer)\b)"
    r"|\s(?=(?:and\s+)?(?:can'?t|cant|cannot)\s+(?:read|see|keep\s+up|follow)\b))"
    r"(?:(?:i|we)\s+)?(?:(?:don'?t|dont|do\s+not|no\s+longer)\s+(?:really\s+)?(?:need|want|use)\b"
    r"[^,.;!?]*?\b(?:anymore|any\s+more)"
    # "..., a raid is coming in and I don't want it answering everyone", "..., I'm mid-boss and can't read it"
    r"|(?:don'?t|dont|do\s+not)\s+want\s+(?:it|them|him|her|the\s+\w+)\s+\w+ing\b[^,.;!?]*"
    r"|(?:and\s+)?(?:can'?t|cant|cannot)\s+(?:read|see|keep\s+up|follow)\b[^,.;!?]*"
    # "..., i don't need a report", "it's not needed tonight", "i'm not feeling photogenic".
    r"|(?<=i\s)(?:don'?t|dont|do\s+not)\s+(?:really\s+)?need\s+(?:a|an|the|any|it|them|that|those|one)\b[^,.;!?]*"
    r"|(?:it'?s|its|that'?s|thats)\s+not\s+needed\b[^.;!?]*"
    r"|(?:i'?m|im|i\s+am)\s+not\s+(?:feeling|in\s+the\s+mood)\b[^,.;!?]*"
    r"|(?:never|barely|rarely|hardly|don'?t|dont|do\s+not)\s+(?:really\s+|even\s+)?(?:use|need|look\s+at|read"
    r"|check|watch)\b[^,.;!?]*"
    # "remove the webhook, we're not using that server anymore": the reason is what they no longer do.
    r"|(?:we'?re|we\s+are|i'?m|im|i\s+am)\s+not\s+(?:using|reading|watching|checking|looking\s+at)\b[^,.;!?]*"
    # "..., ya no lo necesito", "..., não quero mais que vc poste nada", "..., ich brauch den nicht mehr".
    r"|(?:ya\s+)?no\s+(?:lo\s+|la\s+|los\s+)?(?:necesito|uso|quiero|utilizo)\b[^,.;!?]*"
    r"|(?:je\s+)?(?:ne\s+)?(?:l'|le\s+|la\s+)?(?:utilise|sers|veux)\s+(?:plus|pas|jamais)\b[^,.;!?]*"
    r"|(?:eu\s+)?(?:ja\s+)?nao\s+(?:uso|preciso|quero|utilizo)\b[^,.;!?]*"
    r"|(?:ich\s+)?(?:brauch|nutz|will|benutz)\w*\s+(?:\w+\s+){0,2}(?:nicht|kein\w*)\s+mehr\b[^,.;!?]*)"
    r"\W*$"
)
# What the streamer could not do or see, why they ask ("no he podido leerlo", "não consigo ler o chat",
# "j'ai pas le temps de lire", "mientras no estaba", "no vi nada", "no lo aguanto"): no refusal. Only
# reading, seeing and being there: "no puedo parar" still says not to stop.
_COULD_NOT = re.compile(
    r"\bno\s+(?:he\s+podido|puedo|pude|alcanzo\s+a)\s+(?:leer\w*|ver\w*|seguir\w*)"
    r"|\bnao\s+(?:consigo|consegui|pude|posso)\s+(?:ler|ver|acompanhar)"
    r"|\bpas\s+(?:le\s+temps\s+de|pu)\s+(?:lire|suivre|regarder)|\bpas\s+suivi"
    r"|\b(?:kann|konnte)\s+(?:\w+\s+){0,2}nicht\s+(?:lesen|sehen|folgen|mitlesen)"
    r"|\b(?:mientras|cuando)\s+(?:yo\s+)?no\s+estaba|\benquanto\s+(?:eu\s+)?nao\s+estava"
    r"|\bno\s+(?:vi|he\s+visto)\s+nada|\bnao\s+vi\s+nada|\bno\s+(?:lo|la)\s+aguanto|\bnao\s+aguento"
)
# A guard word typed with a slip ("nufca", "nevr", "jamias", "trdduce"): a harmless line stays harmless.
# One slip anywhere; two when the word is one the model never saw ("nrcut" for "nicht"). The first
# letter is kept, as it is in most slips.
_LONG_NEGATIONS = ("never", "nunca", "jamas", "jamais", "niemals", "nicht")
_QUOTING = ("translate", "traduce", "traducir", "traduis", "traduire", "traduz", "traduza", "ubersetze")
_NOT_SLIPS = frozenset(
    {
        "neuer",
        "newer",
        "night",
        "nacht",
        "nichts",
        "nueva",
        "nuevo",
        "nueve",
        "nove",
        "neun",
        "trade",
        "trace",
        "train",
    }
)


def _edits(word: str, target: str) -> int:
    """Letters to drop, add, change or swap to turn `word` into `target` (Damerau-Levenshtein)."""
    before = list(range(len(target) + 1))
    prior = before
    for i, a in enumerate(word, 1):
        row = [i] + [0] * len(target)
        for j, b in enumerate(target, 1):
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (a != b))
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                row[j] = min(row[j], prior[j - 2] + 1)
        prior, before = before, row
    return before[-1]


def _slipped(norm: str, targets: tuple[str, ...]) -> bool:
    for word in re.findall(r"[a-z]+", norm):
        if len(word) < 4 or word in targets or word in _NOT_SLIPS:
            continue
        for target in targets:
            if word[0] != target[0] or abs(len(word) - len(target)) > 2:
                continue
            distance = _edits(word, target)
            if distance == 1 or (distance == 2 and len(target) >= 5 and not _known(word)):
                return True
    return False


def _known(word: str) -> bool:
    """True when the shipped model saw `word` in its corpus (without a model, every word is known)."""
    model = shipped()
    return model is None or model.familiar(word) >= 1.0


def negated(text: str, language: str | None) -> bool:
    """True when the message says not to ("don't", "no pares", "ne ... pas", "nicht", "não")."""
    norm = unaccented(text)
    if _UNWANTED.search(norm) and _THEN_OFF.search(norm):
        # "no quiero el warden esta noche, apágalo": not wanting it is the reason, not a refusal; any
        # other negation in the message still counts.
        norm = _UNWANTED.sub(" ", norm)
        norm = re.sub(r"\b(?:ne|n'|ya)\b", " ", norm)
    # "the ledger never got to discord, resend it", "dont need the webhook anymore, delete it": a
    # negated reason, then the request in a sentence of its own; the reason's negation is no refusal.
    norm = _NEGATED_REASON.sub(" ", norm)
    norm = _NOT_NEEDED_AFTER.sub(" ", _ANY_OLD.sub(" ", norm))
    norm = _COULD_NOT.sub(" ", norm)
    # "after 25 minutes not 15": a contrast between two values, not a refusal.
    norm = _CONTRAST.sub(" ", norm)
    norm = _INSISTING.sub(" ", norm)
    # "estás vigilando o no?", "t'écoutes ou pas ?": a question asked both ways, refusing nothing.
    norm = _EITHER_WAY.sub(" ", norm)
    if language == "fr":
        norm = _FRENCH_DONT.sub(" ", norm)  # "les sujets dont le chat a parlé": "of which", no "don't"
    # In Portuguese "no" is "in the" ("no canal"); elsewhere it is a no.
    return bool(
        _NEGATION.search(norm) or (language != "pt" and _NO.search(norm)) or _slipped(norm, _LONG_NEGATIONS)
    )


def could_not(clause: str) -> bool:
    """True for a clause that says what the streamer could not read, see or stand (see `_COULD_NOT`)."""
    return bool(_COULD_NOT.search(unaccented(clause)))


def insists(clause: str) -> bool:
    """True for a clause that opens with a "no" of insistence or reassurance ("no question about it")."""
    return bool(_INSISTING.match(unaccented(clause).strip()))


def either_way(text: str) -> bool:
    """True for a question asked both ways ("estás vigilando o no?", "or not?"): no refusal in its "no"."""
    return bool(_EITHER_WAY.search(unaccented(text)))


# "we don't need the webhook anymore", "not using the reply bot any more", "den Webhook brauchen wir nicht
# mehr", "não uso mais aquele webhook": the thing no longer needed, which asks for it gone.
_NO_LONGER_NEEDED = re.compile(
    r"\b(?:(?:don'?t|dont|do\s+not|doesn'?t|not)\s+(?:need|use|using|want|needing)|no\s+need\s+for)\b"
    r"[^.!?]{0,40}?\b(?:any\s*more|no\s+more)\b"
    r"|\bno\s+longer\s+(?:need|use|using|want)\b"
    r"|\bbrauch\w*\s+(?:wir|ich)\s+nicht\s+mehr\b|\bnicht\s+mehr\s+(?:brauch|benutz|nutz)\w*|\bkeine\s+\w+\s+mehr\b"
    r"|\bnao\s+(?:uso|usamos|preciso|precisamos)\s+mais\b|\bya\s+no\s+(?:uso|usamos|necesito|necesitamos)\b"
    r"|\bn'?(?:ai|avons)\s+plus\s+besoin\b"
    # What it did, not wanted any more: "don't post anything there anymore", "ya no publiques en discord".
    r"|\b(?:don'?t|dont|do\s+not|stop)\s+(?:post|send|posting|sending)\w*\b[^.!?]{0,40}?\b(?:any\s*more|no\s+more)\b"
    r"|\bya\s+no\s+(?:publiques|publiquen|mandes|envies|postees?)\b"
    # "nous ne voulons plus de publications", "ya no queremos", "não quero mais", "wir wollen keine mehr".
    r"|\bne\s+(?:veux|voulons|voulez|veut)\s+plus\b|\bn'en\s+(?:veux|voulons)\s+plus\b"
    r"|\bya\s+no\s+(?:quiero|queremos)\b|\bnao\s+(?:quero|queremos)\s+mais\b"
    r"|\b(?:will|wollen|mochte|mochten)\s+(?:\w+\s+){0,4}?(?:nicht|keine\w*)\s+(?:\w+\s+){0,3}?mehr\b"
    # "já não publico nada no Discord", "ya no publico ahí", "je ne poste plus rien": the streamer's own
    # use of it over, the reason for taking it away.
    r"|\b(?:ja\s+nao|ya\s+no)\s+(?:publico|posteo|posto|envio|mando|uso|utilizo|necesito|preciso)\b"
    r"|\bne\s+(?:publie|poste|partage|utilise|envoie)\s+plus\b"
)


def no_longer_needed(text: str) -> bool:
    """True for "we don't need the webhook anymore" and its kind: a "not" that asks for a thing removed."""
    return bool(_NO_LONGER_NEEDED.search(unaccented(text).lower()))


# "no highlights tonight thx, turn that off": what a mode finds, not wanted for a while, and switched off.
_NO_FINDS = re.compile(
    r"^\W*no\s+(?:more\s+)?(?:highlights|clips|clip\s+candidates|flags|reports?|recaps?)\s+(?:for\s+)?"
    r"(?:tonight|today|now|this\s+stream|anymore)\b"
)


def mode_unwanted(text: str) -> bool:
    """True for "no steward tonight", "no more warden", "no more dead chat pings": the mode, not wanted,
    is what is asked for. Described, only by what it posts (pings, prompts, replies), and only when
    that describes one mode: "no more spam" wishes for something, it switches nothing off; by what it
    finds ("no highlights tonight"), only with a word that switches it off."""
    plain = unaccented(text)
    return (
        bool(_NO_MODE.search(plain))
        or (bool(_NO_MORE_POSTS.search(plain)) and len(modes_named(plain)) == 1)
        or (bool(_NO_FINDS.search(plain.lower())) and _SWITCH_OFF.search(plain.lower()) is not None)
    )


# A reason that says something of the streamer, chat or the thing switched, negated ("I'm not going to look
# at it", "nobody reads it", "it's not needed"): no refusal of the request before it, which it names no mode
# or session of ("..., not the steward" and "..., I don't want the session stopped" still refuse).
_SAID_OF_ITSELF = re.compile(
    r"^\W*(?:i|i'?m|im|i've|we|we're|it|it'?s|its|they|they're|chat|nobody|no\s+one)\b"
    r"(?![^.?!]*\b(?:warden|steward|hearthkeeper|librarian|scribe|session|chronicl\w*|stop\w*|start\w*)\b)",
    re.IGNORECASE,
)


def said_of_itself(reason: str) -> bool:
    """True for a reason, negated or not, that speaks of the streamer, chat or the thing (see above)."""
    return _SAID_OF_ITSELF.match(reason) is not None


# Verbs that switch a thing one way, in the five languages (accents dropped): "turn X on", "enable",
# "reactiva", "allume", "schalt X ein", "liga"; "turn X off", "mute", "apaga", "enleve", "mach X aus",
# "desliga". Every switch in the blind DEV sets that says one way says the way its writer meant.
_SWITCH_ON = re.compile(
    r"\b(?:re-?enabl\w*|enabl\w*|re-?activat\w*|activat\w*|(?:turn|switch)\s+(?:\S+\s+){0,3}?on"
    # "resume", not the summary ("o resumo", "el resumen", "le résumé").
    r"|(?<!le\s)(?<!the\s)(?<!un\s)resum(?:e|es|ed|ing)\b|weck\w*|wake\s+(?:\S+\s+){0,4}?up"
    r"|unpaus\w*|unmut\w*|(?:re)?activ(?:a|ar|alo|ala|ez|er)\b|enciend\w*|prend\w*|arranc\w*|allum\w*|rallum\w*|(?:re)?mets|relanc\w*|pon(?:me|lo|la)?|bota|coloca"
    r"|aktivier\w*|einschalt\w*|schalt\w*\s+(?:\S+\s+){0,4}?(?:ein|an)|mach\w*\s+(?:\S+\s+){0,4}?an"
    r"|anmach\w*|anschalt\w*|(?:re)?ativ(?:a|ar|e|em)\b|(?:re)?liga\w*"
    r"|ouvr\w*|ouvre|open)\b"  # "ouvre le scribe pour ce live", "open the warden again"
)
_SWITCH_OFF = re.compile(
    r"\b(?:disabl\w*|deactivat\w*|(?:turn|switch|shut)\s+(?:\S+\s+){0,3}?off|paus\w*|mute\w*"
    r"|(?<!more\s)(?<!of\s)(?<!the\s)silenc(?:e|es|ed|ia)\b|ditch\w*|nix|scrap|get\s+rid\s+of|kill\w*"
    r"|desactiv\w*|apag\w*|quita\w*|calla(?:lo|la|te)?\b|eteins|eteindre|coupe\w*|enleve\w*|retire\w*|deaktivier\w*"
    r"|ausschalt\w*|schalt\w*\s+(?:\S+\s+){0,4}?(?:aus|ab)|mach\w*\s+(?:\S+\s+){0,4}?aus|ausmach\w*"
    r"|abschalt\w*|desativ\w*|deslig\w*|ferm(?:e|ez|er)|close|(?:hit|put|pump)\s+the\s+brakes)\b"
)


# Put to sleep with a verb that otherwise puts on: "mets en sourdine le bot", "ponlo en silencio", "deixa
# em mudo"; and "stummschalten", "sourdine" alone.
_MUTED = re.compile(
    r"\b(?:re)?(?:mets|mettre|met|pon|ponlo|ponla|poner|coloca|deixa|deixar|bota)\s+(?:\S+\s+){0,5}?(?:en|em)\s+"
    r"(?:sourdine|pause|pausa|silencio|mudo|veille)\b|\bstumm\w*|\bsourdine\b"
    # "mets le warden off pour tonight", "pon el bot off": the verb that puts, then English "off".
    r"|\b(?:mets|met|mettre|pon|ponlo|ponla|poner|bota|coloca|mach)\s+(?:\S+\s+){0,4}?off\b"
)


# Turning off, stopped: "stop disabling the steward", "hör auf, die Antworten abzuschalten", "deja de
# apagar el bot": the mode back on.
_OFF_UNDONE = re.compile(
    # "end the hearthkeeper's vacation": its rest is what ends.
    r"\bend\s+(?:the\s+|my\s+)?[\w-]+(?:\s+[\w-]+)?(?:'s)?\s+(?:vacation|break|rest|nap|holiday|time\s*out|day\s+off)\b"
    r"|\b(?:stop|quit)\s+(?:disabling|muting|pausing|silencing|killing|(?:turning|switching|shutting)\s+(?:\S+\s+){0,3}?off)\b"
    r"|\bun-?(?:disabl|mut|paus)\w*"
    r"|\bho(?:e)?r\w*\s+(?:bitte\s+|mal\s+)?auf\b[^.!?]{0,40}?\b(?:ab|aus)zu(?:schalten|machen)\b"
    r"|\bdeja\s+de\s+(?:apagar|desactivar|silenciar|quitar)\b|\barrete\w*\s+de\s+(?:desactiver|couper|eteindre)\b"
    r"|\bpar[ae]\s+de\s+(?:desligar|desativar|apagar)\b"
)
# A mode asked to do its job: "Can the scribe write a report for tonight only?", "could the reply bot answer
# people tonight": on.
_DO_ITS_JOB = re.compile(
    r"\b(?:can|could|will|would)\s+(?:the|my|your)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:write|answer|reply|catch|flag|ping"
    r"|nudge|find|save|post|make)\b"
    # ... for a while said: "can the reply bot read links" asks what it can do, not for it on.
    r"(?=[^.!?]*\b(?:tonight|this\s+stream|for\s+now|from\s+now\s+on|today)\b)"
)
# Wanted back: "bring the quiet-chat prompt back", "I want the clip finder back", "we need the scam detector
# tonight" (a want is a way only where nothing says off).
_BACK = re.compile(r"\bbring\s+(?:\S+\s+){0,4}?back\b|\b(?:want|need)\s+(?:\S+\s+){0,4}?back\b|\bback\s+on\b")
_WANTED = re.compile(
    r"(?<!n't\s)(?<!not\s)(?<!dont\s)(?<!no\s)\b(?:we|i)\s+(?:really\s+)?(?:need|want)\s+(?:the|my|our|that)\b"
)

_DESCRIBING_VERB = re.compile(
    r"\b(?:thing|one|bot|truc|machin|feature|tool|mode|part|function|fonction|helper|robot|outil)\s+"
    r"(?:qui|that|which|who)\s+(?:\w+ly\s+)?\w+(?:\s+(?:on|off|up|in))?\b"
)
_NOT_WANTED_ON = re.compile(
    r"\b(?:don'?t|do\s+not|no\s+longer)\s+(?:want|need)\s+(?:[^\s.!?,;]+\s+){0,5}?on\b"
    r"(?=\s*(?:$|[.!?,;]|any\s*more|tonight|now|again|for\b))"
)
_OFF_WORD = re.compile(
    r"\b(?:off|aus|apagad\w*|desligad\w*|desactivad\w*|desativad\w*|eteint\w*|gone|away)\b"
)


def off_undone(text: str) -> bool:
    """True when turning something off is what is to stop ("stop disabling the steward"): a switch on."""
    return _OFF_UNDONE.search(unaccented(text.lower())) is not None


def switch_said(text: str) -> Literal["mode.enable", "mode.disable"] | None:
    """The way a DM's switching verbs turn a mode ("mode.enable" or "mode.disable"), or None when they
    say neither or both ("don't disable it, enable it"); "mets en pause" puts it off, "stop disabling it"
    on."""
    # "le truc qui relance le chat", "the thing that turns on when chat dies": a verb describing a mode.
    plain = _DESCRIBING_VERB.sub(" ", unaccented(text.lower()))
    undone = _OFF_UNDONE.search(plain) is not None
    plain = _OFF_UNDONE.sub(" ", plain)
    muted = _MUTED.search(plain) is not None
    on = undone or _BACK.search(plain) is not None or _SWITCH_ON.search(_MUTED.sub(" ", plain)) is not None
    on = on or _DO_ITS_JOB.search(plain) is not None
    if _NOT_WANTED_ON.search(plain):
        return "mode.disable"  # "I don't want the auto-reply thing on anymore"
    off = muted or _SWITCH_OFF.search(plain) is not None
    off = off or mode_unwanted(plain)  # "no more chat prompts from now on"
    on = on or (not off and _WANTED.search(plain) is not None and _OFF_WORD.search(plain) is None)
    if on == off:
        return None
    return "mode.enable" if on else "mode.disable"


_UNLINK = re.compile(
    r"\b(?:disconnect\w*|unlink\w*|desconect\w*|deconnect\w*|desvincul\w*|delier|trenn\w*|abmeld\w*|revok\w*)\b"
    # "desliga a ligação à minha conta": the link turned off, in European Portuguese.
    r"|\bdeslig\w*\s+(?:a\s+)?ligacao\b|\bcorta\w*\s+(?:a\s+)?ligacao\b"
)
# Not "connected", "linked": what was done ("I linked the wrong account, disconnect it"), not asked.
_LINK = re.compile(r"\b(?:re)?(?:connect|link)(?:s|ing)?\b|\b(?:re)?(?:conect|vincul|verbind)\w*")


def twitch_way(text: str) -> Literal["twitch.connect", "twitch.disconnect"] | None:
    """Which way a DM's verbs take the Twitch connection ("I linked the wrong account, disconnect it":
    disconnect), or None when they say neither or both."""
    plain = unaccented(text.lower())
    unlink = _UNLINK.search(plain) is not None
    link = _LINK.search(_UNLINK.sub(" ", plain)) is not None
    if unlink == link:
        return None
    return "twitch.disconnect" if unlink else "twitch.connect"


def way_after_refusal(text: str, language: str | None) -> Literal["mode.enable", "mode.disable"] | None:
    """The way a DM switches a mode after a part that refuses the other way ("no apagues el detector,
    enciéndelo", "don't turn the warden on, i said off"): the last part that says a way and is not itself
    negated, when a part before it refuses the opposite; None otherwise ("do not, under any circumstances,
    turn off the warden" refuses the very switch it goes on to name)."""
    parts = [part.strip() for part in _PARTS_OF.split(text) if part.strip()]
    for at in range(len(parts) - 1, 0, -1):
        way = switch_said(parts[at]) or _particle_way(parts[at])
        if way is None:
            continue
        if negated(parts[at], language):
            return None
        refused = [switch_said(part) for part in parts[:at] if negated(part, language)]
        return way if any(other not in (None, way) for other in refused) else None
    return None


def _particle_way(part: str) -> Literal["mode.enable", "mode.disable"] | None:
    """The way a short part says with a particle alone ("i said off", "AN!")."""
    if len(part.split()) > _SHORT_PART:
        return None
    particles = set(re.findall(r"\b(?:on|off|an|aus)\b", part.lower()))
    if particles in ({"off"}, {"aus"}):
        return "mode.disable"
    if particles in ({"on"}, {"an"}):
        return "mode.enable"
    return None


_PARTS_OF = re.compile(r"[,;.!?—–:]+")
_SHORT_PART = 4


def negated_reason(text: str) -> bool:
    """True when the message gives a negated reason before its request ("dont need the webhook anymore,
    delete it") or, in the other languages, after it ("coupe le scribe ce soir, pas besoin de rapport"):
    the rules then see a negated clause that refuses nothing."""
    plain = unaccented(text)
    return bool(_NEGATED_REASON.search(plain) or _NOT_NEEDED_AFTER.search(plain))


# After the request, what is not needed or not wanted by someone, in the five languages: "..., pas besoin
# de rapport", "..., não vou precisar do relatório", "..., no lo necesito", "..., brauch ich nicht", "...?
# my mods don't want it". What it says of the thing is the reason for switching it off, no refusal.
_NOT_NEEDED_AFTER = re.compile(
    r"[,.;!?]\s*(?:(?:pas|plus)\s+besoin\b|(?:j'?|je\s+)?n'?(?:en\s+)?ai\s+pas\s+besoin\b"
    r"|nao\s+(?:vou\s+)?precis\w*|no\s+(?:lo\s+|la\s+)?(?:necesito|necesitamos|hace\s+falta|voy\s+a\s+necesitar)"
    r"|brauch\w*\s+(?:ich|wir)\s+(?:\w+\s+)?(?:nicht|kein\w*)|(?:ich|wir)\s+brauch\w*\s+(?:\w+\s+)?(?:nicht|kein\w*)"
    r"|(?:my|our)\s+\w+\s+(?:don'?t|dont|do\s+not)\s+(?:want|like|need)\s+(?:it|them|that)\b)[^,.;!?]*"
)
# "il raconte n'importe quoi" (it says any old thing): no "ne ... pas".
_ANY_OLD = re.compile(r"\bn'importe\s+(?:quoi|qui|quand|comment|ou)\b")


# Words that ask for a change, in the five languages (stems, accents dropped): a DM that names a mode or
# the webhook without any of them ("the quiet chat prompts are cute", "mi webhook se rompió") states
# something, it asks for nothing.
_ACTION = re.compile(
    # Whole words, short ones that would otherwise start unrelated words ("go" in "good", "an" in "and").
    r"\b(?:on|off|end|go|use|run|log|set|put|back|again|no\s+more|an|aus|ein|los|weg|pon|tira|usa|mets|lie"
    r"|kill|mute|drop|wipe|keep|leave|gone|stfu|shush|wake|be\s+quiet|quiet\s+down|get\s+rid|without"
    r"|pare|parar|paren|ya\s+no|nao\s+post\w*|no\s+publiques|plus\s+de|veux|will|still\s+sein|kein\w*)\b"
    r"|^\s*no\b|(?:^|[,.;!]\s*)para\b|\bponte\b|\bremets\b|\ben\s+marche\b"
    # "snooze it", "hold the librarian for a bit" (not "hold on"), "stand down the warden", "the scribe can
    # sit this one out", "the warden can chill", "mutea al bot", "ponme el que avisa de estafas"
    r"|\b(?:snooz\w*|hush|stand\s+down|sit\s+(?:this\s+one\s+|it\s+)?out|mute\w*|muta|ponme|ponle)\b"
    r"|\b(?:can|should|could|to)\s+chill\b|\bchill\s+out\b"  # not "a chill stream"
    r"|\bhold\b(?!\s+(?:on|up)\b)"
    # Stems: the word may go on ("disabl" in "disable", "disabling"); "re" before one is allowed ("reactive").
    r"|\b(?:re)?(?:start|stop|enabl|disabl|activ|deactiv|turn|switch|toggl|unmute|silenc|paus|resum|unpaus"
    r"|bring|remov|delet|clear|reset|unset|unhook|chang|make|updat|wait|want|need|shut|fire|spin|kick|begin"
    r"|launch|record|track|chronicl|post|send|shar|push|connect|disconnect|unlink|link|forget|wrap|finish"
    r"|enough|ditch|cancel|hide|block|break|close"
    # es / pt
    r"|desactiv|ativ|desativ|apag|enciend|prend|liga|deslig|quit[ae]|borr|elimin|deten|empiez|empez|comienz"
    r"|inici|termin|comec|cambi|muda|coloc|calla|calle|cala\b|silenci|vuelv|volt|grab|grav|mand|envi|publi"
    r"|conect|desconect|vincul|configur|defin|quier|quer[oe]|cheg|bast|deja|dale|libre|olvid|esquec|quiet[oa]"
    r"|encerr|cierr|fech[ae]|esper[ae]|arranc|sub[ea]\b|subi"
    # fr
    r"|allum|rallum|eteins|eteindre|coupe|arret|demarr|commenc|lance|relance|enlev|supprim|retir|mettre|utilis"
    r"|envoi|envoy|balanc|deconnect|vire|tais|effac|oubli|chope|ferme|attend"
    # de
    r"|schalt|mach|aktivier|deaktivier|stopp|beend|hor\w*\s+auf|losch|loesch|entfern|stell|setz|nutz|verwend|schick"
    r"|verbind|trenn|verknupf|brauch|ruhe|pausier|lauf|raus|nimm|vergiss|schliess|wart|anfang|fang\w*\s+an|veroffentlich"
    r"|aufh(?:o|oe)r|aufzuh(?:o|oe)r|hau\b"
    # de, a separable verb written whole: "ausschalten", "anmachen", "abstellen", "stummschalten"
    r"|(?:aus|ein|an|ab|stumm)(?:schalt|mach|stell))"
)


# A change asked for in the passive: "I'd like the report to be sent over to Discord".
_PASSIVE = re.compile(r"\b(?:to\s+be|be|get)\s+(?:sent|posted|shared|switched|turned)\b")


def asks_for_change(text: str) -> bool:
    """True when a message has a word that asks for a change (see `_ACTION`), in any of the languages."""
    plain = _DESCRIBING_VERB.sub(" ", unaccented(text))
    return bool(_ACTION.search(plain) or _PASSIVE.search(plain))


def doubted(text: str, language: str | None) -> bool:
    """True for a hedge, condition, reported speech, joke, retraction or "later" in any of the languages."""
    norm = unaccented(text)
    if _DOUBTS.search(norm) or _slipped(norm, _QUOTING):
        return True
    return any(
        pattern is not None and pattern.search(norm) is not None
        for pattern in (_IF.get(language or ""), _NEWS.get(language or ""))
    )


# A mode described by when it acts ("el que avisa cuando el chat está muerto", "o que manda mensagem quando
# o chat fica parado", "le truc qui relance le chat quand c'est mort"): the "when" is what it does, no
# condition on the request.
_WHEN_IT_ACTS = re.compile(
    r"\b(?:que|qui)\s+(?:[^\s,.;!?]+\s+){0,4}?(?:cuando|quando|quand|lorsque)\s+[^,.;!?]*"
    # "le message automatique quand le chat est calme", "the prompt when chat is dead": the bot's message
    # named by when it comes.
    r"|\b(?:message|mensaje|mensagem|aviso|prompt|nachricht|ping|nudge)s?\s+(?:\w+\s+){0,2}?"
    r"(?:cuando|quando|quand|lorsque|wenn|when)\s+[^,.;!?]*"
    # "the thing that pings chat when it's dead", "stop posting prompts when chat is quiet"
    r"|\b(?:that|which)\s+(?:[^\s,.;!?]+\s+){0,4}?when\s+[^,.;!?]*"
)


def mode_described_by_when(text: str) -> str:
    """The text without a mode's description by when it acts (see `_WHEN_IT_ACTS`), for the doubt check
    of a mode change; any other "when" stays a condition."""
    return _WHEN_IT_ACTS.sub(" ", unaccented(text))


# German's "could you" read with its umlaut: without it, "konnten sie" is "were they able to", "wurden
# sie" "were they" (as in "wurden sie gebannt?"), questions about chatters.
_POLITE_GERMAN = re.compile(
    r"\bk(?:ö|oe)nnten\s+sie\b|\bw(?:ü|ue)rden\s+sie\b|\bw(?:ü|ue)rdest\s+du\b|\bw(?:ä|ae)re\s+es\s+m(?:ö|oe)glich\b"
)


def bare_question(text: str) -> bool:
    """ "turn off the warden?": may ask whether to, not ask to; "can you ...?" is only manners."""
    norm = unaccented(text).rstrip()
    return norm.endswith("?") and not _POLITE.search(norm) and not _POLITE_GERMAN.search(text.lower())


# What each mode does, as streamers say it (stems, accents dropped), after its own name.
_MODE_STEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "warden",
        re.compile(
            r"\bwarden|scam|spam|estafa|arnaque|betrug|golpe|flagg|phish|sketchy|viewbot|bot[\s-]detector"
            r"|link\s+(?:guard|check(?:er|ing)?|scan(?:ner|ning)?)|guardian|guardiao|gardien|wachter|\bvigilante\b|\bvigia\b|pega[\s-]?bots?"
            r"|\bmod(?:eration|erator)?\s*(?:ro)?bot"  # "the mod robot" (Twitch's AutoMod is not ours)
            r"|\bbot[\s-]?(?:spotter|catcher|hunter|finder|checker)"
        ),
    ),
    (
        "hearthkeeper",
        re.compile(
            r"\bhearth|\bidle|quiet|dead[\s-]chat|inacti|tranquil|calme|leerlauf|anstup|parado|quieto|nudg"
            r"|\bping(?:s|er|ers|ing)?\b|reviv|wakes?\s+(?:chat|it)\s+up|\bpok(?:e|es|ing)\b|chat\s+poker|chat\s+starter"
            # "the ice breaker", "the silence trigger", "a conversation prompt", "prompting my viewers"
            r"|silence\s+(?:timer|trigger)|ice[\s-]?breaker|conversation\s+(?:prompt|starter)"
            r"|prompting\s+(?:my\s+|the\s+)?(?:viewers|chat)|gentle\s+(?:message|prompt|nudge)"
            r"|(?:chat|quiet|dead|idle)[\s-]+(?:chat\s+)?reminder|stiller?\s+chat|chat\s+(?:muerto|morto|mort)"
            r"|chat\s+(?:esta|ta|fica|se\s+queda|est|ist)\s+(?:muerto|morto|mort|callad\w*|parado|quiet\w*|calme"
            r"|silencieux|tot|ruhig)|relanceur|chat[\s-]*wecker|wiederbeleb|veilleur|puxa\s+assunto"
            # its setting: "tiempo de silencio", "temps de silence", "Ruhezeit", "bei totem Chat"
            r"|(?:de|of|du|da|do)\s+(?:\w+\s+)?silen(?:cio|ce)\b|\bstille\b|ruhezeit|wartezeit|\btote[mnr]?\s+chat"
            r"|inativ|relancer?\s+le\s+chat|silence\s+(?:time|period)|chat\s+prompts?\b"
            # "the chat prompter", "the thing that makes chat feel less dead", "breaks the silence"
            r"|chat\s+(?:prompter|greeter|reviver)|less\s+dead|keeps?\s+chat\s+(?:from\s+dying|alive|going)"
            r"|breaks?\s+the\s+silence|restarts?\s+(?:the\s+)?chat|stillem\s+chat"
            # "the silence thing", "drop a prompt in chat", "the prompt thing when chat is dead", "le délai de
            # relance du chat", "the 'chat is quiet' prompt"
            r"|silen(?:ce|t)\s+(?:thing|bot|feature|one|timer)|prompts?\s+(?:in|into|to)\s+(?:the\s+)?chat"
            r"|prompt\s+thing|relance\s+du\s+chat|chat\s+is\s+(?:quiet|dead|silent)\W+prompt"
        ),
    ),
    (
        "librarian",
        re.compile(
            r"\blibrar|highlight|\bclip|destacad|destaque|moments?\s+forts|\bmoments?\b|archiv|discussion"
            r"|melhores\s+momentos|mejores\s+momentos|besten\s+momente"
            r"|debate|bibliothecaire|archiviste|bibliothekar|bibliotecari"
        ),
    ),
    (
        "steward",
        re.compile(
            r"\bsteward|\brepl(?:y|ies|ier|ying)|answer|respon|respuest|repons|repond|antwort|respost|auto[\s-]?respond"
            r"|q\s*&\s*a|mention|when\s+people\s+@|contest"
        ),
    ),
    (
        "scribe",
        re.compile(
            r"\bscribe|ledger|recap|summar|report|wrap[\s-]?up|write[\s-]?up|writes?\s+up\b|escritor|redacteur"
            r"|protokollschreiber|relatorio|rapport|resumen|resumo|bericht|zusammenfassung|\b(?:el|al|del|o|ao|do)\s+escriba\b|informe"
            # French "le résumé" (unaccented it is English "resume": only with its article), "le bilan".
            r"|\b(?:le|du|un|ce)\s+resume\b|\bbilan\b"
        ),
    ),
)
_SELF = re.compile(r"\b(?:warden|steward|hearthkeeper|librarian|scribe)\b")
# Their names translated, as streamers writing the other languages call them ("liga o bibliotecário",
# "coupe le gardien", "desativa o guardião"): names, not descriptions of what a mode does.
_SELF_TRANSLATED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("warden", re.compile(r"\b(?:gardien|guardiao|guardian|wachter|waechter)\b")),
    ("librarian", re.compile(r"\b(?:bibliotecari[oa]|bibliothecaire|bibliothekar(?:in)?)\b")),
    # "el escriba", not "sin que nadie escriba" (without anyone writing)
    ("scribe", re.compile(r"\b(?:(?:el|al|del|o|ao|do)\s+escriba|escribano)\b")),
)


def modes_called(text: str) -> list[str]:
    """The modes a message calls by their names ("warden", "el bibliotecario"), not by what they do."""
    plain = unaccented(text)
    called = _SELF.findall(plain)
    lowered = plain.lower()
    called += [mode for mode, name in _SELF_TRANSLATED if name.search(lowered)]
    return list(dict.fromkeys(called))


def modes_named(text: str) -> list[str]:
    """The modes a message names or describes, by name first; several when it is unclear which."""
    return list(_modes_named(text))


@lru_cache(maxsize=4096)  # asked of the same text by many rules and guards in one parse
def _modes_named(text: str) -> tuple[str, ...]:
    """`modes_named`, as a tuple the cache can hand out again."""
    norm = unaccented(text)
    named = tuple(dict.fromkeys(_SELF.findall(norm)))
    if named:
        return named
    return tuple(mode for mode, stem in _MODE_STEMS if stem.search(norm))


_TONIGHT = re.compile(
    r"\b(?:tonight|tonite|tn|this\s+stream|this\s+session|for\s+now|for\s+today|for\s+the\s+night|esta\s+noche|por\s+hoy|hoy"
    r"|ce\s+soir|pour\s+ce\s+soir|pour\s+aujourd'hui|heute(?:\s+abend)?|fur\s+heute|hoje(?:\s+a\s+noite)?"
    r"|esta\s+live|por\s+hoje|pour\s+la\s+soiree|(?:juste\s+)?pour\s+(?:ce|cette)\s+(?:stream|live|session)"
    r"|fur\s+heut\w*\s+abend|(?:nur\s+)?fur\s+(?:diesen|dieses|diese)\s+(?:stream|live|session)"
    r"|so\s+(?:pra|para|nesta|nessa)\s+(?:essa\s+|esta\s+)?live|(?:solo\s+)?(?:para|en)\s+(?:este|el)\s+directo"
    r"|solo\s+hoy|solo\s+por\s+hoy|a\s+soir|nur\s+heut\w*|fur\s+heut\w*"
    r"|(?:solo|so|juste|nur)\s+(?:para|pra|por|pour|fur)\s+(?:este|esta|esse|essa|ce|cette|diesen|dieses)\s+"
    r"(?:stream|live|directo|transmision|transmissao|session|noche|noite|soir)"
    r"|(?:for\s+)?the\s+rest\s+of\s+(?:the|this|tonight'?s?)\s+(?:night|stream|evening|session|broadcast)"
    r"|(?:for\s+)?(?:just\s+|only\s+)?this\s+evening|por\s+(?:ahora|agora|enquanto|este\s+(?:stream|directo))"
    r"|pour\s+l'?instant|pour\s+ce\s+live|fur\s+jetzt|(?:nesta|nessa|neste)\s+(?:live|stream)"
    r"|(?:just|only)\s+(?:for\s+)?today)\b"
)
_ALWAYS = re.compile(
    r"\b(?:for\s+good|permanently|forever|always|from\s+now\s+on|(?:going|moving)\s+forward|from\s+here\s+on"
    r"|para\s+siempre|pour\s+de\s+bon|dauerhaft"
    r"|fur\s+immer|para\s+sempre|de\s+vez|de\s+ahora\s+en\s+adelante|a\s+partir\s+de\s+(?:ahora|agora|maintenant)"
    r"|pour\s+toujours|definitivement|ab\s+jetzt|ab\s+sofort|pra\s+sempre|siempre|sempre|immer"
    r"|de\s+(?:facon|forma|maneira|manera)\s+permanente|permanente(?:ment)?|daqui\s+(?:pra|para)\s+frente"
    r"|de\s+agora\s+em\s+diante|desormais|dorenavant|von\s+jetzt\s+an|in\s+zukunft|kunftig|permanent"
    r"|(?:for\s+)?all\s+(?:my\s+)?future\s+streams|keep\s+it\s+on|by\s+default|as\s+(?:the\s+)?default"
    r"|any\s*more|no\s+longer)\b"
)


def scope(text: str) -> str | None:
    """ "tonight" for "for tonight"/"this stream", "always" for "for good", else None."""
    norm = fix_time_words(unaccented(text))
    if _TONIGHT.search(norm):
        return "tonight"
    if _ALWAYS.search(norm):
        return "always"
    return None


# Common streamer cities and zone abbreviations (accents dropped), each to its IANA zone.
_CITIES: dict[str, str] = {
    "london": "Europe/London",
    "londres": "Europe/London",
    "dublin": "Europe/Dublin",
    "paris": "Europe/Paris",
    "lyon": "Europe/Paris",
    "marseille": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "munich": "Europe/Berlin",
    "munchen": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "koln": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "wien": "Europe/Vienna",
    "vienna": "Europe/Vienna",
    "viena": "Europe/Vienna",
    "zurich": "Europe/Zurich",
    "geneva": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "madrid": "Europe/Madrid",
    "barcelona": "Europe/Madrid",
    "valencia": "Europe/Madrid",
    "sevilla": "Europe/Madrid",
    "lisbon": "Europe/Lisbon",
    "lisboa": "Europe/Lisbon",
    "porto": "Europe/Lisbon",
    "rome": "Europe/Rome",
    "roma": "Europe/Rome",
    "milan": "Europe/Rome",
    "amsterdam": "Europe/Amsterdam",
    "brussels": "Europe/Brussels",
    "bruxelles": "Europe/Brussels",
    "bruselas": "Europe/Brussels",
    "stockholm": "Europe/Stockholm",
    "oslo": "Europe/Oslo",
    "copenhagen": "Europe/Copenhagen",
    "helsinki": "Europe/Helsinki",
    "warsaw": "Europe/Warsaw",
    "prague": "Europe/Prague",
    "athens": "Europe/Athens",
    "istanbul": "Europe/Istanbul",
    "moscow": "Europe/Moscow",
    "kyiv": "Europe/Kyiv",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    "nueva york": "America/New_York",
    "boston": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "toronto": "America/Toronto",
    "montreal": "America/Toronto",
    "quebec": "America/Toronto",
    "chicago": "America/Chicago",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "austin": "America/Chicago",
    "denver": "America/Denver",
    "phoenix": "America/Phoenix",
    "los angeles": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "vancouver": "America/Vancouver",
    "portland": "America/Los_Angeles",
    "mexico city": "America/Mexico_City",
    "ciudad de mexico": "America/Mexico_City",
    "cdmx": "America/Mexico_City",
    "bogota": "America/Bogota",
    "lima": "America/Lima",
    "santiago": "America/Santiago",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "sao paulo": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
    "tokyo": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "shanghai": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong",
    "singapore": "Asia/Singapore",
    "manila": "Asia/Manila",
    "bangkok": "Asia/Bangkok",
    "jakarta": "Asia/Jakarta",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "dubai": "Asia/Dubai",
    "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth",
    "auckland": "Pacific/Auckland",
    "honolulu": "Pacific/Honolulu",
    "anchorage": "America/Anchorage",
    "cairo": "Africa/Cairo",
    "johannesburg": "Africa/Johannesburg",
    "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi",
    "utc": "UTC",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "aest": "Australia/Sydney",
    "jst": "Asia/Tokyo",
    "brt": "America/Sao_Paulo",
}
# Words a DM says for something else, though the zone database has a place by that name.
_NOT_CITIES = frozenset(
    "center|resolute|regina|creston|marengo|virgin|vevay|petersburg|monticello|jersey|currie|lindeman"
    "|yancowinna|broken hill|beulah|new salem|tell city|knox in|winamac|vincennes|shiprock|santa isabel"
    "|busingen".split("|")
)


def _zone_cities() -> dict[str, str]:
    """The cities the IANA database names ("Asia/Kolkata" is Kolkata) on the five continents, each to its
    zone; none when the database is missing (the table above still reads)."""
    try:
        zones = sorted(available_timezones())
    except OSError:
        return {}
    cities: dict[str, str] = {}
    for zone in zones:
        area, _, place = zone.partition("/")
        city = unaccented(place.rsplit("/", 1)[-1].replace("_", " ").lower())
        if area in _CONTINENTS and len(city) >= 5 and city not in _NOT_CITIES:
            cities.setdefault(city, zone)
    return cities


_CONTINENTS = frozenset({"Africa", "America", "Asia", "Australia", "Europe"})
# The table's typos are corrected ("Torontto"); the database's cities are only read as written.
_LONG_CITIES = [city for city in _CITIES if len(city) >= 5 and " " not in city]
_CITIES = {**_zone_cities(), **_CITIES}
_CITY = re.compile(r"\b(" + "|".join(sorted((re.escape(c) for c in _CITIES), key=len, reverse=True)) + r")\b")
_IANA = re.compile(r"\b([A-Za-z]+(?:/[A-Za-z_+\-]+){1,2})\b")


@lru_cache(maxsize=256)
def _exists(zone: str) -> bool:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def time_zones(text: str) -> list[str]:
    """The IANA zones a message names, as an IANA name or a city or abbreviation; checked with zoneinfo."""
    found = [m for m in _IANA.findall(text) if "//" not in m and _exists(m)]
    if not found and not _CITY.search(unaccented(text)):
        # "Torontto", "Mogtreal": a misspelt city of the table, when only one is that close.
        for word in re.findall(r"[a-z]{5,}", unaccented(text)):
            near = difflib.get_close_matches(word, _LONG_CITIES, n=2, cutoff=0.8)
            # One slip in a short word, two in a long one, as for keywords: German "gestern" is no "eastern".
            if len(near) == 1 and edit_distance(word, near[0]) <= (2 if len(word) >= 8 else 1):
                found.append(_CITIES[near[0]])
    weak: list[str] = []
    if not found:
        # "LA" and "EST" count at once only in capitals: "la" is an article in three of the languages,
        # "est" is French for "is" ("mon fuseau c'est Paris").
        for match in _CITY.finditer(unaccented(text)):
            city = match[1]
            if city in ("la", "est") and not re.search(rf"\b{city.upper()}\b", text):
                weak.append(city)
                continue
            found.append(_CITIES[city])
        if not found and weak:
            found.append(_CITIES[weak[0]])  # "set tz la": Los Angeles when nothing else is named
    return [zone for zone in dict.fromkeys(found) if _exists(zone)]


_SMALL_NUMBERS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "sesenta": 60,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "soixante": 60,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "funf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "funfzehn": 15,
    "zwanzig": 20,
    "dreissig": 30,
    "vierzig": 40,
    "sechzig": 60,
    "um": 1,
    "dois": 2,
    "quatro": 4,
    "sete": 7,
    "oito": 8,
    "nove": 9,
    "dez": 10,
    "vinte": 20,
    "trinta": 30,
    "quarenta": 40,
    "sessenta": 60,
    # The teens of each language; not "once" (Spanish 11, English "once"), "elf", "seize".
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "dix-sept": 17,
    "dix-huit": 18,
    "dix-neuf": 19,
    "zwolf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
    "doze": 12,
    "treze": 13,
    "dezesseis": 16,
    "dezessete": 17,
    "dezoito": 18,
    "dezenove": 19,
}
_NUMBER = re.compile(r"\b(\d{1,4}|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + r")\b")
_MINUTE_UNIT = re.compile(r"^\s*(?:m|min|mins|minutes?|minutos?|minuten?)\b")
_HOUR_UNIT = re.compile(r"^\s*(?:h|hrs?|hours?|horas?|heures?|stunden?)\b")


# Parts of an hour said in words: "half an hour", "media hora", "une demi-heure", "eine Viertelstunde".
_PARTS_OF_AN_HOUR: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:three\s+quarters\s+of\s+an\s+hour|tres\s+cuartos\s+de\s+hora|trois\s+quarts\s+d'heure"
            r"|dreiviertelstunde|tres\s+quartos\s+de\s+hora)\b"
        ),
        "45 min",
    ),
    (
        re.compile(
            r"\b(?:half\s+an\s+hour|half\s+hour|media\s+hora|meia\s+hora|(?:une\s+)?demi[\s-]heure"
            r"|halbe[nr]?\s+stunde)\b"
        ),
        "30 min",
    ),
    (
        re.compile(
            r"\b(?:(?:a\s+)?quarter\s+(?:of\s+)?an?\s+hour|cuarto\s+de\s+hora|quart\s+d'heure|quarto\s+de\s+hora"
            r"|viertelstunde)\b"
        ),
        "15 min",
    ),
    (re.compile(r"\b(?:an\s+hour|una\s+hora|une\s+heure|eine[rn]?\s+stunde|uma\s+hora)\b"), "60 min"),
)
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "zwanzig": 20,
    "dreissig": 30,
    "vierzig": 40,
    "vinte": 20,
    "trinta": 30,
    "quarenta": 40,
}
_UNITS = {
    word: value for word, value in _SMALL_NUMBERS.items() if 1 <= value <= 9 and word not in ("un", "um")
}
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORDS = "|".join(_TENS)
# "twenty-five", "vinte e cinco", "treinta y cinco", "vingt-cinq", "veinticinco", "fünfundzwanzig".
_COMPOUND = re.compile(
    rf"\b(?:(?P<tens>{_TENS_WORDS})(?:-|\s+(?:y|e|et|and)\s+|\s+)(?P<unit>{_UNIT_WORDS})"
    rf"|veinti(?P<veinti>{_UNIT_WORDS})|(?P<und>{_UNIT_WORDS})und(?P<zig>{_TENS_WORDS}))\b"
)


def _spelled(norm: str) -> str:
    """The text with parts of an hour and two-word numbers in digits."""
    for pattern, minutes_said in _PARTS_OF_AN_HOUR:
        norm = pattern.sub(minutes_said, norm)

    def total(match: re.Match[str]) -> str:
        if match["veinti"]:
            return str(20 + _UNITS[match["veinti"]])
        if match["und"]:
            return str(_TENS[match["zig"]] + _UNITS[match["und"]])
        return str(_TENS[match["tens"]] + _UNITS[match["unit"]])

    return _COMPOUND.sub(total, norm)


def _number_at(match: re.Match[str], norm: str) -> int | None:
    """The number `_NUMBER` matched in `norm`, or None for "un" that is an article, not "one minute"."""
    word = match[1]
    if word == "un" and not _MINUTE_UNIT.match(norm[match.end() :]):
        return None
    return int(word) if word.isdigit() else _SMALL_NUMBERS[word]


def in_digits(text: str) -> str:
    """The text lower-cased and unaccented, its numbers said in words in digits ("veinte minutos" is
    "20 minutos", "half an hour" "30 minutes")."""
    norm = _spelled(unaccented(text.lower()))

    def digits(match: re.Match[str]) -> str:
        value = _number_at(match, norm)
        return match[1] if value is None or match[1].isdigit() else str(value)

    return _NUMBER.sub(digits, norm)


def minutes(text: str) -> list[int]:
    """Every number in a message, as minutes (an hour unit multiplies by 60)."""
    norm = _spelled(unaccented(text))
    found: list[int] = []
    for match in _NUMBER.finditer(norm):
        if (value := _number_at(match, norm)) is None:
            continue
        found.append(value * 60 if _HOUR_UNIT.match(norm[match.end() :]) else value)
    return found


_STREAM = r"(?:stream|live|directo|sesion|sessao|session|transmision|transmissao|emission|sendung|emision)"
# "... du live", "... del directo", "... des Streams": the beginning of the stream in progress.
_OF_THIS_STREAM = (
    r"\s+(?:du|de\s+la|de\s+ce|de\s+cette|del|de\s+este|de\s+esta|do|da|deste|desta|des|der|vom|dieses)\s+"
    r"(?:stream|live|directo|sesion|sessao|session|transmision|transmissao|emission|sendung|emision|streams)"
)
_OF_THIS_STREAM_AHEAD = rf"(?!{_OF_THIS_STREAM})"
_RANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "all",
        re.compile(
            r"\b(?:de\s+siempre|desde\s+siempre|de\s+todos\s+los\s+(?:tiempos|streams|directos)|desde\s+el\s+principio"
            r"|depuis\s+(?:toujours|le\s+debut)|de\s+tous\s+les\s+(?:temps|streams|lives)|desde\s+sempre"
            r"|de\s+sempre|de\s+todas\s+as\s+lives|de\s+todos\s+os\s+tempos|aller\s+zeiten|egal\s+von\s+wann"
            r"|seit\s+(?:immer|beginn|anfang)|je\s+gesammelt|(?:alle[nr]?|jeden)\s+streams"
            r"|desde\s+(?:o|el)\s+(?:comeco|inicio|principio|comienzo))\b" + _OF_THIS_STREAM_AHEAD
        ),
    ),
    (
        "last",
        re.compile(
            r"\b(?:ultim[oa]s?|dernier|derniere|letzten?|vorigen|vorherigen)\s+"
            + _STREAM
            + r"|\b"
            + _STREAM
            + r"\s+(?:pasad[oa]|anterior|precedente?|d'avant|passad[oa]|de\s+antes)\b"
            r"|\b(?:do|da|del|de\s+la|du)\s+(?:anterior|precedent)\b"
            r"|\bque\s+(?:acaba\s+de\s+terminar|termine|termino|acabe|acabo|acabou|terminou)\b"
            # "los clips de anoche": last night's stream, as "last night" is in English.
            r"|\b(?:de\s+)?anoche\b"
            r"|\b" + _STREAM + r",?\s+(?:der|die|das)\s+(?:grad|gerade)\s+(?:zu\s+ende|vorbei)"
        ),
    ),
    (
        "current",
        re.compile(
            r"\b(?:esta\s+noche|ce\s+soir|heute\s+abend|hoje\s+a\s+noite|hasta\s+ahora|jusqu'ici|bisher|ate\s+agora"
            # "depuis le début du live", "desde el inicio del directo": tonight's stream, not all time.
            r"|(?:depuis\s+le\s+debut|desde\s+(?:o|el)\s+(?:comeco|inicio|principio|comienzo)|seit\s+(?:beginn|anfang))"
            + _OF_THIS_STREAM
            + r"|jusqu'a\s+maintenant|hasta\s+el\s+momento|ate\s+o\s+momento|en\s+curso|en\s+cours|em\s+curso"
            r"|(?:d|n)?(?:esta|essa)\s+noite|de\s+esta\s+noche"
            r"|(?:d|n)?(?:esta|essa|este|esse)\s+"
            + _STREAM
            + r"|(?:ce|cette)\s+"
            + _STREAM
            + r"|(?:de\s+)?(?:diesem|dieser|diesen|dieses)\s+"
            + _STREAM
            + r")\b"
        ),
    ),
    (
        "week",
        re.compile(
            r"\b(?:esta\s+semana|(?:cette|la)\s+semaine|diese[rn]?\s+woche|(?:d|n)?(?:esta|essa)\s+semana"
            r"|de\s+la\s+semana|der\s+(?:ganzen\s+|gesamten\s+)?woche|da\s+semana|de\s+la\s+semaine"
            r"|(?:de\s+)?toda\s+(?:la|a)\s+semana|na\s+semana|(?:de\s+)?toute\s+la\s+semaine"
            r"|die\s+ganze\s+woche"
            # "letzte Woche", "la semana pasada", "la semaine dernière", "semana passada": as "last week" is.
            r"|letzte[nr]?\s+woche|vergangene[nr]?\s+woche|la\s+semana\s+pasada|la\s+semaine\s+derniere"
            r"|(?:a|na|da)\s+semana\s+passada)\b"
        ),
    ),
    (
        "yesterday",
        # French "hier" after what it dates ("signalés hier", "des flags hier ?"); German "hier" is "here".
        re.compile(
            r"\b(?:ayer|gestern|ontem)\b|\bd'hier\b|\bhier\s+soir\b"
            r"|\b(?:signal\w*|flag\w*|clips?|stats?|messages?|eu|ete|depuis|parle|discute|dit|passe)\s+hier\b(?!\s+(?:ist|sind|im|in|bei|war|bin))"
        ),
    ),
    ("today", re.compile(r"\b(?:hoy|aujourd'hui|heute|hoje)\b")),
)


def range_named(text: str) -> str | None:
    """The range a non-English message names ("de ayer" is yesterday), or None."""
    norm = unaccented(text)
    for name, pattern in _RANGES:
        if pattern.search(norm):
            return name
    return None


_MODERATE_VERB = re.compile(
    r"\b(?:time\s*out|timeout|ban|permaban|kick|block|mute|banea|banear|expulsa|expulse|bannis|banne"
    r"|bane|wirf|timeoute|silencia)\b\s+(?:a\s+|o\s+|a\s+la\s+|al\s+|no\s+)?@?(\w+)",
)
_GIVE_TIMEOUT = re.compile(r"\b(?:a|à|no|al|gib)\s+@?([a-z0-9_]{3,25})\b")


_NAMED = re.compile(
    r"\b(?:named|called|llamad[oa]|chamad[oa]|nomme|namens"
    # "his name is fl0wgrind3r", "the user is yeetmaster_polly", "username's x"
    r"|(?:user\s*)?name\s+is|(?:user\s*)?name'?s|the\s+(?:user|account|chatter)\s+is)\s+@?([A-Za-z0-9_]{3,25})\b",
    re.IGNORECASE,
)
# "time out the user spamming caps, its l0udm0uth_larry": only a word only a login can be, as "it's spam"
# names nobody.
_ITS = re.compile(r"\bit'?s\s+@?([A-Za-z0-9_]*(?:\d|_)[A-Za-z0-9_]*)\b", re.IGNORECASE)


def login_named(text: str) -> str | None:
    """The login a message introduces by name ("the bot named free_stuff_4u", "un tal llamado x")."""
    match = _NAMED.search(text) or _ITS.search(text)
    return _login(match[1]) if match and 3 <= len(match[1]) <= 25 else None


def login_after_verb(text: str) -> str | None:
    """The chatter a moderation request names: "@x", "named x", or the word after "ban"/"timeout"/..."""
    if handle := re.search(r"@([A-Za-z0-9_]{3,25})\b", text):
        return _login(handle[1])
    if named := login_named(text):
        return named
    match = _MODERATE_VERB.search(text.lower())
    if match and match[1] not in _NOT_A_CHATTER and match[1] not in STOPWORDS and (login := _login(match[1])):
        return login
    return None


# Words after "ban"/"mute" that are no chatter's name ("mute the bot that talks in chat").
_NOT_A_CHATTER = frozenset(
    "the that this these those them him her it my a an all everyone chat me"
    # The same words in the other four languages ("ban moi ce relou de x", "dale timeout a ese boludo").
    " moi ce cet cette ces le la les lui ese esa eso este esta esos esas esse essa isso aquele aquela"
    " este esta el lo los las todos tout tous den die das diesen dieser alle ihn mir mich"
    " um uma un una une ein einen".split()
)


def not_a_chatter(word: str) -> bool:
    """True for a word after "ban" that names no chatter ("them", "moi", "ese"): someone described."""
    return word in _NOT_A_CHATTER


def _login(word: str) -> str | None:
    try:
        return normalize_login(word)
    except ValueError:
        return None


# Chronicling by a name of its own, not "the stream" or "live" (which the streamer starts and ends): "the
# chronicle", "el registro", "les notes", "die Aufzeichnung", "the session", watching or logging the chat.
_CHRONICLING_NAMES = (
    r"chron|cronic|regist|record|grab|aufzeichn|aufnahm|mitschr|mitzuschr|\blog(?:\b|ging)|track|watch|monitor"
    r"|vigil|surveill|uberwach|beobacht|acompanh|\banot|\bnotes?\b|\bnotas\b|session|sesion|sessao|\bsesh\b|sitzung"
)
# What a session is called: a request to start or stop must name it, or be the verb alone.
_SESSION_OBJECT = re.compile(
    # Beside chronicling's own names, the stream itself, what watching the chat is called elsewhere, and
    # words for everything.
    _CHRONICLING_NAMES
    + r"|chonic|\bs+e+s+|\bssh\b|strea|stram|stream|strim|\blive\b|directo|\bvivo\b|\blog(?!s\b)|sesh"
    r"|listen|everything|\ball\b|\btout\b|\btodo\b|\btudo\b"
    r"|\bsegui\w*\s+(?:el\s+|mi\s+)?chat|\bsigue\w*\s+(?:el\s+|mi\s+)?chat|\bsuivre\s+(?:le\s+|mon\s+)?(?:chat|stream)"
    r"|\bnoter\b|prendre\s+des\s+notes|\bgrava|aufnehm|\bdirect\b|en\s+vivo"
    r"|ao\s+vivo|transmi|\benregistr|\bchat\s+mit|ueberwach"
    # "start on my channel": the streamer's own channel is where a session runs.
    r"|\bon\s+my\s+(?:own\s+|main\s+)?(?:channel|twitch)\b"
)
# Typed with a slip ("ssion", "chorniclling", "reocrding"): still the session.
_SESSION_WORDS = (
    "session",
    "sesion",
    "sessao",
    "chronicle",
    "chronicling",
    "recording",
    "logging",
    "cronica",
)


def names_chronicling(text: str) -> bool:
    """True when a message names chronicling by a name of its own ("detén el registro", "stop the
    chronicle"), not only the stream (see `_CHRONICLING_NAMES`)."""
    return _CHRONICLING.search(unaccented(text)) is not None


_CHRONICLING = re.compile(_CHRONICLING_NAMES)


def names_session(text: str, *, short: bool = True) -> bool:
    """True when a message names the session ("the stream", "la sesión") or, when `short`, is one or
    two words (a bare "stop" means ours)."""
    plain = unaccented(text)
    if _SESSION_OBJECT.search(plain) or (short and len(plain.split()) <= 2):
        return True
    return any(_near(word, _SESSION_WORDS, 0.75) for word in re.findall(r"[a-z]+", plain))


_CHANNEL_LABEL = re.compile(r"\b(?:channel|canal|chaine|kanal)\s*[:=]")


_OWN_CHANNEL = re.compile(
    r"\b(?:my|mi|mon|ma|mein\w*|meu|minha|our)\s+(?:\w+\s+){0,2}(?:channel|canal|chaine|kanal|name|handle"
    r"|nom|nombre|nome)|\b(?:my|mi|mon|mein|meu|minha)\s+twitch\b|\bi\s+(?:stream|go)\s+(?:as|by)\b|\brenamed\b"
    # Stated as news: "new channel is x", "i stream on x now", "i moved to x", "channel changed to x".
    r"|(?:^|[,.;!?]\s*)new\s+(?:twitch\s+)?(?:channel|canal|chaine|kanal)\s+(?:is|=|:)|\bi\s+(?:now\s+)?stream\s+(?:on|at)\b"
    r"|\bi\s+moved\s+to\b|\b(?:channel|canal|chaine|kanal)(?:\s+name)?\s+(?:changed|is\s+now)\b"
    r"|(?:^|[,.;!?]\s*)(?:my\s+)?channel'?s\s+(?:\S+\s+)?now\b|\bi'?m\s+(?:now\s+)?streaming\s+(?:on|at|from)\b"
    # "the channel's called x now, i rebranded", "channel's changed to x", "the channel is x now, not y",
    # "neuer Kanalname: x", "troquei o nome do canal": the name changed, said as news.
    r"|\bchannel'?s\s+(?:changed|called|named)\b|\brebrand\w*|(?:^|[,.;!?]\s*)(?:the\s+)?channel\s+is\s+\S+\s+now\b"
    r"|\b(?:neue[rn]?\s+)?kanalname\b|\bneue[rn]?\s+kanal\b|\b(?:troquei|mudei|cambie)\s+(?:o\s+|el\s+)?nome?b?r?e?\s+d[oe]l?\s+canal\b"
)


_OWNER = frozenset("my mi mon ma mein meine meinen meu minha our".split())
_CHANNEL_WORDS = ("channel", "canal", "chaine", "kanal", "twitch")


def _near(word: str, targets: tuple[str, ...], ratio: float = 0.8) -> bool:
    """True when `word` is one of `targets` typed with a slip ("chanenl", "twich", "canl")."""
    if word in targets:
        return True
    return len(word) >= 4 and any(
        word[0] == t[0]
        and abs(len(word) - len(t)) <= 2
        and difflib.SequenceMatcher(None, word, t).ratio() >= ratio
        for t in targets
    )


def own_channel(text: str) -> bool:
    """True when the streamer speaks of their own channel ("my channel", "mi canal", "channel: x"),
    typos too ("my chanenl", "mi canl")."""
    plain = unaccented(text)
    if _OWN_CHANNEL.search(plain) or _CHANNEL_LABEL.search(plain):
        return True
    said = re.findall(r"[a-z]+", plain)
    return any(
        before in _OWNER and any(_near(w, _CHANNEL_WORDS) for w in said[at + 1 : at + 3])
        for at, before in enumerate(said)
    )


_TWITCH_OBJECT = re.compile(
    r"tw+i*t+c*h|channel|\bbot|account|canal|chaine|kanal|konto|conta|cuenta|compte|\bcuenta"
)


_CONNECTED = (
    "twitch",
    "channel",
    "account",
    "canal",
    "chaine",
    "kanal",
    "konto",
    "conta",
    "cuenta",
    "compte",
)


def names_twitch(text: str) -> bool:
    """True when a message names what is connected: Twitch, the channel, the bot account (typos too:
    "twich", "chnanel")."""
    plain = unaccented(text)
    if _TWITCH_OBJECT.search(plain):
        return True
    return any(_near(word, _CONNECTED, 0.75) for word in re.findall(r"[a-z]+", plain))


_BOT = re.compile(r"\bbot\b|\bbot's\b|\bbot-konto\b|\bdu\s+bot\b|\bdel\s+bot\b|\bdo\s+bot\b")


def grant(text: str) -> str:
    """ "bot" when the bot account is meant ("connect the bot account"), else the streamer's channel."""
    return "bot" if _BOT.search(unaccented(text)) else "broadcaster"

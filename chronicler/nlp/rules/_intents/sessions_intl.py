"""Starting and stopping chronicling asked in Spanish, French, German or Portuguese.

The English rules read "start"/"stop" by their tokens; in the other four languages the intent model reads
most requests, but a terse imperative ("arráncale", "leg los", "finaliza xfa") or a polite one ("¿podría
usted comenzar a registrar el directo?") is too short or too rare for it to be sure. Taken here: a verb
that starts or stops, leading its clause, whose object is ours (the bot, the chat, the session, "todo"),
beside news that the stream is live or over, or alone in a short DM. Never with a doubt or a "no" in the
request's clause, and never with another object ("lance le jeu" starts a game).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._intents._base import Candidate, one_login
from chronicler.nlp.rules._language import detect
from chronicler.nlp.rules._logins import channels, login_of, their_channel
from chronicler.nlp.rules._utterance import Utterance

# Accents dropped (`intl.unaccented`), lower case.
_OPENER = (
    r"(?:(?:oye|ey|wey|che|ya|bueno|ok|okay|vale|dale|bot|allo|yo|go|alors|bon|dis|hallo|hi|servus|moin|oi|ola"
    r"|buenas(?:\s+noches)?|boa\s+noite|bonsoir|bonjour|hola|mano|xfa|stp|bitte|por\s+favor|porfa|q\s+onda"
    r"|grueezi|gruezi|le\s+solicito\s+que|le\s+agradeceria\s+que|c'?est\s+bon|ya\s+parce|parce|uff)\W+)*"
)
_POLITE = (
    r"(?:(?:puedes|podes|podrias|podria(?:\s+usted)?|pode|poderia|peux[\s-]tu|tu\s+peux|pourriez[\s-]vous"
    r"|pouvez[\s-]vous|kannst\s+du|konnen\s+sie|chasch|vc\s+pode|voce\s+pode)\s+(?:bitte\s+|grad\s+|ya\s+)?)"
)
_START_VERBS = (
    r"arrancal[eo]|arranca|arranque|empieza|empeza|empiece|comienza|comenza|comience|inicia|inicie|prendete"
    r"|demarre|demare|lance|lancez|part|pars|commence|commencez|embarque"
    r"|starte|starten(?:\s+sie)?|leg\s+los|fang\s+an|fange\s+an|afange|beginne|beginnen"
    r"|comeca|comece|liga|comenzar|empezar|iniciar|arrancar|lancer|demarrer|commencer|anfangen|comecar"
)
_STOP_VERBS = (
    r"para|pare|paral[eo]|corta|corte|finaliza|finalice|termina|termine|apaga|detente|parar|finalizar|terminar"
    r"|arrete|arretez|stoppe|stopper|coupe|arreter|couper"
    r"|hor\s+auf|hor\s+uf|mach\s+aus|beende|beenden|aufhoren|stopp"
    r"|desliga|encerra|encerre|finalize|desligar|encerrar|ferme|fermez|cortamos|paramos"
    r"|dar\s+(?:um\s+)?stop|da\s+(?:um\s+)?stop|stop"
)
# What is ours to start or stop: the bot, the chronicle, the chat watched, the session, "everything".
_OURS = (
    r"(?:(?:el|la|le|l'|o|a|den|die|das|de|ao|al)\s*)?(?:bot|chronicler|chroniqueur|cronica|chronique|chronik"
    r"|sesion|session|sessao|registro|aufzeichnung|mitlesen|surveillance|suivi|ecoute\s+du\s+chat"
    r"|monitoramento|chat|todo|tout|alles|tudo|isso|eso|ca|das|la\s+sesion\s+de\s+registro)"
    r"(?:\s+(?:del?|du|do|da|im|von)\s+(?:chat|directo|stream|live))?"
)
# A gerund-like object of the polite form: "comenzar a registrar el directo", "começar a monitorar o chat".
_WATCH_VERBS = r"registrar|documentar|monitorar|monitorear|vigiar|vigilar|acompanhar|grabar|gravar"
_TO_WATCH = rf"(?:a\s+(?:{_WATCH_VERBS})\b[^,.;!?]*)"
# What stopping stops, said as the watching: "pode parar de ler o chat", "arrête de surveiller le chat".
_OF_WATCHING = (
    rf"(?:de\s+(?:{_WATCH_VERBS}|ler|leer|mirar|ver|olhar|seguir|surveiller|regarder|lire|suivre|ecouter)\b"
    r"[^,.;!?]*)"
)
_SOFT = (
    r"(?:\s+(?:ya|ahora|ahorita|nomas|maintenant|la|jetzt|grad|agora|ai|la\s+isso|xfa|porfa|por\s+favor|stp"
    r"|s'il\s+te\s+plait|bitte|pls|pfvr|che|wey|boludo|mano|kkk+|jaja\w*|tout\s+de\s+suite|desde\s+ya|mal"
    # "for today" in the four languages: "mach Schluss für heute", "corta por hoy", "arrête pour ce soir"
    r"|fur\s+heute|por\s+hoy|por\s+hoje|pra\s+hoje|pour\s+(?:ce\s+soir|aujourd'hui|a\s+soir)|aqui|aca))*"
)
_CLAUSE_END = r"\s*(?:$|[,.;!?]|\s(?:que|car|weil|porque|pq)\s)"
_VERB_CLAUSE = {
    action: re.compile(
        rf"(?:^|[,.;!?]\s*)[¿¡]?{_OPENER}{_POLITE}?(?P<verb>{verbs})"
        rf"(?P<ours>\s+{_OURS}|\s+{_TO_WATCH}|\s+{_OF_WATCHING})?{_SOFT}"
        rf"(?:\s+(?:en|sur|auf|no|na|em|on|uf)\s+(?:el\s+canal\s+|la\s+chaine\s+|den\s+kanal\s+|o\s+canal\s+)?"
        r"(?P<where>[a-z0-9_]{3,25}))?"
        rf"{_SOFT}{_CLAUSE_END}"
    )
    for action, verbs in (("start", _START_VERBS), ("stop", _STOP_VERBS))
}
# The stream said to be live or over, in the four languages.
_NEWS = {
    "start": re.compile(
        r"\b(?:(?:ya\s+)?(?:estoy|estamos)\s+(?:en\s+vivo|en\s+directo|al\s+aire|live|en\s+linea)|ya\s+prendi"
        r"|(?:je\s+suis|j'?suis|jsuis|chus|on\s+est)\s+(?:en\s+live|en\s+direct|en\s+ondes|live)"
        r"|c'?est\s+parti|(?:ich\s+)?bin\s+(?:jetzt\s+)?live|ich\s+bi\s+live|stream\s+lauft|geht\s+los"
        r"|(?:to|tou|estou|tamo|estamos)\s+(?:ao\s+vivo|em\s+live|live|em\s+direto)|live\s+on|ja\s+estou\s+em\s+direto)\b"
    ),
    "stop": re.compile(
        r"\b(?:se\s+acabo|(?:ya\s+)?(?:termine|acabe)|ya\s+no\s+estoy|(?:on\s+a|j'?ai)\s+fini|c'?est\s+fini"
        r"|(?:jsuis|je\s+suis)\s+plus\s+en\s+live|j'?ai\s+coupe|feierabend|(?:stream\s+ist\s+)?vorbei|fertig"
        r"|offline|terminei|acabou|acabei|encerrei|ja\s+era|c\s+fini|jsuis\s+off|je\s+suis\s+off)\b"
    ),
}
# "el bot que responde", "le bot qui répond", "der Bot, der antwortet": a mode described, not our bot.
_DESCRIBED = re.compile(r",?\s+(?:que|qui|der|die|das|that|which|do|da|de|del|du|pour|para|pra|fur)\b")
# Someone else's chat or channel: "el chat de mi compa", "la chaîne de mon pote", "den Chat von meinem
# Kumpel".
_SOMEONE_ELSES = re.compile(
    r"\b(?:de|do|da|del|du|von|vom|of|chez|bei)\s+(?:mi|mon|ma|meu|minha|mein\w*|my|sa|su|seu|sua|ihr\w*)\s+\w+"
)
_SHORT = 4  # words: "arráncale", "finaliza xfa", "fertig für hüt, hör uf"


def sessions_intl(u: Utterance) -> Iterator[Candidate]:
    """Start or stop, asked in one of the other four languages (see the module's docstring)."""
    language = detect(u.text)
    if language == "en" or u.found.quotes:
        return  # English is the English rules'; quoted chat asks nothing of us
    plain = intl.unaccented(u.text.lower())
    for action in ("start", "stop"):
        asked = _VERB_CLAUSE[action].search(plain)
        if asked is None:
            continue
        news = _NEWS[action].search(plain) is not None
        if not (asked["ours"] or news or len(plain.split()) <= _SHORT):
            return
        if asked["ours"] and asked["ours"].endswith("bot") and _DESCRIBED.match(plain, asked.end("ours")):
            return  # "apaga el bot que responde": the bot described is one of the modes
        request = plain[asked.start() : asked.end()]
        # A doubt anywhere ("en cuanto acabe esta partida, para la sesión"); a "no" only in the request
        # ("stop al bot, ya no estoy live" is news).
        if intl.doubted(plain, language) or intl.negated(request, language):
            return
        if action == "stop":
            yield Candidate("session", "stop", 0.9)
            return
        theirs = their_channel(u.text)
        named = (
            channels(u)
            or ([login_of(theirs)] if theirs else [])
            or ([login_of(asked["where"])] if asked["where"] else [])
        )
        if not named and _SOMEONE_ELSES.search(plain):
            return  # "el chat de mi compa ...", name unclear: not the streamer's own channel
        login, ask = one_login(named, "channel")
        if ask is not None:
            yield Candidate("session", "start", 0.9, ask=ask)
        elif login is not None:
            yield Candidate("session", "start", 0.9, {"channel": login})
        else:
            yield Candidate("session", "start", 0.9)
        return

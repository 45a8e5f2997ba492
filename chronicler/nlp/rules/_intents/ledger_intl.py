"""The ledger asked to be shown in Spanish, French, German or Portuguese: "envoie-moi le bilan ici", "me
manda o relatório aqui", "zeig mir den Bericht vom letzten Stream", "¿me enseñas el resumen?".

The intent model knows these words in English phrasings better than in these: it reads "envoie moi le
bilan ici" as nothing. A verb that shows or sends leading its clause, the ledger named within a few
words after it, and no Discord, server or webhook named (that is a post, left to the model and its
guards). Only ever shown here: a read, so a misreading costs a reply, never a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._intents._base import Candidate
from chronicler.nlp.rules._language import detect
from chronicler.nlp.rules._utterance import Utterance

_LEDGER = (
    r"(?:ledger|rapport|bilan|compte[\s-]rendu|resumen|reporte|informe|cronica|relatorio|resumo|bericht"
    r"|abschlussbericht|zusammenfassung)"
)
_SHOW = (
    r"(?:muestra\w*|ensena\w*|ensenas|mandame|me\s+mandas|me\s+manda|enviame|me\s+envias|pasame|me\s+pasas|dame"
    r"|affiche\w*|montre\w*|envoie[\s-]moi|envoye[\s-]moi|passe[\s-]moi|zeig\w*|schick\w*\s+mir|gib\s+mir"
    r"|mostra\w*|manda[\s-]me|envia[\s-]me|me\s+mostra)"
)
_ASKED = re.compile(
    r"(?:^|[,.;!?]\s*)[¿¡]?(?:(?:oye|hola|ok|bon|salut|allo|hallo|oi|ola|bitte|por\s+favor|porfa)\W+)*"
    rf"{_SHOW}\s+(?:[\w'-]+\s+){{0,3}}?{_LEDGER}\b"
)
_SESSION_OF = {"current": "current", "today": "current", "last": "last", "yesterday": "last"}
# Somewhere else it would go: then it is a post, for the model and its guards to read.
_ELSEWHERE = re.compile(r"\b(?:discord|server|servidor|serveur|webhook|canal|kanal|chaine|salon)\b")


def ledger_intl(u: Utterance) -> Iterator[Candidate]:
    """The ledger shown, asked in one of the other four languages (see the module's docstring)."""
    language = detect(u.text)
    plain = intl.unaccented(u.text.lower())
    if language == "en" or u.found.quotes or _ELSEWHERE.search(plain) or not _ASKED.search(plain):
        return
    if intl.doubted(plain, language) or intl.negated(plain, language):
        return
    # A ledger is a stream's: today's stream is the one in progress, yesterday's the last one.
    session = _SESSION_OF.get(intl.range_named(u.text) or "")
    slots = {"session": session} if session else {}
    yield Candidate("ledger", "show", 0.7, slots)

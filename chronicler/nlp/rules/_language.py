"""Which of the five languages a DM is written in, from the small words every sentence has, and from
the few marks only one of them writes ("¿", "ñ", "ß", "ã")."""

from __future__ import annotations

import re
from functools import lru_cache

from chronicler.contract.commands import Language
from chronicler.nlp.rules._model import normalize, words

# Accents dropped, as `_model.normalize` leaves words. A word in two lists counts for both.
_STOPWORDS: dict[Language, frozenset[str]] = {
    "en": frozenset(
        """the my is to you u what show turn off on please pls and it i me how did stop start can of for
        this that thanks thx what's whats are was been have with chat from which any were don't
        tonight today yesterday now more anything something so far just get got we our your ur
        im i'm be do does want need that's it's we're wrap""".split()
    ),
    "es": frozenset(
        """el la los las del que mi es por favor para en y hoy ayer muestrame esta estas como cuanto
        gracias hola una un lo al con apaga activa desactiva quita pon dame cual cuales quien eso porfa
        llevo estoy ya oye vale mis canal cambia tiempo silencio minutos ahora vivo directo arranca
        sesion voy vas puedes""".split()
    ),
    "fr": frozenset(
        """le la les du des est et je tu mon ma mes ce qu quoi pour sur merci salut stp une un pas ne il
        c'est qu'est-ce montre arrete eteins active desactive chaine ca fait j'ai moi fuseau silence delai
        temps relance""".split()
    ),
    "de": frozenset(
        """der die das den dem ist und ich du mein meine meinen nicht wie was von vom mit bitte danke
        hallo heute noch schalte aus ein zeig habe bin wer welche mach gib auf wieder ruhezeit kanal stille
        stunde minuten jetzt""".split()
    ),
    "pt": frozenset(
        """o a os as do da que meu minha e esta voce nao por favor para em hoje to oi valeu obrigado
        desliga liga mostra um uma no na tem cade quanto quais me pra tempo minutos agora direto
        quem foi falou essa esse isso ontem ficou depois vc mensagem pode""".split()
    ),
}
# Marks and accented words one language writes and its neighbours do not, read before accents are
# dropped: each counts as two small words. "¿qué me perdí?" is Spanish though "que" and "me" are
# Portuguese too; "não", "-ção" are Portuguese (not "ã" alone: "São Paulo"); "ß", "ä" German (not
# "ü": "Zürich").
_MARKS: dict[Language, re.Pattern[str]] = {
    "es": re.compile(r"[¿¡ñ]|\b(?:qué|cómo|cuándo|dónde|cuánto|cuál|cuáles|quién|estás|aquí|él)\b"),
    "pt": re.compile(r"ção\b|ções\b|\b(?:não|então|você|é|tá|já|só|até|também|silêncio|aí|tô)\b"),
    "de": re.compile(r"[ßä]"),
    "fr": re.compile(r"[èùœë]|\b(?:où|ça|été|très)\b"),
}
_MARK_WEIGHT = 2


# Words that alone tell no language: a bare "no" answering the bot's question was answered in Portuguese.
_ALONE_TELL_NOTHING = frozenset({"no", "si", "a", "o", "e"})


# A DM's parse asks this of the same text many times (each rule, each sentence): read once.
@lru_cache(maxsize=4096)
def detect(text: str) -> Language | None:
    """The language `text` is clearly in, or None when it is too short or mixed to tell."""
    found = words(normalize(text))
    said = [word for word in found if word.isalpha()]
    if len(said) == 1 and said[0] in _ALONE_TELL_NOTHING:
        return None
    lowered = text.lower()
    scores = {
        lang: sum(w in stop for w in found) + _MARK_WEIGHT * len(mark.findall(lowered) if mark else ())
        for lang, stop in _STOPWORDS.items()
        for mark in [_MARKS.get(lang)]
    }
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0 or top == second:
        return None
    return best

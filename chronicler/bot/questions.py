"""The parser's questions in the streamer's language: the parser asks in English, the bot translates.

    localise("Did you mean to turn off the warden?", "es")   # '¿Querías desactivar el warden?'
    localise("Did you mean to turn off the warden?", None)   # unchanged: English, or a language not here

The parser keeps its questions in English because it reads them back (a "yes" after "Did you mean to
...?" confirms exactly that phrase), so the translation happens here, at the last moment. Every
English template is taken from `chronicler.nlp.rules._wording` where it is a constant or a function,
so a rewording there stops matching here (and the tests say so) instead of drifting apart silently;
the few questions the intent rules write inline are copied, and the tests drive the real parser to
them. A question this module does not recognise in full is returned unchanged: never half-translated.

Product names (warden, Steward, ...), logins, zone names, URLs and numbers are carried over as they
are. Examples of what to type ("e.g. 'set my channel to pixel_wren'") stay in English, as in
`languages`: those are the commands every parser reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chronicler.bot.languages import ENGLISH, supported
from chronicler.nlp.rules import wording

# -- command phrases (`wording.describe`) -----------------------------------------------------------

# key -> language -> an infinitive phrase; English is what `describe` says. "{more}" is where a range
# or chatter goes (German puts the verb last); without it they go at the end.
PHRASES: dict[str, dict[str, str]] = {
    "start": {
        "en": wording.describe("session", "start", {}),
        "es": "empezar a registrar",
        "fr": "commencer la chronique",
        "de": "mit dem Mitschreiben anfangen",
        "pt": "começar a registrar",
    },
    "start_on_theme": {
        "en": wording.describe("session", "start", {"channel": "{channel}", "theme": "{theme}"}),
        "es": "empezar a registrar {channel} con el tema '{theme}'",
        "fr": "commencer la chronique de {channel} avec le thème '{theme}'",
        "de": "{channel} mit dem Thema '{theme}' mitschreiben",
        "pt": "começar a registrar {channel} com o tema '{theme}'",
    },
    "start_on": {
        "en": wording.describe("session", "start", {"channel": "{channel}"}),
        "es": "empezar a registrar {channel}",
        "fr": "commencer la chronique de {channel}",
        "de": "{channel} mitschreiben",
        "pt": "começar a registrar {channel}",
    },
    "start_theme": {
        "en": wording.describe("session", "start", {"theme": "{theme}"}),
        "es": "empezar a registrar con el tema '{theme}'",
        "fr": "commencer la chronique avec le thème '{theme}'",
        "de": "mit dem Thema '{theme}' mitschreiben",
        "pt": "começar a registrar com o tema '{theme}'",
    },
    "stop": {
        "en": wording.describe("session", "stop", {}),
        "es": "dejar de registrar",
        "fr": "arrêter la chronique",
        "de": "mit dem Mitschreiben aufhören",
        "pt": "parar de registrar",
    },
    "recap": {
        "en": wording.describe("session", "recap", {}),
        "es": "resumir el directo hasta ahora",
        "fr": "résumer le stream jusqu'ici",
        "de": "den Stream bisher zusammenfassen",
        "pt": "resumir a live até agora",
    },
    "status": {
        "en": wording.describe("session", "status", {}),
        "es": "comprobar si estoy registrando",
        "fr": "vérifier si la chronique est en cours",
        "de": "prüfen, ob ich mitschreibe",
        "pt": "verificar se estou registrando",
    },
    "mark_spam": {
        "en": wording.describe("flags", "review", {"item": "{item}", "verdict": "confirmed"}),
        "es": "marcar #{item} como spam",
        "fr": "marquer #{item} comme spam",
        "de": "#{item} als Spam markieren",
        "pt": "marcar #{item} como spam",
    },
    "mark_not_spam": {
        "en": wording.describe("flags", "review", {"item": "{item}", "verdict": "dismissed"}),
        "es": "marcar #{item} como no spam",
        "fr": "marquer #{item} comme non-spam",
        "de": "#{item} als kein Spam markieren",
        "pt": "marcar #{item} como não spam",
    },
    "mark_that_spam": {
        "en": wording.describe("flags", "review", {"verdict": "confirmed"}),
        "es": "marcar ese mensaje como spam",
        "fr": "marquer ce message comme spam",
        "de": "diese Nachricht als Spam markieren",
        "pt": "marcar essa mensagem como spam",
    },
    "mark_that_not_spam": {
        "en": wording.describe("flags", "review", {"verdict": "dismissed"}),
        "es": "marcar ese mensaje como no spam",
        "fr": "marquer ce message comme non-spam",
        "de": "diese Nachricht als kein Spam markieren",
        "pt": "marcar essa mensagem como não spam",
    },
    "flags": {
        "en": wording.describe("flags", "list", {}),
        "es": "mostrar los mensajes marcados",
        "fr": "afficher les messages signalés",
        "de": "die markierten Nachrichten{more} zeigen",
        "pt": "mostrar as mensagens marcadas",
    },
    "clips": {
        "en": wording.describe("clips", "list", {}),
        "es": "mostrar los candidatos a clip",
        "fr": "afficher les moments à clipper",
        "de": "die Clip-Kandidaten{more} zeigen",
        "pt": "mostrar os candidatos a clipe",
    },
    "blog": {
        "en": wording.describe("blog", "list", {}),
        "es": "mostrar las entradas del blog",
        "fr": "afficher les articles de blog",
        "de": "die Blogposts{more} zeigen",
        "pt": "mostrar os posts do blog",
    },
    "stats": {
        "en": wording.describe("stats", "show", {}),
        "es": "mostrar las estadísticas",
        "fr": "afficher les statistiques",
        "de": "die Statistiken{more} zeigen",
        "pt": "mostrar as estatísticas",
    },
    "ledger_show": {
        "en": wording.describe("ledger", "show", {}),
        "es": "mostrar el ledger",
        "fr": "afficher le ledger",
        "de": "das Ledger{more} zeigen",
        "pt": "mostrar o ledger",
    },
    "ledger_post": {
        "en": wording.describe("ledger", "post", {}),
        "es": "publicar el ledger",
        "fr": "publier le ledger",
        "de": "das Ledger{more} posten",
        "pt": "publicar o ledger",
    },
    "mode_on_tonight": {
        "en": wording.describe("mode", "enable", {"mode": "{mode}", "scope": "tonight"}),
        "es": "activar el {mode} por esta noche",
        "fr": "activer le {mode} pour ce soir",
        "de": "den {mode} für heute Abend einschalten",
        "pt": "ativar o {mode} por esta noite",
    },
    "mode_on": {
        "en": wording.describe("mode", "enable", {"mode": "{mode}"}),
        "es": "activar el {mode}",
        "fr": "activer le {mode}",
        "de": "den {mode} einschalten",
        "pt": "ativar o {mode}",
    },
    "mode_off_tonight": {
        "en": wording.describe("mode", "disable", {"mode": "{mode}", "scope": "tonight"}),
        "es": "desactivar el {mode} por esta noche",
        "fr": "désactiver le {mode} pour ce soir",
        "de": "den {mode} für heute Abend ausschalten",
        "pt": "desativar o {mode} por esta noite",
    },
    "mode_off": {
        "en": wording.describe("mode", "disable", {"mode": "{mode}"}),
        "es": "desactivar el {mode}",
        "fr": "désactiver le {mode}",
        "de": "den {mode} ausschalten",
        "pt": "desativar o {mode}",
    },
    "mode_configure": {
        "en": wording.describe("mode", "configure", {"mode": "{mode}", "idle_minutes": "{minutes}"}),
        "es": "poner el {mode} en {minutes} minutos",
        "fr": "régler le {mode} sur {minutes} minutes",
        "de": "den {mode} auf {minutes} Minuten stellen",
        "pt": "definir o {mode} para {minutes} minutos",
    },
    "mode_list": {
        "en": wording.describe("mode", "list", {}),
        "es": "mostrar los modos",
        "fr": "afficher les modes",
        "de": "die Modi auflisten",
        "pt": "listar os modos",
    },
    "set_channel": {
        "en": wording.describe("settings", "set_channel", {"channel": "{channel}"}),
        "es": "cambiar tu canal a {channel}",
        "fr": "définir votre chaîne sur {channel}",
        "de": "deinen Kanal auf {channel} setzen",
        "pt": "definir seu canal como {channel}",
    },
    "set_that_channel": {
        "en": wording.describe("settings", "set_channel", {}),
        "es": "cambiar tu canal a ese canal",
        "fr": "définir votre chaîne sur cette chaîne",
        "de": "deinen Kanal auf diesen Kanal setzen",
        "pt": "definir seu canal como esse canal",
    },
    "set_timezone": {
        "en": wording.describe("settings", "set_timezone", {"timezone": "{timezone}"}),
        "es": "poner tu zona horaria en {timezone}",
        "fr": "régler votre fuseau horaire sur {timezone}",
        "de": "deine Zeitzone auf {timezone} setzen",
        "pt": "definir seu fuso horário como {timezone}",
    },
    "set_that_timezone": {
        "en": wording.describe("settings", "set_timezone", {}),
        "es": "poner tu zona horaria en esa zona",
        "fr": "régler votre fuseau horaire sur ce fuseau",
        "de": "deine Zeitzone auf diese Zone setzen",
        "pt": "definir seu fuso horário como esse fuso",
    },
    "remove_webhook": {
        "en": wording.describe("settings", "remove_webhook", {}),
        "es": "quitar tu webhook",
        "fr": "retirer votre webhook",
        "de": "deinen Webhook entfernen",
        "pt": "remover seu webhook",
    },
    "set_webhook": {
        "en": wording.describe("settings", "set_webhook", {}),
        "es": "cambiar tu webhook a esa URL",
        "fr": "définir votre webhook sur cette URL",
        "de": "deinen Webhook auf diese URL setzen",
        "pt": "definir seu webhook como essa URL",
    },
    "connect_bot": {
        "en": wording.describe("twitch", "connect", {"grant": "bot"}),
        "es": "conectar la cuenta del bot",
        "fr": "connecter le compte du bot",
        "de": "das Bot-Konto verbinden",
        "pt": "conectar a conta do bot",
    },
    "connect_channel": {
        "en": wording.describe("twitch", "connect", {}),
        "es": "conectar tu canal de Twitch",
        "fr": "connecter votre chaîne Twitch",
        "de": "deinen Twitch-Kanal verbinden",
        "pt": "conectar seu canal da Twitch",
    },
    "disconnect_bot": {
        "en": wording.describe("twitch", "disconnect", {"grant": "bot"}),
        "es": "desconectar la cuenta del bot",
        "fr": "déconnecter le compte du bot",
        "de": "das Bot-Konto trennen",
        "pt": "desconectar a conta do bot",
    },
    "disconnect_channel": {
        "en": wording.describe("twitch", "disconnect", {}),
        "es": "desconectar tu canal de Twitch",
        "fr": "déconnecter votre chaîne Twitch",
        "de": "deinen Twitch-Kanal trennen",
        "pt": "desconectar seu canal da Twitch",
    },
    "moderate": {
        "en": wording.describe("moderate", None, {"username": "{username}"}),
        "es": "expulsar temporalmente o banear a {username}",
        "fr": "exclure temporairement ou bannir {username}",
        "de": "{username} timeouten oder bannen",
        "pt": "dar timeout ou banir {username}",
    },
    "moderate_someone": {
        "en": wording.describe("moderate", None, {}),
        "es": "expulsar temporalmente o banear a alguien del chat",
        "fr": "exclure temporairement ou bannir quelqu'un du chat",
        "de": "jemanden im Chat timeouten oder bannen",
        "pt": "dar timeout ou banir alguém do chat",
    },
    "link": {
        "en": wording.describe("link", None, {}),
        "es": "vincular tu cuenta",
        "fr": "lier votre compte",
        "de": "dein Konto verknüpfen",
        "pt": "vincular sua conta",
    },
    "help": {
        "en": wording.describe("help", None, {}),
        "es": "mostrar la ayuda",
        "fr": "afficher l'aide",
        "de": "die Hilfe zeigen",
        "pt": "mostrar a ajuda",
    },
    "do_that": {
        "en": wording.describe("unknown", None, {}),
        "es": "hacer eso",
        "fr": "faire ça",
        "de": "das tun",
        "pt": "fazer isso",
    },
}

# What `describe` adds for a range or a stream ("from today", "for the last stream"), per range key.
RANGE_SUFFIXES: dict[str, dict[str, str]] = {
    "current": {"es": "de este directo", "fr": "de ce stream", "de": "von diesem Stream", "pt": "desta live"},
    "last": {
        "es": "del último directo",
        "fr": "du dernier stream",
        "de": "vom letzten Stream",
        "pt": "da última live",
    },
    "today": {"es": "de hoy", "fr": "d'aujourd'hui", "de": "von heute", "pt": "de hoje"},
    "yesterday": {"es": "de ayer", "fr": "d'hier", "de": "von gestern", "pt": "de ontem"},
    "week": {
        "es": "de esta semana",
        "fr": "de cette semaine",
        "de": "von dieser Woche",
        "pt": "desta semana",
    },
    "all": {
        "es": "de siempre",
        "fr": "depuis le début",
        "de": "aller Zeiten",
        "pt": "de todos os tempos",
    },
}
# "flags ... from xqc_fan99": whose flags.
CHATTER_SUFFIX: dict[str, str] = {
    "en": wording.describe("flags", "list", {"username": "{chatter}"}).removeprefix(
        wording.describe("flags", "list", {})
    ),
    "es": " de {chatter}",
    "fr": " de {chatter}",
    "de": " von {chatter}",
    "pt": " de {chatter}",
}
# The ranges as `which_range` names them ("today", "the last stream"), per range key.
RANGE_NAMES: dict[str, dict[str, str]] = {
    "current": {"es": "este directo", "fr": "ce stream", "de": "diesen Stream", "pt": "esta live"},
    "last": {
        "es": "el último directo",
        "fr": "le dernier stream",
        "de": "den letzten Stream",
        "pt": "a última live",
    },
    "today": {"es": "hoy", "fr": "aujourd'hui", "de": "heute", "pt": "hoje"},
    "yesterday": {"es": "ayer", "fr": "hier", "de": "gestern", "pt": "ontem"},
    "week": {"es": "esta semana", "fr": "cette semaine", "de": "diese Woche", "pt": "esta semana"},
    "all": {"es": "siempre", "fr": "depuis le début", "de": "alle Zeiten", "pt": "todos os tempos"},
}
OR = {"en": "or", "es": "o", "fr": "ou", "de": "oder", "pt": "ou"}

# -- the questions ----------------------------------------------------------------------------------

# key -> language -> question. Fields are carried over, or translated by `_FIELDS`; "{examples}" is
# the parser's examples joined with the language's "or".
QUESTIONS: dict[str, dict[str, str]] = {
    # Before "which_range": "Which one do you mean: 10 or 20 minutes?" would also fit that one's shape.
    "which_minutes": {
        "en": "Which one do you mean: {numbers} minutes?",
        "es": "¿Cuál quieres decir: {numbers} minutos?",
        "fr": "Lequel voulez-vous dire : {numbers} minutes ?",
        "de": "Welchen Wert meinst du: {numbers} Minuten?",
        "pt": "Qual você quer dizer: {numbers} minutos?",
    },
    "did_you_mean": {
        "en": wording.did_you_mean("{phrase}"),
        "es": "¿Querías {phrase}?",
        "fr": "Vouliez-vous {phrase} ?",
        "de": "Wolltest du {phrase}?",
        "pt": "Você queria {phrase}?",
    },
    "declined": {
        "en": wording.declined("{phrase}"),
        "es": "Vale, no voy a {phrase}. ¿Algo más?",
        "fr": "D'accord, je ne vais pas {phrase}. Autre chose ?",
        "de": "Okay, das mache ich nicht: {phrase}. Sonst noch etwas?",
        "pt": "Certo, não vou {phrase}. Mais alguma coisa?",
    },
    "one_at_a_time": {
        "en": wording.one_at_a_time(["{first}", "{last}"]).replace("'{first}' or '{last}'", "{options}"),
        "es": "Solo puedo hacer una cosa a la vez: ¿{options}?",
        "fr": "Je ne peux faire qu'une chose à la fois : {options} ?",
        "de": "Ich kann nur eine Sache auf einmal machen: {options}?",
        "pt": "Só consigo fazer uma coisa de cada vez: {options}?",
    },
    "which_range": {
        "en": wording.which_range(("today", "yesterday")).replace("today or yesterday", "{ranges}"),
        "es": "¿Cuál quieres decir: {ranges}?",
        "fr": "Lequel voulez-vous dire : {ranges} ?",
        "de": "Welchen Zeitraum meinst du: {ranges}?",
        "pt": "Qual você quer dizer: {ranges}?",
    },
    "which_mode": {
        "en": wording.which_mode(["{first}", "{last}"]).replace("{first} or {last}", "{modes}"),
        "es": "Un modo cada vez, por favor: ¿cuál, {modes}?",
        "fr": "Un mode à la fois, s'il vous plaît : lequel, {modes} ?",
        "de": "Bitte nur einen Modus auf einmal: welchen, {modes}?",
        "pt": "Um modo de cada vez, por favor: qual, {modes}?",
    },
    "generic": {
        "en": wording.GENERIC,
        "es": "Perdona, no lo he entendido. ¿Qué quieres que haga? Por ejemplo {examples}.",
        "fr": "Désolé, je n'ai pas compris. Que voulez-vous que je fasse ? Par exemple {examples}.",
        "de": "Sorry, das habe ich nicht verstanden. Was soll ich tun? Zum Beispiel {examples}.",
        "pt": "Desculpe, não entendi. O que você quer que eu faça? Por exemplo {examples}.",
    },
    "empty": {
        "en": wording.EMPTY,
        "es": "¿Qué quieres que haga? Por ejemplo {examples}.",
        "fr": "Que voulez-vous que je fasse ? Par exemple {examples}.",
        "de": "Was soll ich tun? Zum Beispiel {examples}.",
        "pt": "O que você quer que eu faça? Por exemplo {examples}.",
    },
    "too_long": {
        "en": wording.TOO_LONG,
        "es": "Ese mensaje es demasiado largo para ser una orden. ¿Qué quieres que haga, en una frase?",
        "fr": "Ce message est trop long pour être une commande. Que voulez-vous que je fasse, en une "
        "phrase ?",
        "de": "Die Nachricht ist zu lang für einen Befehl. Was soll ich tun, in einem Satz?",
        "pt": "Essa mensagem é longa demais para ser um comando. O que você quer que eu faça, em uma frase?",
    },
    "suspicious": {
        "en": wording.SUSPICIOUS,
        "es": "Eso parece texto de otro sitio (instrucciones o un registro de chat), así que no voy a "
        "actuar. Si quieres que haga algo, dímelo con tus palabras, p. ej. 'turn off the warden'.",
        "fr": "Cela ressemble à un texte venu d'ailleurs (des instructions ou un journal de chat), je ne "
        "vais donc pas y donner suite. Si vous voulez que je fasse quelque chose, dites-le avec vos mots, "
        "par ex. 'turn off the warden'.",
        "de": "Das sieht nach Text von woanders aus (Anweisungen oder ein Chatlog), darauf reagiere ich "
        "nicht. Wenn ich etwas tun soll, sag es mit deinen eigenen Worten, z. B. 'turn off the warden'.",
        "pt": "Isso parece texto de outro lugar (instruções ou um log de chat), então não vou agir. Se "
        "quiser que eu faça algo, diga com suas palavras, por exemplo 'turn off the warden'.",
    },
    "thanks": {
        "en": wording.THANKS,
        "es": "¡De nada! ¿Algo más en lo que pueda ayudarte?",
        "fr": "Avec plaisir ! Je peux faire autre chose pour vous ?",
        "de": "Gern geschehen! Kann ich sonst noch etwas tun?",
        "pt": "De nada! Posso fazer mais alguma coisa?",
    },
    "greeting": {
        "en": wording.GREETING,
        "es": "¡Hola! ¿Qué puedo hacer por ti? Por ejemplo {examples}.",
        "fr": "Bonjour ! Que puis-je faire pour vous ? Par exemple {examples}.",
        "de": "Hallo! Was kann ich für dich tun? Zum Beispiel {examples}.",
        "pt": "Oi! O que posso fazer por você? Por exemplo {examples}.",
    },
    "which_list": {
        "en": wording.WHICH_LIST,
        "es": "¿Cuál: mensajes marcados, clips, entradas del blog, estadísticas o el ledger?",
        "fr": "Lequel : messages signalés, clips, articles de blog, statistiques ou le ledger ?",
        "de": "Was davon: markierte Nachrichten, Clips, Blogposts, Statistiken oder das Ledger?",
        "pt": "Qual: mensagens marcadas, clipes, posts do blog, estatísticas ou o ledger?",
    },
    # Also `IN_FULL`, which is this with 'stop chronicling'. The command is one to type: kept in English.
    "confirm_in_full": {
        "en": wording.CONFIRM_IN_FULL.replace("{phrase}", "{command}"),
        "es": "Por seguridad, solo cambio cosas con una orden completa. Escríbela entera, p. ej. "
        "'{command}'.",
        "fr": "Par sécurité, je ne change rien sans une commande complète. Écrivez-la en entier, par ex. "
        "'{command}'.",
        "de": "Sicherheitshalber ändere ich nur etwas auf einen vollständigen Befehl hin. Schreib ihn bitte "
        "aus, z. B. '{command}'.",
        "pt": "Por segurança, só mudo algo com um comando completo. Escreva-o por inteiro, por exemplo "
        "'{command}'.",
    },
    "never_mind": {
        "en": wording.NEVER_MIND,
        "es": "Vale, olvídalo. ¿Algo más?",
        "fr": "D'accord, laissons tomber. Autre chose ?",
        "de": "Okay, vergiss es. Sonst noch etwas?",
        "pt": "Certo, deixa pra lá. Mais alguma coisa?",
    },
    # -- asked by the intent rules (_intents/*.py, _learned.py), written there inline -----------------
    "how_many_minutes": {
        "en": "How many minutes should the {mode} wait? For example 'set {mode} to 20 minutes'.",
        "es": "¿Cuántos minutos debe esperar el {mode}? Por ejemplo 'set {mode} to 20 minutes'.",
        "fr": "Combien de minutes le {mode} doit-il attendre ? Par exemple 'set {mode} to 20 minutes'.",
        "de": "Wie viele Minuten soll der {mode} warten? Zum Beispiel 'set {mode} to 20 minutes'.",
        "pt": "Quantos minutos o {mode} deve esperar? Por exemplo 'set {mode} to 20 minutes'.",
    },
    "idle_bounds": {
        "en": "The idle time must be whole minutes, from 1 to 1440 (a day). How many minutes?",
        "es": "El tiempo de espera debe ser en minutos enteros, de 1 a 1440 (un día). ¿Cuántos minutos?",
        "fr": "Le délai doit être en minutes entières, de 1 à 1440 (un jour). Combien de minutes ?",
        "de": "Die Wartezeit muss in ganzen Minuten sein, von 1 bis 1440 (ein Tag). Wie viele Minuten?",
        "pt": "O tempo de espera deve ser em minutos inteiros, de 1 a 1440 (um dia). Quantos minutos?",
    },
    "which_channel_login": {
        "en": "Which channel do you mean: {names}?",
        "es": "¿A qué canal te refieres: {names}?",
        "fr": "Quelle chaîne voulez-vous dire : {names} ?",
        "de": "Welchen Kanal meinst du: {names}?",
        "pt": "Qual canal você quer dizer: {names}?",
    },
    "which_chatter": {
        "en": "Which chatter do you mean: {names}?",
        "es": "¿A qué chatter te refieres: {names}?",
        "fr": "Quel chatteur voulez-vous dire : {names} ?",
        "de": "Welchen Chatter meinst du: {names}?",
        "pt": "Qual chatter você quer dizer: {names}?",
    },
    "not_a_channel": {
        "en": "'{written}' is not a Twitch login (letters, digits and _ only). Which channel?",
        "es": "'{written}' no es un login de Twitch (solo letras, números y _). ¿Qué canal?",
        "fr": "'{written}' n'est pas un login Twitch (lettres, chiffres et _ uniquement). Quelle chaîne ?",
        "de": "'{written}' ist kein Twitch-Login (nur Buchstaben, Ziffern und _). Welcher Kanal?",
        "pt": "'{written}' não é um login da Twitch (só letras, números e _). Qual canal?",
    },
    "not_a_chatter": {
        "en": "'{written}' is not a Twitch login (letters, digits and _ only). Which chatter?",
        "es": "'{written}' no es un login de Twitch (solo letras, números y _). ¿Qué chatter?",
        "fr": "'{written}' n'est pas un login Twitch (lettres, chiffres et _ uniquement). Quel chatteur ?",
        "de": "'{written}' ist kein Twitch-Login (nur Buchstaben, Ziffern und _). Welcher Chatter?",
        "pt": "'{written}' não é um login da Twitch (só letras, números e _). Qual chatter?",
    },
    "webhook_url": {
        "en": "What's the webhook URL? Paste the full link, starting with https://.",
        "es": "¿Cuál es la URL del webhook? Pega el enlace completo, que empiece por https://.",
        "fr": "Quelle est l'URL du webhook ? Collez le lien complet, commençant par https://.",
        "de": "Wie lautet die Webhook-URL? Füge den vollständigen Link ein, beginnend mit https://.",
        "pt": "Qual é a URL do webhook? Cole o link completo, começando com https://.",
    },
    "one_url": {
        "en": "Which URL should be your webhook? Please send just one.",
        "es": "¿Qué URL quieres como webhook? Envía solo una, por favor.",
        "fr": "Quelle URL doit être votre webhook ? Envoyez-en une seule, s'il vous plaît.",
        "de": "Welche URL soll dein Webhook sein? Bitte schick nur eine.",
        "pt": "Qual URL deve ser seu webhook? Envie só uma, por favor.",
    },
    "full_url": {
        "en": "Please paste the full webhook URL, starting with https://.",
        "es": "Pega la URL completa del webhook, que empiece por https://, por favor.",
        "fr": "Collez l'URL complète du webhook, commençant par https://, s'il vous plaît.",
        "de": "Bitte füge die vollständige Webhook-URL ein, beginnend mit https://.",
        "pt": "Cole a URL completa do webhook, começando com https://, por favor.",
    },
    "which_channel": {
        "en": "Which channel? For example 'set my channel to pixel_wren'.",
        "es": "¿Qué canal? Por ejemplo 'set my channel to pixel_wren'.",
        "fr": "Quelle chaîne ? Par exemple 'set my channel to pixel_wren'.",
        "de": "Welcher Kanal? Zum Beispiel 'set my channel to pixel_wren'.",
        "pt": "Qual canal? Por exemplo 'set my channel to pixel_wren'.",
    },
    "one_code": {
        "en": "Which code should I use? Please send just one.",
        "es": "¿Qué código uso? Envía solo uno, por favor.",
        "fr": "Quel code dois-je utiliser ? Envoyez-en un seul, s'il vous plaît.",
        "de": "Welchen Code soll ich nehmen? Bitte schick nur einen.",
        "pt": "Qual código devo usar? Envie só um, por favor.",
    },
    "link_code": {
        "en": "What's your link code? Send it like 'link ABCD-1234'.",
        "es": "¿Cuál es tu código de vinculación? Envíalo así: 'link ABCD-1234'.",
        "fr": "Quel est votre code de liaison ? Envoyez-le ainsi : 'link ABCD-1234'.",
        "de": "Wie lautet dein Verknüpfungscode? Schick ihn so: 'link ABCD-1234'.",
        "pt": "Qual é o seu código de vinculação? Envie assim: 'link ABCD-1234'.",
    },
    "which_zone": {
        "en": "Which time zone? A city ('Berlin') or a zone name ('Europe/Berlin').",
        "es": "¿Qué zona horaria? Una ciudad ('Berlin') o un nombre de zona ('Europe/Berlin').",
        "fr": "Quel fuseau horaire ? Une ville ('Berlin') ou un nom de fuseau ('Europe/Berlin').",
        "de": "Welche Zeitzone? Eine Stadt ('Berlin') oder ein Zonenname ('Europe/Berlin').",
        "pt": "Qual fuso horário? Uma cidade ('Berlin') ou um nome de fuso ('Europe/Berlin').",
    },
    "which_ledger": {
        "en": "There is one ledger per stream: do you want this stream's or the last stream's?",
        "es": "Hay un ledger por directo: ¿quieres el de este directo o el del último?",
        "fr": "Il y a un ledger par stream : voulez-vous celui de ce stream ou celui du dernier ?",
        "de": "Es gibt ein Ledger pro Stream: willst du das von diesem Stream oder das vom letzten?",
        "pt": "Há um ledger por live: você quer o desta live ou o da última?",
    },
    "theme_too_long": {
        "en": "That theme is too long; could you keep it under {limit} characters?",
        "es": "Ese tema es demasiado largo; ¿puedes dejarlo en menos de {limit} caracteres?",
        "fr": "Ce thème est trop long ; pouvez-vous rester sous {limit} caractères ?",
        "de": "Das Thema ist zu lang; kannst du es unter {limit} Zeichen halten?",
        "pt": "Esse tema é longo demais; pode deixá-lo com menos de {limit} caracteres?",
    },
    "on_or_off": {
        "en": "Turn the {mode} on or off?",
        "es": "¿Activo o desactivo el {mode}?",
        "fr": "J'active ou je désactive le {mode} ?",
        "de": "Den {mode} ein- oder ausschalten?",
        "pt": "Ativo ou desativo o {mode}?",
    },
}

# -- matching ---------------------------------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)\}")
# What a field may hold where "anything" would be too loose to tell templates apart.
_FIELD_SHAPES = {
    "channel": r"[A-Za-z0-9_]+",
    "username": r"[A-Za-z0-9_]+",
    "chatter": r"[A-Za-z0-9_]+",
    "timezone": r"[A-Za-z0-9_+\-/]+",
    "mode": r"[a-z]+",
    "minutes": r"\d+",
    "item": r"\d+",
    "limit": r"\d+",
    "numbers": r"\d+(?:\.\d+)?(?: or \d+(?:\.\d+)?)+",
}
_EXAMPLE = re.compile(r"'(.*?)'(?=, | or |$)")  # "'show today's flags'" keeps its apostrophe
EXAMPLES: list[str] = _EXAMPLE.findall(wording.EXAMPLES)
_SUFFIX_KEYS = {text: key for table in (wording.RANGES, wording.SESSIONS) for key, text in table.items()}


def _regex(template: str) -> str:
    """`template`'s text escaped, each "{field}" a named group (a repeated one must be the same)."""
    parts: list[str] = []
    seen: set[str] = set()
    at = 0
    for match in _FIELD.finditer(template):
        name = match[1]
        parts.append(re.escape(template[at : match.start()]))
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{_FIELD_SHAPES.get(name, '.+?')})")
        seen.add(name)
        at = match.end()
    parts.append(re.escape(template[at:]))
    return "".join(parts)


_SUFFIXES = "|".join(re.escape(text) for text in sorted(_SUFFIX_KEYS, key=len, reverse=True))
_TAIL = rf"(?: (?P<range_>{_SUFFIXES}))?(?: (?P<session_>{_SUFFIXES}))?(?:{_regex(CHATTER_SUFFIX['en'])})?"
_PHRASE_PATTERNS = [(key, re.compile(_regex(table["en"]) + _TAIL)) for key, table in PHRASES.items()]
_QUESTION_PATTERNS = [(key, re.compile(_regex(table["en"]))) for key, table in QUESTIONS.items()]


def or_list(items: list[str], language: str) -> str:
    """'a', 'a or b', 'a, b or c' with the language's "or"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {OR[language]} {items[-1]}"


def _items(listed: str) -> list[str]:
    """The items of an English 'a, b or c'."""
    head, sep, last = listed.rpartition(" or ")
    return [*head.split(", "), last] if sep else [listed]


def phrase(text: str, language: str) -> str | None:
    """A command phrase `describe` wrote ("turn off the warden"), in `language`; None if not one."""
    for key, pattern in _PHRASE_PATTERNS:
        if (match := pattern.fullmatch(text)) is None:
            continue
        values = match.groupdict()
        more = "".join(
            f" {RANGE_SUFFIXES[_SUFFIX_KEYS[suffix]][language]}"
            for suffix in (values.pop("range_"), values.pop("session_"))
            if suffix is not None
        )
        if (chatter := values.pop("chatter")) is not None:
            more += CHATTER_SUFFIX[language].format(chatter=chatter)
        template = PHRASES[key][language]
        if "{more}" not in template:
            template += "{more}"
        return template.format(more=more, **values)
    return None


def _options(listed: str, language: str) -> str | None:
    """ "'a', 'b' or 'c'" (command phrases) in `language`."""
    if not (listed.startswith("'") and listed.endswith("'")):
        return None
    said = [phrase(item, language) for item in re.split(r"', '|' or '", listed[1:-1])]
    return None if None in said else or_list([f"'{item}'" for item in said if item is not None], language)


def _ranges(listed: str, language: str) -> str | None:
    """ "today or yesterday" (as `which_range` names ranges) in `language`."""
    keys = {text.split(" ", 1)[1]: key for key, text in wording.RANGES.items()}
    names = _items(listed)
    if any(name not in keys for name in names):
        return None
    return or_list([RANGE_NAMES[keys[name]][language] for name in names], language)


def _rejoined(listed: str, language: str) -> str:
    """ "a, b or c" with the language's "or"; the items (modes, logins, numbers) kept as they are."""
    return or_list(_items(listed), language)


# How a field is said in another language; a field not here is carried over as it is.
_FIELDS: dict[str, Callable[[str, str], str | None]] = {
    "phrase": phrase,
    "options": _options,
    "ranges": _ranges,
    "modes": _rejoined,
    "names": _rejoined,
    "numbers": _rejoined,
}


def _render(key: str, match: re.Match[str], language: str) -> str | None:
    """The question `key` in `language`, its fields from `match`; None when a field is not known."""
    values: dict[str, str] = {}
    for name, value in match.groupdict().items():
        said = _FIELDS[name](value, language) if name in _FIELDS else value
        if said is None:
            return None
        values[name] = said
    examples = or_list([f"'{example}'" for example in EXAMPLES], language)
    return QUESTIONS[key][language].format(examples=examples, **values)


def localise(question: str, language: str | None) -> str:
    """The parser's `question` in `language`; unchanged for English, or when not recognised in full."""
    language = supported(language)
    if language == ENGLISH:
        return question
    for key, pattern in _QUESTION_PATTERNS:
        if (match := pattern.fullmatch(question)) is not None and (
            said := _render(key, match, language)
        ) is not None:
            return said
    return question

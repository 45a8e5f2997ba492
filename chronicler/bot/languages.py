"""The bot's main replies in the streamer's language: a small table of templates, English the fallback.

    phrase("stopped", "es", channel="pixel_wren", span="…")   # 'Dejé de registrar #pixel_wren: …'
    phrase("stopped", None, ...)                                # English: no language, or one not here

The parser says which language a DM was in (`ParseResult.language`); the conversation hands it to
the handler's `Context`, whose `say` looks its replies up here. A key or a language missing from the
table falls back to English, so a reply is never left unsaid for want of a translation. Product names
(Warden, Librarian, Hearthkeeper, Steward, Scribe) stay as they are in every language.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicler.bot import times
from chronicler.contract.api import RangeOut
from chronicler.contract.commands import LANGUAGES

ENGLISH = "en"

# key -> language -> template (str.format fields). Every key has English.
TEMPLATES: dict[str, dict[str, str]] = {
    # -- the conversation -------------------------------------------------------------------------
    "not_understood": {
        "en": "I didn't catch that. Say “help” to see what I can do.",
        "es": "No lo he entendido. Di “help” para ver lo que puedo hacer.",
        "fr": "Je n'ai pas compris. Dites « help » pour voir ce que je sais faire.",
        "de": "Das habe ich nicht verstanden. Schreib „help“, um zu sehen, was ich kann.",
        "pt": "Não entendi. Diga “help” para ver o que eu posso fazer.",
    },
    "say_help": {
        "en": "(Say “help” to see everything I can do.)",
        "es": "(Di “help” para ver todo lo que puedo hacer.)",
        "fr": "(Dites « help » pour voir tout ce que je sais faire.)",
        "de": "(Schreib „help“, um alles zu sehen, was ich kann.)",
        "pt": "(Diga “help” para ver tudo o que eu posso fazer.)",
    },
    "confirm": {
        "en": "{ask} Reply **yes** within {minutes} {unit} to confirm; anything else cancels.",
        "es": "{ask} Responde **sí** en {minutes} min para confirmar; cualquier otra cosa lo cancela.",
        "fr": "{ask} Répondez **oui** d'ici {minutes} min pour confirmer ; toute autre réponse annule.",
        "de": "{ask} Antworte innerhalb von {minutes} Min. mit **ja**, um zu bestätigen; alles andere "
        "bricht ab.",
        "pt": "{ask} Responda **sim** em {minutes} min para confirmar; qualquer outra coisa cancela.",
    },
    "cancelled": {
        "en": "Okay, cancelled — nothing changed.",
        "es": "Vale, cancelado: no ha cambiado nada.",
        "fr": "D'accord, annulé : rien n'a changé.",
        "de": "Okay, abgebrochen – nichts wurde geändert.",
        "pt": "Certo, cancelado: nada mudou.",
    },
    # -- confirmation questions -------------------------------------------------------------------
    "ask.start": {
        "en": "Start chronicling{where}?",
        "es": "¿Empiezo a registrar{where}?",
        "fr": "Je commence la chronique{where} ?",
        "de": "Soll ich{where} mitschreiben?",
        "pt": "Começo a registrar{where}?",
    },
    "ask.stop": {
        "en": "Stop chronicling{where}?",
        "es": "¿Dejo de registrar{where}?",
        "fr": "J'arrête la chronique{where} ?",
        "de": "Soll ich{where} aufhören mitzuschreiben?",
        "pt": "Paro de registrar{where}?",
    },
    "ask.mode_on": {
        "en": "Turn the {mode} on{when}?",
        "es": "¿Activo el {mode}{when}?",
        "fr": "J'active le {mode}{when} ?",
        "de": "Den {mode}{when} einschalten?",
        "pt": "Ativo o {mode}{when}?",
    },
    "ask.mode_off": {
        "en": "Turn the {mode} off{when}?",
        "es": "¿Desactivo el {mode}{when}?",
        "fr": "Je désactive le {mode}{when} ?",
        "de": "Den {mode}{when} ausschalten?",
        "pt": "Desativo o {mode}{when}?",
    },
    "ask.tonight": {
        "en": " for tonight",
        "es": " por esta noche",
        "fr": " pour ce soir",
        "de": " für heute Abend",
        "pt": " por esta noite",
    },
    "ask.remove_webhook": {
        "en": "Remove your ledger webhook (ledgers then go to the exports folder)?",
        "es": "¿Quito tu webhook de ledgers (irán a la carpeta exports)?",
        "fr": "Je retire votre webhook de ledgers (ils iront dans le dossier exports) ?",
        "de": "Deinen Ledger-Webhook entfernen (Ledger landen dann im Ordner exports)?",
        "pt": "Removo seu webhook de ledgers (eles vão para a pasta exports)?",
    },
    "ask.set_timezone": {
        "en": "Set your time zone to {timezone}?",
        "es": "¿Pongo tu zona horaria en {timezone}?",
        "fr": "Je règle votre fuseau horaire sur {timezone} ?",
        "de": "Deine Zeitzone auf {timezone} setzen?",
        "pt": "Defino seu fuso horário como {timezone}?",
    },
    "ask.generic": {
        "en": "Go ahead?",
        "es": "¿Sigo adelante?",
        "fr": "Je continue ?",
        "de": "Soll ich?",
        "pt": "Posso continuar?",
    },
    # -- sessions ---------------------------------------------------------------------------------
    "started": {
        "en": "Chronicling #{channel} since {time}{modes}.",
        "es": "Registrando #{channel} desde las {time}{modes}.",
        "fr": "Chronique de #{channel} depuis {time}{modes}.",
        "de": "Ich schreibe #{channel} seit {time} mit{modes}.",
        "pt": "Registrando #{channel} desde {time}{modes}.",
    },
    "scribe_at_stop": {
        "en": "The Scribe will write the ledger when you say “stop chronicling”.",
        "es": "El Scribe escribirá el ledger cuando digas “stop chronicling”.",
        "fr": "Le Scribe écrira le ledger quand vous direz « stop chronicling ».",
        "de": "Der Scribe schreibt das Ledger, sobald du „stop chronicling“ sagst.",
        "pt": "O Scribe vai escrever o ledger quando você disser “stop chronicling”.",
    },
    "already_running": {
        "en": "I'm already chronicling{where}. Say “stop chronicling” first to start a new session.",
        "es": "Ya estoy registrando{where}. Di “stop chronicling” antes de empezar otra sesión.",
        "fr": "Je fais déjà la chronique{where}. Dites « stop chronicling » avant d'en commencer une autre.",
        "de": "Ich schreibe schon mit{where}. Sag erst „stop chronicling“, um eine neue Session zu starten.",
        "pt": "Já estou registrando{where}. Diga “stop chronicling” antes de começar outra sessão.",
    },
    "flags_show_first": {
        "en": "I haven't shown you any flags in this conversation yet. Ask for them first "
        "(“show today's flagged messages”), then answer one by its number: “#2 is spam”.",
        "es": "Todavía no te he mostrado ningún mensaje marcado en esta conversación. Pídelos primero "
        "(“show today's flagged messages”) y luego responde a uno por su número: “#2 is spam”.",
        "fr": "Je ne vous ai encore montré aucun message signalé dans cette conversation. Demandez-les "
        "d'abord (« show today's flagged messages »), puis répondez à l'un par son numéro : « #2 is spam ».",
        "de": "Ich habe dir in diesem Gespräch noch keine markierten Nachrichten gezeigt. Frag zuerst danach "
        "(„show today's flagged messages“) und antworte dann auf eine mit ihrer Nummer: „#2 is spam“.",
        "pt": "Ainda não te mostrei nenhuma mensagem marcada nesta conversa. Peça primeiro "
        "(“show today's flagged messages”) e depois responda a uma pelo número: “#2 is spam”.",
    },
    "flag_marked_spam": {
        "en": "Marked {which} ({who}: “{text}”) as **spam**: the Warden will watch for messages like it.",
        "es": "Marqué {which} ({who}: “{text}”) como **spam**: el Warden vigilará mensajes parecidos.",
        "fr": "{which} ({who} : « {text} ») marqué comme **spam** : le Warden surveillera les messages "
        "semblables.",
        "de": "{which} ({who}: „{text}“) als **Spam** markiert: der Warden achtet auf ähnliche Nachrichten.",
        "pt": "Marquei {which} ({who}: “{text}”) como **spam**: o Warden vai vigiar mensagens parecidas.",
    },
    "flag_marked_fine": {
        "en": "Marked {which} ({who}: “{text}”) as **not spam**: the Warden will trust {login} and let that "
        "phrasing through.",
        "es": "Marqué {which} ({who}: “{text}”) como **no spam**: el Warden confiará en {login} y dejará "
        "pasar esa frase.",
        "fr": "{which} ({who} : « {text} ») marqué comme **pas du spam** : le Warden fera confiance à "
        "{login} et laissera passer cette formulation.",
        "de": "{which} ({who}: „{text}“) als **kein Spam** markiert: der Warden vertraut {login} und lässt "
        "diese Formulierung durch.",
        "pt": "Marquei {which} ({who}: “{text}”) como **não é spam**: o Warden vai confiar em {login} e "
        "deixar essa frase passar.",
    },
    "that_flag": {  # {which} when the flag answered has no number in the last list
        "en": "that flag",
        "es": "ese mensaje",
        "fr": "Ce message",  # the French and German replies start with it
        "de": "Diese Nachricht",
        "pt": "essa mensagem",
    },
    "flag_no_such": {
        "en": "The last list had {count} flag{s}: there is no #{item}. Which one did you mean?",
        "es": "La última lista tenía {count} mensaje(s) marcado(s): no hay #{item}. ¿Cuál querías decir?",
        "fr": "La dernière liste avait {count} message(s) signalé(s) : il n'y a pas de #{item}. "
        "Lequel vouliez-vous dire ?",
        "de": "Die letzte Liste hatte {count} markierte Nachricht(en): es gibt kein #{item}. "
        "Welche meinst du?",
        "pt": "A última lista tinha {count} mensagem(ns) marcada(s): não existe #{item}. "
        "Qual você quis dizer?",
    },
    "flag_which_one": {
        "en": "Which one? The last list had {numbers}: say “#2 is spam” or “#2 is fine”.",
        "es": "¿Cuál? La última lista tenía {numbers}: di “#2 es spam” o “#2 está bien”.",
        "fr": "Lequel ? La dernière liste avait {numbers} : dites « #2 est du spam » ou « #2 est ok ».",
        "de": "Welche? Die letzte Liste hatte {numbers}: schreib „#2 ist Spam“ oder „#2 ist ok“.",
        "pt": "Qual? A última lista tinha {numbers}: diga “#2 é spam” ou “#2 está ok”.",
    },
    "flag_gone": {
        "en": "I can't find that flag any more. Ask for the flags again to see what's there now.",
        "es": "Ya no encuentro ese mensaje marcado. Pide los mensajes marcados otra vez para ver lo que hay.",
        "fr": "Je ne trouve plus ce message signalé. Redemandez les messages signalés pour voir ce qu'il "
        "reste.",
        "de": "Diese markierte Nachricht finde ich nicht mehr. Frag noch einmal nach den markierten "
        "Nachrichten.",
        "pt": "Não encontro mais essa mensagem marcada. Peça as mensagens marcadas de novo para ver o que "
        "há.",
    },
    "stopped": {
        "en": "Stopped chronicling #{channel}: {span}.",
        "es": "Dejé de registrar #{channel}: {span}.",
        "fr": "Chronique de #{channel} arrêtée : {span}.",
        "de": "#{channel} wird nicht mehr mitgeschrieben: {span}.",
        "pt": "Parei de registrar #{channel}: {span}.",
    },
    "scribe_writing": {
        "en": "The Scribe is writing the ledger — ask “show the ledger” in a moment.",
        "es": "El Scribe está escribiendo el ledger: pide “show the ledger” en un momento.",
        "fr": "Le Scribe écrit le ledger : demandez « show the ledger » dans un instant.",
        "de": "Der Scribe schreibt das Ledger – frag gleich nach „show the ledger“.",
        "pt": "O Scribe está escrevendo o ledger: peça “show the ledger” daqui a pouco.",
    },
    "nothing_to_stop": {
        "en": "I'm not chronicling anything right now, so there was nothing to stop.",
        "es": "No estoy registrando nada ahora mismo, así que no había nada que parar.",
        "fr": "Je ne fais aucune chronique en ce moment : il n'y avait rien à arrêter.",
        "de": "Ich schreibe gerade nichts mit, es gab also nichts zu stoppen.",
        "pt": "Não estou registrando nada agora, então não havia nada para parar.",
    },
    "status_live": {
        "en": "Chronicling #{channel} since {time} — live for {duration}, {messages} so far",
        "es": "Registrando #{channel} desde las {time}: en directo desde hace {duration}, {messages} hasta "
        "ahora",
        "fr": "Chronique de #{channel} depuis {time} : en direct depuis {duration}, {messages} jusqu'ici",
        "de": "Ich schreibe #{channel} seit {time} mit: seit {duration} live, bisher {messages}",
        "pt": "Registrando #{channel} desde {time}: ao vivo há {duration}, {messages} até agora",
    },
    "since": {
        "en": "since {time}",
        "es": "desde las {time}",
        "fr": "depuis {time}",
        "de": "seit {time}",
        "pt": "desde {time}",
    },
    "last_chat": {
        "en": ", last chat at {time}",
        "es": ", último mensaje a las {time}",
        "fr": ", dernier message à {time}",
        "de": ", letzte Nachricht um {time}",
        "pt": ", última mensagem às {time}",
    },
    "not_live_never": {
        "en": "I'm not chronicling right now, and no stream has been chronicled yet. "
        "Say “start chronicling” when you go live.",
        "es": "No estoy registrando ahora y aún no hay ningún directo registrado. "
        "Di “start chronicling” cuando empieces.",
        "fr": "Je ne fais pas de chronique en ce moment, et aucun stream n'a encore été suivi. "
        "Dites « start chronicling » quand vous êtes en direct.",
        "de": "Ich schreibe gerade nicht mit, und noch kein Stream wurde mitgeschrieben. "
        "Sag „start chronicling“, wenn du live gehst.",
        "pt": "Não estou registrando agora e nenhuma live foi registrada ainda. "
        "Diga “start chronicling” quando entrar ao vivo.",
    },
    "not_live_last": {
        "en": "I'm not chronicling right now. Last session: #{channel}, {span}.",
        "es": "No estoy registrando ahora. Última sesión: #{channel}, {span}.",
        "fr": "Je ne fais pas de chronique en ce moment. Dernière session : #{channel}, {span}.",
        "de": "Ich schreibe gerade nicht mit. Letzte Session: #{channel}, {span}.",
        "pt": "Não estou registrando agora. Última sessão: #{channel}, {span}.",
    },
    "modes_on": {
        "en": "{modes} on",
        "es": "{modes} activos",
        "fr": "{modes} actifs",
        "de": "{modes} an",
        "pt": "{modes} ativos",
    },
    "modes_all_off": {
        "en": "every mode off",
        "es": "todos los modos desactivados",
        "fr": "tous les modes désactivés",
        "de": "alle Modi aus",
        "pt": "todos os modos desativados",
    },
    # -- help on one thing ("what's the scribe?", "wie funktioniert der Warden?") ----------------------
    "about.warden": {
        "en": "The warden sets aside chat messages that look like spam or scams for you to review. "
        "It never deletes anything or bans anyone.",
        "es": "El Warden aparta los mensajes del chat que parecen spam o estafas para que los revises. "
        "Nunca borra nada ni banea a nadie.",
        "fr": "Le Warden met de côté les messages du chat qui ressemblent à du spam ou à des arnaques, pour "
        "que vous les examiniez. Il ne supprime rien et ne bannit personne.",
        "de": "Der Warden legt Chatnachrichten, die nach Spam oder Betrug aussehen, für dich zur Prüfung "
        "beiseite. Er löscht nichts und bannt niemanden.",
        "pt": "O Warden separa as mensagens do chat que parecem spam ou golpe para você revisar. "
        "Ele nunca apaga nada nem bane ninguém.",
    },
    "about.librarian": {
        "en": "The librarian spots the moments chat lit up (clip candidates) and notable discussion "
        "(blog ideas), for you to look at after the stream.",
        "es": "El Librarian detecta los momentos en que el chat explotó (candidatos a clip) y las "
        "conversaciones destacadas (ideas para el blog), para que las veas después del directo.",
        "fr": "Le Librarian repère les moments où le chat s'est enflammé (candidats au clip) et les "
        "discussions marquantes (idées de blog), à regarder après le live.",
        "de": "Der Librarian findet die Momente, in denen der Chat explodiert ist (Clip-Kandidaten), und "
        "bemerkenswerte Diskussionen (Blog-Ideen), zum Ansehen nach dem Stream.",
        "pt": "O Librarian encontra os momentos em que o chat explodiu (candidatos a clipe) e as conversas "
        "marcantes (ideias de blog), para você ver depois da live.",
    },
    "about.hearthkeeper": {
        "en": "The hearthkeeper posts one gentle prompt in chat when it has been quiet for a while "
        "(15 minutes unless you change it).",
        "es": "El Hearthkeeper publica un mensaje amable en el chat cuando lleva un rato en silencio "
        "(15 minutos, salvo que lo cambies).",
        "fr": "Le Hearthkeeper poste une petite relance dans le chat quand il est calme depuis un moment "
        "(15 minutes, sauf si vous changez ce délai).",
        "de": "Der Hearthkeeper schreibt einen sanften Anstoß in den Chat, wenn er eine Weile still war "
        "(15 Minuten, wenn du es nicht änderst).",
        "pt": "O Hearthkeeper manda uma mensagem leve no chat quando ele fica um tempo parado "
        "(15 minutos, a menos que você mude).",
    },
    "about.steward": {
        "en": "The steward answers viewers who mention it or ask a question, a few times a minute at most, "
        "and keeps quiet while chat is busy.",
        "es": "El Steward responde a quien lo menciona o hace una pregunta, unas pocas veces por minuto "
        "como mucho, y calla cuando el chat está animado.",
        "fr": "Le Steward répond aux viewers qui le mentionnent ou posent une question, quelques fois par "
        "minute au plus, et se tait quand le chat est animé.",
        "de": "Der Steward antwortet Zuschauern, die ihn erwähnen oder etwas fragen, höchstens ein paar Mal "
        "pro Minute, und schweigt, wenn im Chat viel los ist.",
        "pt": "O Steward responde a quem o menciona ou faz uma pergunta, no máximo algumas vezes por minuto, "
        "e fica quieto quando o chat está agitado.",
    },
    "about.scribe": {
        "en": "The scribe writes the ledger after each stream: numbers, flags, clip candidates and a chart "
        "of chat, posted to your Discord webhook.",
        "es": "El Scribe escribe el ledger después de cada directo: números, marcas, candidatos a clip y un "
        "gráfico del chat, publicado en tu webhook de Discord.",
        "fr": "Le Scribe écrit le ledger après chaque live : chiffres, signalements, candidats au clip et un "
        "graphique du chat, posté sur votre webhook Discord.",
        "de": "Der Scribe schreibt nach jedem Stream das Ledger: Zahlen, Markierungen, Clip-Kandidaten und "
        "ein Chat-Diagramm, gepostet an deinen Discord-Webhook.",
        "pt": "O Scribe escreve o ledger depois de cada live: números, marcações, candidatos a clipe e um "
        "gráfico do chat, postado no seu webhook do Discord.",
    },
    "about.ledger": {
        "en": "The ledger is the summary the scribe writes after each stream: numbers, flags, clip "
        "candidates and a chart of chat, posted to your Discord webhook.",
        "es": "El ledger es el resumen que el Scribe escribe después de cada directo: números, marcas, "
        "candidatos a clip y un gráfico del chat, publicado en tu webhook de Discord.",
        "fr": "Le ledger est le bilan que le Scribe écrit après chaque live : chiffres, signalements, "
        "candidats au clip et un graphique du chat, posté sur votre webhook Discord.",
        "de": "Das Ledger ist die Zusammenfassung, die der Scribe nach jedem Stream schreibt: Zahlen, "
        "Markierungen, Clip-Kandidaten und ein Chat-Diagramm, gepostet an deinen Discord-Webhook.",
        "pt": "O ledger é o resumo que o Scribe escreve depois de cada live: números, marcações, candidatos "
        "a clipe e um gráfico do chat, postado no seu webhook do Discord.",
    },
    "about.webhook": {
        "en": "The webhook is the Discord address your ledgers are posted to after each stream.",
        "es": "El webhook es la dirección de Discord donde se publican tus ledgers después de cada directo.",
        "fr": "Le webhook est l'adresse Discord où vos ledgers sont postés après chaque live.",
        "de": "Der Webhook ist die Discord-Adresse, an die deine Ledger nach jedem Stream gepostet werden.",
        "pt": "O webhook é o endereço do Discord onde seus ledgers são postados depois de cada live.",
    },
    "about.clips": {
        "en": "Clip candidates are moments the librarian saw many chatters react to at once, best first, "
        "each with how far into the stream it happened.",
        "es": "Los candidatos a clip son momentos en que el Librarian vio reaccionar a muchos a la vez, los "
        "mejores primero, cada uno con el minuto del directo en que pasó.",
        "fr": "Les candidats au clip sont les moments où le Librarian a vu beaucoup de monde réagir en même "
        "temps, les meilleurs d'abord, chacun avec le moment du live où il a eu lieu.",
        "de": "Clip-Kandidaten sind Momente, in denen der Librarian viele gleichzeitig reagieren sah, die "
        "besten zuerst, jeweils mit der Stelle im Stream.",
        "pt": "Candidatos a clipe são momentos em que o Librarian viu muita gente reagir ao mesmo tempo, os "
        "melhores primeiro, cada um com o ponto da live em que aconteceu.",
    },
    "about.flags": {
        "en": "Flags are chat messages the warden set aside as possible spam or scams, for you to review.",
        "es": "Las marcas son mensajes del chat que el Warden apartó como posible spam o estafa, para que "
        "los revises.",
        "fr": "Les signalements sont des messages du chat que le Warden a mis de côté comme spam ou arnaque "
        "possible, pour que vous les examiniez.",
        "de": "Markierungen sind Chatnachrichten, die der Warden als möglichen Spam oder Betrug "
        "beiseitegelegt hat, damit du sie prüfst.",
        "pt": "Marcações são mensagens do chat que o Warden separou como possível spam ou golpe, para você "
        "revisar.",
    },
    "about.blog": {
        "en": "Blog ideas are stretches of chat the librarian kept because people talked about something at "
        "length: notable discussion, saved for you to read or write about after the stream.",
        "es": "Las ideas para el blog son tramos del chat que el Librarian guardó porque se habló largo de "
        "algo: conversaciones destacadas, para leer o escribir sobre ellas después del directo.",
        "fr": "Les idées de blog sont des passages du chat que le Librarian a gardés parce qu'on y a "
        "longuement parlé de quelque chose : des discussions marquantes, à lire ou à raconter après le live.",
        "de": "Blog-Ideen sind Chat-Abschnitte, die der Librarian aufgehoben hat, weil lange über etwas "
        "geredet wurde: bemerkenswerte Diskussionen, zum Lesen oder Darüberschreiben nach dem Stream.",
        "pt": "Ideias de blog são trechos do chat que o Librarian guardou porque falaram muito de algo: "
        "conversas marcantes, para ler ou escrever sobre elas depois da live.",
    },
    "about_more": {
        "en": "Say 'help' for what I can do.",
        "es": "Di “help” para ver lo que puedo hacer.",
        "fr": "Dites « help » pour voir ce que je sais faire.",
        "de": "Schreib „help“, um zu sehen, was ich kann.",
        "pt": "Diga “help” para ver o que eu posso fazer.",
    },
    "and": {"en": "and", "es": "y", "fr": "et", "de": "und", "pt": "e"},
    "message": {"en": "message", "es": "mensaje", "fr": "message", "de": "Nachricht", "pt": "mensagem"},
    "messages": {
        "en": "messages",
        "es": "mensajes",
        "fr": "messages",
        "de": "Nachrichten",
        "pt": "mensagens",
    },
    # -- recap ------------------------------------------------------------------------------------
    "recap_title": {
        "en": "#{channel} so far ({duration})",
        "es": "#{channel} hasta ahora ({duration})",
        "fr": "#{channel} jusqu'ici ({duration})",
        "de": "#{channel} bisher ({duration})",
        "pt": "#{channel} até agora ({duration})",
    },
    "recap_none": {
        "en": "I'm not chronicling right now, so there's nothing to catch up on.",
        "es": "No estoy registrando ahora, así que no hay nada que ponerte al día.",
        "fr": "Je ne fais pas de chronique en ce moment : il n'y a rien à rattraper.",
        "de": "Ich schreibe gerade nicht mit, es gibt also nichts nachzuholen.",
        "pt": "Não estou registrando agora, então não há nada para recuperar.",
    },
    "recap_offer_ledger": {
        "en": "Your last stream (#{channel}, {span}) has its ledger: say “show the ledger”.",
        "es": "Tu último directo (#{channel}, {span}) tiene su ledger: di “show the ledger”.",
        "fr": "Votre dernier stream (#{channel}, {span}) a son ledger : dites « show the ledger ».",
        "de": "Dein letzter Stream (#{channel}, {span}) hat sein Ledger: sag „show the ledger“.",
        "pt": "Sua última live (#{channel}, {span}) tem o ledger: diga “show the ledger”.",
    },
    # -- settings ---------------------------------------------------------------------------------
    "webhook_removed": {
        "en": "Removed your ledger webhook. Ledgers go to the exports folder now; "
        "say “set my webhook to <url>” to get them in Discord again.",
        "es": "He quitado tu webhook de ledgers. Ahora irán a la carpeta exports; "
        "di “set my webhook to <url>” para recibirlos otra vez en Discord.",
        "fr": "Webhook de ledgers retiré. Les ledgers vont maintenant dans le dossier exports ; "
        "dites « set my webhook to <url> » pour les recevoir à nouveau sur Discord.",
        "de": "Dein Ledger-Webhook ist entfernt. Ledger landen jetzt im Ordner exports; "
        "sag „set my webhook to <url>“, um sie wieder in Discord zu bekommen.",
        "pt": "Removi seu webhook de ledgers. Agora eles vão para a pasta exports; "
        "diga “set my webhook to <url>” para recebê-los de novo no Discord.",
    },
    "no_webhook": {
        "en": "You have no ledger webhook set, so there was nothing to remove: ledgers go to the exports "
        "folder.",
        "es": "No tienes ningún webhook de ledgers, así que no había nada que quitar: van a la carpeta "
        "exports.",
        "fr": "Vous n'avez pas de webhook de ledgers, il n'y avait rien à retirer : ils vont dans exports.",
        "de": "Du hast keinen Ledger-Webhook, es gab nichts zu entfernen: Ledger landen im Ordner exports.",
        "pt": "Você não tem webhook de ledgers, então não havia nada para remover: eles vão para exports.",
    },
    "timezone_set": {
        "en": "Your time zone is now {timezone} (it's {time} there). Times and “today” in my replies follow "
        "it.",
        "es": "Tu zona horaria ahora es {timezone} (allí son las {time}). Las horas y “hoy” la siguen.",
        "fr": "Votre fuseau horaire est maintenant {timezone} (il y est {time}). Les heures et « "
        "aujourd'hui » le suivent.",
        "de": "Deine Zeitzone ist jetzt {timezone} (dort ist es {time}). Uhrzeiten und „heute“ richten sich "
        "danach.",
        "pt": "Seu fuso horário agora é {timezone} (lá são {time}). Horários e “hoje” seguem ele.",
    },
    "timezone_unknown": {
        "en": "I don't know the time zone “{timezone}”. Use a name like Europe/Berlin, America/New_York or "
        "UTC.",
        "es": "No conozco la zona horaria “{timezone}”. Usa un nombre como Europe/Madrid, "
        "America/Mexico_City o UTC.",
        "fr": "Je ne connais pas le fuseau « {timezone} ». Utilisez un nom comme Europe/Paris, "
        "America/Montreal ou UTC.",
        "de": "Die Zeitzone „{timezone}“ kenne ich nicht. Nimm einen Namen wie Europe/Berlin, Europe/Vienna "
        "oder UTC.",
        "pt": "Não conheço o fuso “{timezone}”. Use um nome como America/Sao_Paulo, Europe/Lisbon ou UTC.",
    },
    # -- modes ------------------------------------------------------------------------------------
    "mode_off_tonight": {
        "en": "The {mode} is off for tonight; it'll be back next stream.",
        "es": "El {mode} está desactivado por esta noche; volverá en el próximo directo.",
        "fr": "Le {mode} est désactivé pour ce soir ; il reviendra au prochain stream.",
        "de": "Der {mode} ist für heute Abend aus; beim nächsten Stream ist er wieder da.",
        "pt": "O {mode} está desativado por esta noite; volta na próxima live.",
    },
    "mode_on_tonight": {
        "en": "The {mode} is on for tonight; next stream it follows your saved setting (off) again.",
        "es": "El {mode} está activado por esta noche; en el próximo directo vuelve a tu ajuste guardado "
        "(desactivado).",
        "fr": "Le {mode} est activé pour ce soir ; au prochain stream il reprend votre réglage (désactivé).",
        "de": "Der {mode} ist für heute Abend an; beim nächsten Stream gilt wieder deine Einstellung (aus).",
        "pt": "O {mode} está ativado por esta noite; na próxima live volta à sua configuração (desativado).",
    },
    "mode_tonight_as_saved": {
        "en": "The {mode} is {state} tonight — that's also your saved setting, so it stays {state} next "
        "stream.",
    },
    "mode_waits": {
        "en": "The {mode} now waits {minutes} minute{plural} of quiet before it speaks.",
        "es": "El {mode} ahora espera {minutes} minuto{plural} de silencio antes de hablar.",
        "fr": "Le {mode} attend maintenant {minutes} minute{plural} de silence avant de parler.",
        "de": "Der {mode} wartet jetzt {minutes} Minute{plural_de} Stille, bevor er etwas sagt.",
        "pt": "O {mode} agora espera {minutes} minuto{plural} de silêncio antes de falar.",
    },
    "mode_off_always": {
        "en": "The {mode} is off from now on{tonight}.",
        "es": "El {mode} queda desactivado desde ahora{tonight}.",
        "fr": "Le {mode} est désactivé à partir de maintenant{tonight}.",
        "de": "Der {mode} ist ab jetzt aus{tonight}.",
        "pt": "O {mode} fica desativado a partir de agora{tonight}.",
    },
    "mode_on_always": {
        "en": "The {mode} is on from now on{tonight}: it {duty}.",
        "es": "El {mode} queda activado desde ahora{tonight}.",
        "fr": "Le {mode} est activé à partir de maintenant{tonight}.",
        "de": "Der {mode} ist ab jetzt an{tonight}.",
        "pt": "O {mode} fica ativado a partir de agora{tonight}.",
    },
    "tonight_included": {
        "en": " (tonight's stream included)",
        "es": " (también en este directo)",
        "fr": " (y compris ce soir)",
        "de": " (auch im laufenden Stream)",
        "pt": " (incluindo a live de agora)",
    },
    "no_tonight": {
        "en": "I'm not chronicling right now, so there's no tonight to change. "
        "Say “turn {state} the {mode_lower}” to change it from now on.",
        "es": "No estoy registrando ahora, así que no hay “esta noche” que cambiar. "
        "Pídelo sin “por esta noche” para cambiarlo desde ahora.",
        "fr": "Je ne fais pas de chronique en ce moment : pas de « ce soir » à changer. "
        "Demandez-le sans « pour ce soir » pour le changer à partir de maintenant.",
        "de": "Ich schreibe gerade nicht mit, es gibt also kein „heute Abend“ zu ändern. "
        "Frag ohne „für heute Abend“, um es ab jetzt zu ändern.",
        "pt": "Não estou registrando agora, então não há “esta noite” para mudar. "
        "Peça sem “por esta noite” para mudar a partir de agora.",
    },
    # -- moderation -------------------------------------------------------------------------------
    "moderate": {
        "en": "I can't time out or ban anyone{who}: I only flag messages for your review, and never "
        "moderate chat myself. Use Twitch's own /timeout{target} or /ban{target} in your chat (or your "
        "mods can). To see what the Warden caught, say “show today's flagged messages”.",
        "es": "No puedo expulsar ni banear a nadie{who}: solo marco mensajes para que los revises, nunca "
        "modero el chat. Usa /timeout{target} o /ban{target} de Twitch en tu chat (o tus mods). Para ver "
        "lo que marcó el Warden, di “show today's flagged messages”.",
        "fr": "Je ne peux exclure ni bannir personne{who} : je signale seulement des messages pour que vous "
        "les examiniez, je ne modère jamais le chat. Utilisez /timeout{target} ou /ban{target} de Twitch "
        "dans votre chat (ou vos modos). Pour voir ce que le Warden a relevé, dites « show today's "
        "flagged messages ».",
        "de": "Ich kann niemanden timeouten oder bannen{who}: Ich markiere nur Nachrichten zur Durchsicht "
        "und "
        "moderiere den Chat nie selbst. Nutze Twitchs /timeout{target} oder /ban{target} im Chat (oder "
        "deine Mods). Was der Warden markiert hat, zeigt „show today's flagged messages“.",
        "pt": "Não posso dar timeout nem banir ninguém{who}: só marco mensagens para você revisar e nunca "
        "modero o chat. Use /timeout{target} ou /ban{target} do Twitch no seu chat (ou seus mods). Para "
        "ver o que o Warden marcou, diga “show today's flagged messages”.",
    },
    # -- lists ------------------------------------------------------------------------------------
    "flags_title": {
        "en": "Flagged messages{who} {when}",
        "es": "Mensajes marcados{who} ({when})",
        "fr": "Messages signalés{who} ({when})",
        "de": "Markierte Nachrichten{who} ({when})",
        "pt": "Mensagens marcadas{who} ({when})",
    },
    "flags_none": {
        "en": "Nothing flagged{who} {when}.",
        "es": "Nada marcado{who} ({when}).",
        "fr": "Rien de signalé{who} ({when}).",
        "de": "Nichts markiert{who} ({when}).",
        "pt": "Nada marcado{who} ({when}).",
    },
    "from_chatter": {
        "en": " from {who}",
        "es": " de {who}",
        "fr": " de {who}",
        "de": " von {who}",
        "pt": " de {who}",
    },
    "clips_title": {
        "en": "Clip candidates {when}",
        "es": "Candidatos a clip ({when})",
        "fr": "Moments à clipper ({when})",
        "de": "Clip-Kandidaten ({when})",
        "pt": "Candidatos a clipe ({when})",
    },
    "clips_none": {
        "en": "No clip candidates {when}.",
        "es": "No hay candidatos a clip ({when}).",
        "fr": "Aucun moment à clipper ({when}).",
        "de": "Keine Clip-Kandidaten ({when}).",
        "pt": "Nenhum candidato a clipe ({when}).",
    },
}

# How a reply says a range ("today", "in the last session"), per language; English is `times.RANGE_NAMES`.
RANGE_NAMES: dict[str, dict[str, str]] = {
    "es": {
        "current": "en esta sesión",
        "last": "en la última sesión",
        "today": "hoy",
        "yesterday": "ayer",
        "week": "esta semana",
        "all": "hasta ahora",
    },
    "fr": {
        "current": "dans cette session",
        "last": "dans la dernière session",
        "today": "aujourd'hui",
        "yesterday": "hier",
        "week": "cette semaine",
        "all": "jusqu'ici",
    },
    "de": {
        "current": "in dieser Session",
        "last": "in der letzten Session",
        "today": "heute",
        "yesterday": "gestern",
        "week": "diese Woche",
        "all": "bisher",
    },
    "pt": {
        "current": "nesta sessão",
        "last": "na última sessão",
        "today": "hoje",
        "yesterday": "ontem",
        "week": "esta semana",
        "all": "até agora",
    },
}


def supported(language: str | None) -> str:
    """The language replies are given in: `language` when the bot speaks it, else English."""
    return language if language in LANGUAGES else ENGLISH


def phrase(key: str, language: str | None = None, /, **values: object) -> str:
    """The template `key` in `language` (English when it has none), filled with `values`."""
    table = TEMPLATES[key]
    template = table.get(supported(language)) or table[ENGLISH]
    return template.format(**values)


def said_range(used: RangeOut | None, fallback: str | None, language: str | None) -> str:
    """The range the API used, as said in `language` ('today', 'hoy'); English when there is none."""
    english = times.range_name(used, fallback)
    name = (used.name if used is not None else None) or fallback or ""
    return RANGE_NAMES.get(supported(language), {}).get(name, english)


def and_list(words: Sequence[str], language: str | None = None) -> str:
    """'A', 'A and B', 'A, B and C' (with the language's 'and')."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {phrase('and', language)} {words[-1]}"


def count_messages(number: int, language: str | None = None) -> str:
    """'1 message', '12,345 messages' in `language`."""
    return f"{number:,} {phrase('message' if number == 1 else 'messages', language)}"

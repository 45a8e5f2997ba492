"""The intent rules, one per kind of request; each proposes scored `Candidate` commands.

`_base` holds the scoring every rule shares; `_decide` picks among what the rules propose.
"""

from chronicler.nlp.rules._intents._base import Candidate, Rule, mode_name, modes_in
from chronicler.nlp.rules._intents.ledger_intl import ledger_intl
from chronicler.nlp.rules._intents.moderation import moderation
from chronicler.nlp.rules._intents.modes import configure, configure_described, mode_list
from chronicler.nlp.rules._intents.reading import help_, ledger, lists, status
from chronicler.nlp.rules._intents.sessions_intl import sessions_intl
from chronicler.nlp.rules._intents.settings import channel, channel_told, link, renamed, timezone, webhook
from chronicler.nlp.rules._intents.switching import announcement, switch

# Every rule runs on every message; their order only breaks ties between equal candidates.
RULES: tuple[Rule, ...] = (
    switch,
    announcement,
    sessions_intl,
    configure,
    configure_described,
    mode_list,
    status,
    lists,
    ledger,
    ledger_intl,
    webhook,
    channel,
    renamed,
    channel_told,
    timezone,
    link,
    help_,
    moderation,
)

__all__ = ["RULES", "Candidate", "Rule", "mode_name", "modes_in"]

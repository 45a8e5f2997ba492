"""The Scribe: the after-stream ledger as markdown, JSON, a chart and a short Discord embed.

The caller gathers a session into a `LedgerData` (plain frozen records, see `core.scribe.data`);
everything here is a pure function of it. Chat text is untrusted and is escaped wherever it is
placed in markdown, with as few backslashes as that takes. Times are shown in the streamer's
time zone, events as offsets into the stream.

Errors: `LedgerError` (the ledger data, or a stored ledger being read back, is malformed). The
product builds that data itself, so it is an internal failure: a `ChroniclerError`, and still a
`ValueError` for callers that catch one (the tree is drawn in `chronicler.contract.errors`).
"""

from chronicler.domain.scribe.activity import per_minute_counts, quiet_stretches
from chronicler.domain.scribe.chart import render_chart
from chronicler.domain.scribe.data import (
    AgentLine,
    ChatterCount,
    FlagExample,
    FlagGroup,
    LedgerClip,
    LedgerData,
    LedgerNumbers,
    LedgerSeed,
    LedgerSession,
    NotableLine,
    UnheardChat,
)
from chronicler.domain.scribe.embed import embed_length, summarize
from chronicler.domain.scribe.errors import LedgerError
from chronicler.domain.scribe.export import from_json, to_json
from chronicler.domain.scribe.markdown import render_markdown
from chronicler.domain.scribe.notable import Condensed, condense
from chronicler.domain.scribe.review import FlagReview, review_digest

__all__ = [
    "AgentLine",
    "ChatterCount",
    "Condensed",
    "FlagExample",
    "FlagGroup",
    "FlagReview",
    "LedgerClip",
    "LedgerData",
    "LedgerError",
    "LedgerNumbers",
    "LedgerSeed",
    "LedgerSession",
    "NotableLine",
    "UnheardChat",
    "condense",
    "embed_length",
    "from_json",
    "per_minute_counts",
    "quiet_stretches",
    "render_chart",
    "render_markdown",
    "review_digest",
    "summarize",
    "to_json",
]

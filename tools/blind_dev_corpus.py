"""Write the blind DEV sets (bench/dm_blind/dev*.jsonl) into tools/dm_corpus/<language>_blind_dev.txt.

The intent model is taught them verbatim, by intent, beside the hand-written corpus: DMs other hands
wrote blind, in the way streamers type. The EVAL sets are never read here. Lines the corpus format
would misread (a "#" comment, a "[section]", a "{placeholder}") are left out.
Run from the repo root: .venv/bin/python tools/blind_dev_corpus.py && make intent-model
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "bench" / "dm_blind"
CORPUS = ROOT / "tools" / "dm_corpus"
HEADER = (
    "# The DEV sets of bench/dm_blind/ ({sets}): DMs written blind by other hands,\n"
    "# kept verbatim (values and all) by tools/blind_dev_corpus.py. The EVAL sets are never here.\n\n"
)


def _usable(text: str) -> bool:
    return not (
        "{" in text or "}" in text or text.startswith("#") or (text.startswith("[") and text.endswith("]"))
    )


def main() -> None:
    sets = sorted(path for path in BLIND.glob("dev*.jsonl"))
    by_language: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sets:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            dm = json.loads(line)
            text = " ".join(dm["text"].split())
            if _usable(text):
                by_language[dm["lang"]][dm["intent"]].append(text)
    names = ", ".join(path.stem for path in sets)
    for language, intents in sorted(by_language.items()):
        body = "".join(
            f"[{intent}]\n" + "\n".join(lines) + "\n\n" for intent, lines in sorted(intents.items())
        )
        (CORPUS / f"{language}_blind_dev.txt").write_text(HEADER.format(sets=names) + body, encoding="utf-8")
        print(f"{language}: {sum(len(lines) for lines in intents.values())} DMs")


if __name__ == "__main__":
    main()

"""Building the configured parser and text generator from settings."""

from __future__ import annotations

from typing import Literal

from chronicler.nlp.llm import LLMConfig, LLMParser, LLMText, TextGenerator
from chronicler.nlp.result import Parser

ParserKind = Literal["rules", "llm", "auto"]
PARSER_KINDS: tuple[str, ...] = ("rules", "llm", "auto")


def make_parser(kind: ParserKind, llm: LLMConfig | None = None) -> Parser:
    """The parser to use: "auto" picks the LLM when one is configured, with the built-in parser beside it.

    That one answers first when it is sure, grounds the model's state-changing commands, and answers
    when the model fails. Building an LLM parser with ``llm.warm_up`` set sends one small request in
    the background (the prompt cached before the first DM); it never blocks.
    """
    if kind not in PARSER_KINDS:
        raise ValueError(f"parser must be one of {', '.join(PARSER_KINDS)}, got {kind!r}")
    if kind == "llm" and llm is None:
        raise ValueError(
            "parser 'llm' needs an LLM configured (base_url and model); or use 'rules' or 'auto'"
        )
    # Imported here so this module loads even where the rules parser is being worked on.
    from chronicler.nlp.rules import RuleParser

    rules = RuleParser()
    if kind == "rules" or llm is None:
        return rules
    return LLMParser(llm, fallback=rules)


def make_text_generator(llm: LLMConfig | None) -> TextGenerator | None:
    """An LLM text generator, or None when no LLM is configured (callers then use templates)."""
    return LLMText(llm) if llm is not None else None

"""The registry: one handler per command of the contract, duplicates refused, help from docstrings."""

from __future__ import annotations

import pytest

from chronicler.bot.handlers import build_registry
from chronicler.bot.registry import DuplicateHandler, Registry
from chronicler.bot.replies import Reply
from chronicler.contract.commands import CONTRACT, Command


def test_every_command_of_the_contract_has_a_handler():
    registry = build_registry()
    assert {spec.key for spec in registry} == set(CONTRACT)


def test_registering_the_same_command_twice_raises():
    registry = Registry()

    @registry.handler("session", "stop", examples=["stop"])
    async def first(command, ctx, api):
        """Stop."""
        return Reply.text("stopped")

    with pytest.raises(DuplicateHandler, match="already has a handler.*first"):

        @registry.handler("session", "stop")
        async def second(command, ctx, api):
            """Stop again."""
            return Reply.text("stopped")


def test_a_handler_needs_a_docstring_and_a_contract_command():
    registry = Registry()

    def undocumented(command, ctx, api):
        return Reply.text("?")

    with pytest.raises(ValueError, match="docstring"):
        registry.handler("help")(undocumented)
    with pytest.raises(ValueError, match="not a command"):

        @registry.handler("session", "list")
        def wrong(command, ctx, api):
            """Not in the contract."""


def test_include_refuses_overlapping_registries():
    one, two = Registry(), Registry()

    def helper(command, ctx, api):
        """Help."""
        return Reply.text("help")

    one.handler("help")(helper)
    two.handler("help")(helper)
    merged = Registry()
    merged.include(one)
    with pytest.raises(DuplicateHandler):
        merged.include(two)


async def test_dispatch_runs_sync_and_async_handlers():
    registry = Registry()

    @registry.handler("help")
    def sync_help(command, ctx, api):
        """Help, synchronously."""
        return Reply.text("sync")

    @registry.handler("session", "status")
    async def async_status(command, ctx, api):
        """Status, asynchronously."""
        return Reply.text("async")

    assert (await registry.dispatch(Command(interaction_type="help"), None, None)).chunks == ("sync",)
    status = Command(interaction_type="session", action="status")
    assert (await registry.dispatch(status, None, None)).chunks == ("async",)
    with pytest.raises(KeyError):
        await registry.dispatch(Command(interaction_type="flags", action="list"), None, None)


def test_help_lists_every_command_with_its_summary_and_examples():
    registry = build_registry()
    text = registry.help_text()
    for spec in registry:
        if spec.key == ("unknown", None):
            assert not spec.examples  # nothing to show for "not understood"
            continue
        assert spec.examples, f"{spec.key} has no examples for the help"
        assert spec.summary.rstrip(".") in text
        for example in spec.examples:
            assert f"“{example}”" in text
    assert "“start chronicling tonight's stream”" in text

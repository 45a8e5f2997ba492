"""Routing commands to handlers: one handler per (interaction_type, action), registered by decorator.

    handlers = Registry()

    @handlers.handler("session", "stop", examples=["stop chronicling"])
    async def stop(command: Command, ctx: Context, api: StreamerApi) -> Reply:
        \"\"\"Stop chronicling and say how the session went.\"\"\"

A handler's docstring (first line) and examples are its entry in the help. Registering a second
handler for the same pair raises `DuplicateHandler` at import, as does merging registries that
overlap (`include`).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from chronicler.bot.replies import Reply
from chronicler.contract.commands import CONTRACT, Command
from chronicler.contract.errors import ChroniclerError

if TYPE_CHECKING:
    from chronicler.bot.context import Context
    from chronicler.bot.streamer_api import StreamerApi

Key = tuple[str, str | None]
HandlerFunc = Callable[["Command", "Context", "StreamerApi"], "Reply | Awaitable[Reply]"]
F = TypeVar("F", bound=HandlerFunc)


class DuplicateHandler(ChroniclerError):
    """Two handlers claim the same (interaction_type, action).

    A programming error, raised at import: no caller can fix it (not a UserError) and no retry helps
    (not a ServiceUnavailable), so it is the bare root, whose 500 `internal_error` is what a bug is.
    """


@dataclass(frozen=True)
class HandlerSpec:
    """A registered handler and what the help says about it."""

    interaction_type: str
    action: str | None
    func: HandlerFunc
    examples: tuple[str, ...]

    @property
    def key(self) -> Key:
        """The (interaction_type, action) pair it answers."""
        return (self.interaction_type, self.action)

    @property
    def summary(self) -> str:
        """The first line of the handler's docstring."""
        return (inspect.getdoc(self.func) or "").splitlines()[0]


class Registry:
    """Handlers by (interaction_type, action)."""

    def __init__(self) -> None:
        self._specs: dict[Key, HandlerSpec] = {}

    def handler(
        self, interaction_type: str, action: str | None = None, *, examples: Sequence[str] = ()
    ) -> Callable[[F], F]:
        """Register the decorated function for one command of `ai.commands.CONTRACT`."""

        def register(func: F) -> F:
            """Add `func` to the registry and hand it back unchanged."""
            self.add(HandlerSpec(interaction_type, action, func, tuple(examples)))
            return func

        return register

    def add(self, spec: HandlerSpec) -> None:
        """Register `spec`; ValueError for a pair outside the contract or without a docstring."""
        if spec.key not in CONTRACT:
            raise ValueError(f"{spec.key} is not a command of ai.commands.CONTRACT")
        if not inspect.getdoc(spec.func):
            raise ValueError(f"the handler for {spec.key} needs a docstring: the help is made from it")
        if spec.key in self._specs:
            taken = self._specs[spec.key].func
            raise DuplicateHandler(
                f"{spec.key} already has a handler: {taken.__module__}.{taken.__qualname__}"
            )
        self._specs[spec.key] = spec

    def include(self, other: Registry) -> None:
        """Add every handler of `other` (a module's registry); DuplicateHandler on overlap."""
        for spec in other:
            self.add(spec)

    def get(self, key: Key) -> HandlerSpec:
        """The handler for `key`; KeyError when there is none."""
        return self._specs[key]

    def __contains__(self, key: object) -> bool:
        return key in self._specs

    def __iter__(self) -> Iterator[HandlerSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    async def dispatch(self, command: Command, ctx: Context, api: StreamerApi) -> Reply:
        """Run the handler for `command` (sync or async) and return its reply."""
        result = self.get((command.interaction_type, command.action)).func(command, ctx, api)
        return await result if inspect.isawaitable(result) else result

    def help_text(self) -> str:
        """One line per command, from the handlers' docstrings and examples, in contract order."""
        lines = []
        for key in CONTRACT:
            spec = self._specs.get(key)
            if spec is None or not spec.examples:
                continue
            examples = ", ".join(f"“{example}”" for example in spec.examples)
            lines.append(f"• **{spec.summary.rstrip('.')}** — e.g. {examples}")
        return "\n".join(lines)

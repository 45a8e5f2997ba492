"""Sanctum Chronicler: a self-hosted assistant for Twitch streamers, controlled from Discord.

The parts, and which way their imports point (tests/test_layering.py holds them to it):

    contract   what crosses a process boundary: commands, modes, ranges, API bodies, error codes
    domain     the product's judgement, pure: chat, the Warden, Librarian, Hearthkeeper, Steward, Scribe
    store      every SQL statement: the database, migrations and one module per kind of record
    pipeline   live chat through the modes into the store
    accounts   streamers, passwords and tokens
    nlp        DMs into commands: the built-in rules parser and the LLM parser
    api        the JWT-protected Flask API
    bot        the Discord (or console) conversation; talks to the rest only over HTTP
    twitch     EventSub and Helix, the simulator and log replay, the chat worker
    scheduler  idle checks, stale sessions, ledger delivery
    runtime    the process supervisor behind `chronicler run`
    cli        the `chronicler` command: reads the settings once and wires the parts together
"""

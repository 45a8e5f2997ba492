"""The Discord bot: plain-language DMs in, replies out, the rest of the product reached only over HTTP.

    bot.conversation.Conversation   the DM flow, Discord-free (rate limit, link, parse, confirm,
                                    dispatch, audit, notices); the Discord client and the console drive it
    bot.registry.Registry           handlers by (interaction_type, action); `bot.handlers.build_registry()`
    bot.replies.Reply               what a handler answers: text chunks, embeds, files
    bot.api_client.ApiClient        the HTTP client and its errors (`ApiError` and below)
    bot.auth                        where tokens come from: `/api/bot/token`, or a provider (the console)
    bot.discord_client.ChroniclerBot  the discord.py client
    bot.console.run_console         the conversation in a terminal
    bot.factory                     building and running either from settings

`bot` imports `ai` and `config` only; never `core`, `api`, `twitch` or `scheduler`.
"""

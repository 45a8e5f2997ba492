"""What the Warden knows about domains: shorteners, throwaway endings, trusted brands and real TLDs."""

from __future__ import annotations

# Services whose only job is to hide where a link goes, and IP loggers dressed up as links.
SHORTENERS: frozenset[str] = frozenset({
    "bit.ly", "bitly.com", "goo.gl", "tinyurl.com", "t.co", "ow.ly", "is.gd", "v.gd", "buff.ly",
    "cutt.ly", "rb.gy", "shorturl.at", "tiny.cc", "t.ly", "rebrand.ly", "bl.ink", "s.id", "adf.ly",
    "adfoc.us", "linkbucks.com", "shorte.st", "sh.st", "ouo.io", "bc.vc", "clck.ru", "u.to",
    "soo.gd", "shrtco.de", "tr.im", "x.co", "lnkd.in", "qr.ae", "tiny.one", "shorturl.com",
    "grabify.link", "iplogger.org", "iplogger.com", "iplogger.ru", "2no.co", "yip.su",
})

# Endings that cost next to nothing to register and are mostly used for short-lived scam sites.
THROWAWAY_TLDS: frozenset[str] = frozenset({
    "tk", "ml", "ga", "cf", "gq", "xyz", "top", "icu", "buzz", "cyou", "rest", "monster", "click",
    "surf", "cam", "bar", "quest", "sbs", "cfd", "gdn", "loan", "men", "date", "win", "bid",
    "racing", "download", "zip", "mov", "su", "pw",
})

# Brands whose look-alike domains are used to steal logins and items, with their real domains.
BRANDS: tuple[str, ...] = ("discord", "steamcommunity", "steampowered", "twitch", "paypal")
OFFICIAL_HOSTS: frozenset[str] = frozenset({
    "discord.com", "discord.gg", "discordapp.com", "discordapp.net", "discord.media", "discord.gift",
    "discord.new", "discord.co", "discord.dev", "discordstatus.com",
    "steamcommunity.com", "steampowered.com", "twitch.tv", "twitch.com", "twitchcon.com",
    "paypal.com", "paypal.me",
})

# Hosts that only ever serve Discord server invites.
DISCORD_INVITE_HOSTS: frozenset[str] = frozenset({
    "discord.gg", "dsc.gg", "discord.io", "discord.me", "discord.link", "invite.gg",
})

# First path segments of twitch.tv that are Twitch's own pages, not somebody's channel.
TWITCH_PAGES: frozenset[str] = frozenset({
    "videos", "directory", "p", "settings", "subscriptions", "downloads", "jobs", "turbo", "prime",
    "wallet", "drops", "inventory", "search", "friends", "messages", "store", "popout", "moderator",
})

# Endings accepted for a link written without http:// ("streamboo.com"). A closed list, so that
# "p.hd" or "lol.xd" in a sentence is not taken for a link.
KNOWN_TLDS: frozenset[str] = THROWAWAY_TLDS | frozenset({
    "com", "net", "org", "info", "biz", "club", "online", "site", "store", "shop", "live",
    "stream", "tv", "gg", "io", "co", "me", "ly", "app", "dev", "gov", "edu", "pro", "vip", "fun",
    "space", "website", "link", "page", "blog", "news", "media", "art", "design", "games", "game",
    "tech", "cloud", "world", "life", "today", "email", "chat", "social", "ws", "cc", "gift",
    "us", "uk", "de", "fr", "ru", "cn", "jp", "br", "in", "it", "es", "nl", "pl", "se", "no", "fi",
    "dk", "ch", "at", "be", "cz", "pt", "gr", "tr", "ua", "kr", "au", "ca", "nz", "mx", "ar",
    "cl", "ro", "hu", "sk", "bg", "hr", "rs", "lt", "lv", "ee", "ie", "il", "za", "eg", "sa", "ae",
    "ir", "pk", "id", "my", "ph", "th", "vn", "sg", "hk", "tw", "by", "kz", "to", "so", "am", "fm",
})

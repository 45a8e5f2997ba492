"""Telling emotes from words: a list of well-known emote names plus the shapes emotes take."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Twitch globals and the most used BetterTTV, FrankerFaceZ and 7TV emotes. Case matters: chat
# types emotes exactly as named, so "lul" in lower case is a word and "LUL" an emote.
_TWITCH = """
    4Head ANELE ArgieB8 ArsonNoSexy AsianGlow BabyRage BatChest BCWarrior BegWan BibleThump BigBrother
    BigPhish BlargNaut BlessRNG BloodTrail BOP BrainSlug BrokeBack BuddhaBar CaitlynS CarlSmile
    ChefFrank cmonBruh CoolCat CoolStoryBob CorgiDerp CrreamAwk CurseLit DAESuppy DansGame DarkMode
    DatSheffy DBstyle DendiFace DogFace DoritosChip duDudu DxCat EarthDay EleGiggle EntropyWins
    FailFish FBBlock FBCatch FBChallenge FBPass FBPenalty FBRun FBSpiral FBtouchdown FrankerZ
    FreakinStinkin FUNgineer FutureMan GayPride GenderFluidPride GingerPower GivePLZ GlitchCat
    GlitchLit GrammarKing GunRun HarleyWink HassaanChop HeyGuys HolidayCheer HotPokket HSCheers
    HSWP InuyoFace ItsBoshyTime JKanStyle Jebaited Jebasted JonCarnage KAPOW Kappa KappaClaus
    KappaPride KappaRoss KappaWealth Kappu Keepo KevinTurtle Kippa KomodoHype KonCha Kreygasm
    LUL LuvOops MaxLOL MercyWing1 MercyWing2 MikeHogu MingLee ModLove MorphinTime MrDestructoid
    MVGame NinjaGrumpy NomNom NotATK NotLikeThis OhMyDog OneHand OpieOP OptimizePrime OSFrog
    PanicVis PartyHat PartyTime PeoplesChamp PermaSmug PicoMause PinkMercy PipeHype PixelBob
    PizzaTime PJSalt PJSugar PMSTwin PogBones PogChamp PopCorn PopNemo PorscheWIN PowerUpL
    PowerUpR PraiseIt PRChase PrimeMe PunchTrees PunOko RaccAttack RalpherZ RedCoat ResidentSleeper
    RitzMitz RlyTho RuleFive SabaPing SeemsGood SeriousSloth ShadyLulu ShazBotstix SingsMic
    SingsNote SMOrc SoBayed SoonerLater Squid1 Squid2 Squid3 Squid4 SSSsss StinkyCheese
    StinkyGlitch StoneLightning StrawBeary SuperVinlin SwiftRage TakeNRG TBAngel TearGlove TehePelo
    TheIlluminati TheRinger TheTarFu TheThing ThunBeast TinyFace TombRaid TooSpicy TPFufun TPcrunchyroll
    TransgenderPride TriHard TTours TwitchLit TwitchRPG TwitchSings TwitchUnity TwitchVotes UncleNox
    UnSane UWot VirtualHug VoHiYo VoteNay VoteYea WholeWheat WTRuck WutFace YouDontSay YouWHY
"""
_BTTV_FFZ_7TV = """
    3Head 4HEad 5Head AlienDance AngelThump AYAYA BBoomer bruhFAINT catJAM CiGrip ClapHD Clap
    COPIUM Copege D: DonoWall EZ FeelsAmazingMan FeelsBadMan FeelsBirthdayMan FeelsDankMan
    FeelsGoodMan FeelsOkayMan FeelsRainMan FeelsStrongMan FeelsWeirdMan forsenCD gachiBASS
    gachiGASM gachiHYPER gachiW GachiPls gachiPls haHAA HandsUp HYPERCLAP HYPERS KEKW KEKWait
    KKomrade KKona KKool LULW modCheck Madge monkaEyes monkaGIGA monkaH monkaHmm monkaOMEGA monkaS
    monkaSHAKE monkaW monkaX NaM nymnCorn OMEGALUL OMEGAEZ OkayChamp peepoClap peepoGiggles
    peepoHappy peepoLeave peepoSad peepoSmile peepoWTF PepeHands PepeLaugh pepeLaugh PepeJam pepeJAM
    PepePls pepeD pepeDS PepeScoots Pepega PepegaShake PepoThink Pog PogU POGGERS POGGIES PogYou
    PauseChamp ppHop ricardoFlick RainbowPls Sadge SourPls TriKool weSmart WeirdChamp widepeepoHappy
    widepeepoSad YEP ZULUL Krappa Kapp LULE OMEGADANCE monkaTOS PepeDoor WaitWhat NiceLa GabeN
"""
EMOTES: frozenset[str] = frozenset((_TWITCH + _BTTV_FFZ_7TV).split())

# A lower-case letter followed by a capital inside one token: PepeHands, catJAM, admiralFedora.
_CAMEL = re.compile(r"[a-z][A-Z]")


def is_camel_case(token: str) -> bool:
    """True for tokens shaped like emote names (a capital right after a lower-case letter)."""
    return _CAMEL.search(token) is not None


def emotes_in(tokens: Sequence[str]) -> set[str]:
    """The distinct emotes among a message's whitespace-separated tokens.

    An emote is a known name, or a CamelCase token that is either repeated in the message
    ("catJAM catJAM") or is the whole message ("admiralFedora"): channel emotes look like that,
    and ordinary words almost never do.
    """
    if len(tokens) == 1:  # the most common emote message: one emote on its own
        token = tokens[0]
        return {token} if token in EMOTES or _CAMEL.search(token) else set()
    distinct = set(tokens)
    found = distinct & EMOTES
    if len(distinct) == 1:
        (token,) = distinct
        if not found and _CAMEL.search(token):
            found.add(token)
    elif len(distinct) < len(tokens):
        for token in distinct - found:
            if _CAMEL.search(token) and tokens.count(token) > 1:
                found.add(token)
    return found

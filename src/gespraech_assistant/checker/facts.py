"""Guideline `no_naive_questions`, part 1: is this a fact question, and about what?

A question is a *fact question* when one of its clauses asks (who / how many / when / where /
which / is it ...) for a fact of a known kind (a *concept*: employees, revenue, CEO ...), and the
clause does not ask for the partner's view, experience or their own team. Clauses matter:
"Sie haben 1'450 Mitarbeitende – wie verändert das die Zusammenarbeit?" states a fact and asks
for insight, which the method recommends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gespraech_assistant.checker.suggest import language_of
from gespraech_assistant.checker.text import norm, segments, words
from gespraech_assistant.textnorm import STOPWORDS


@dataclass(frozen=True)
class Concept:
    name: str
    question: re.Pattern[str]
    evidence: re.Pattern[str]
    asks: frozenset[str]
    #: basic company facts are `researchable` even when the notes don't have them
    basic: bool = True
    #: WHO questions about this concept want a person's name (not just any noun)
    person: bool = False


def _c(
    name: str, question: str, evidence: str, asks: str, basic: bool = True, person: bool = False
) -> Concept:
    return Concept(
        name, re.compile(question), re.compile(evidence), frozenset(asks.split()), basic, person
    )


CONCEPTS: list[Concept] = [
    _c(
        "employees",
        r"\b(?:mitarbeit\w*|angestellte\w*|beschaeftigte\w*|beschaeftigt|beschaeftigen|belegschaft"
        r"|personalbestand|(?:leute|personen|menschen) (?:arbeiten|sind beschaeftigt)|employees?"
        r"|staff|headcount|workforce|people (?:work|are employed)|employ|employs)\b"
        r"|\bwie gross ist (?:ihre|eure|deine|die) (?:firma|unternehmen|organisation)\b"
        r"|\bhow (?:big|large) is (?:your|the) (?:company|firm|organi[sz]ation)\b",
        r"\b(?:mitarbeitende\w*|mitarbeiter\w*|beschaeftig\w*|angestellte|employees|staff"
        r"|headcount|people|personen|menschen|leute)\b",
        "count what",
    ),
    _c(
        "revenue",
        r"\b(?:\w*umsatz\w*|umsaetze|revenues?|turnover|erloes\w*|sales figures)\b",
        r"\b(?:umsatz\w*|revenues?|turnover|erloes\w*)\b",
        "count what",
    ),
    _c(
        "founding",
        r"\b(?:gegruendet|gruendung\w*|gruender\w*|founded|founding|founders?|established|genesis"
        r"|seit wann gibt es|gibt es \w+(?: \w+){0,3} schon|been around|entstanden)\b",
        r"\b(?:gegruendet|gruendung\w*|gruender\w*|founded|founding|founders?|established"
        r"|entstand\w*)\b",
        "time who what count",
        person=True,
    ),
    _c(
        "management",
        r"\b(?:ceo|cfo|cto|coo|chief executive|chef|chefin|geschaeftsfuehr\w*|geschaeftsleitung"
        r"|konzernleitung|firmenleitung|unternehmensleitung|vorstand\w*|verwaltungsrat\w*"
        r"|managing director|leitet|leiten|fuehrt|an der spitze|head of|runs|running|in charge"
        r"|verantwortlich|zustaendig|responsible|boss|chairs?|chairman|chairwoman|chairperson"
        r"|board|leads?|heads?|manages|praesident\w*)\b",
        r"\b(?:ceo|cfo|cto|coo|chief \w+ officer|chief executive|geschaeftsfuehr\w*|managing"
        r" director|head of|leiter\w*|leitet|fuehrt|verwaltungsratspraesident\w*|praesident\w*"
        r"|chair\w*|verantwortlich|responsible|nachfolger\w*|successor)\b",
        "who",
        person=True,
    ),
    _c(
        "competitors",
        r"\b(?:haupt|kern|direkte\w* )?(?:konkurrent\w*|konkurrenz\w*|mitbewerber\w*|wettbewerber\w*"
        r"|competitors?|competition|rivals?|compete)\b",
        r"\b(?:konkurrent\w*|konkurrenz\w*|konkurriert|mitbewerber\w*|wettbewerb\w*|competitors?"
        r"|competition|compete\w*|rivals?)\b",
        "who what",
    ),
    _c(
        "customers",
        r"\b(?:kunden\w*|kundschaft|kundengruppen|zielgruppe\w*|abnehmer|customers?|clients?"
        r"|customer segments?|an wen (?:verkauf|liefer)\w*|sell to|who buys|who (?:\w+ ){0,2}pay\w*"
        r"|wer (?:\w+ ){0,2}(?:bezahlt|zahlt)|kostentraeger|payers?)\b",
        r"\b(?:kunde\w*|customers?|clients?|verkauf\w*|sells?|beliefer\w*|abnehmer|buy\w*)\b",
        "who what count",
    ),
    _c(
        "products",
        r"\b(?:produkte?|produktpalette|produktlinie\w*|sortiment|angebot|portfolio"
        r"|dienstleistungen|leistungen|products?|product lines?|offerings?|was (?:verkaufen|bieten)"
        r" sie|what do you (?:sell|make|offer)|stellt \w+(?: \w+){0,3} her|herstell\w*"
        r"|stellen sie\b[^?]{0,20}\bher|biete[nt] \w+(?: \w+){0,3} an"
        r"|what (?:\w+ ){1,3}(?:makes|sells|produces|offers|manufactures))\b",
        r"\b(?:produkt\w*|products?|portfolio|sortiment|leistungen|angebot|offer\w*)\b",
        "what count",
    ),
    _c(
        "business",
        r"\b(?:was (?:genau |eigentlich |ueberhaupt )?(?:macht|tut|machen) (?:ihre|eure|deine|die"
        r"|ihr|euer|dein|das) (?:firma|unternehmen|organisation|haus)|geschaeftsmodell\w*|business model|value proposition"
        r"|marktsegment\w*|market segment|positionier\w*|kerngeschaeft|core business"
        r"|what does (?:your|the) (?:company|firm|organi[sz]ation) (?:actually |exactly )?do"
        r"|what (?:your|the) (?:company|firm|organi[sz]ation) (?:actually |really )?does)\b",
        r"\b(?:entwickelt|produziert|vertreibt|develops|builds|operates|sells|positioniert"
        r"|geschaeftsmodell|business model|hersteller|producer|manufacturer|dienstleister|anbieter"
        r"|provider|unternehmen|company)\b",
        "what",
    ),
    _c(
        "hq",
        r"\b(?:hauptsitz\w*|firmensitz|sitz|zentrale|hauptquartier|headquarter\w*|head office|hq"
        r"|based)\b",
        r"\b(?:hauptsitz\w*|sitz|zentrale|headquarter\w*|head office|based)\b",
        "where what",
    ),
    _c(
        "locations",
        r"\b(?:standort\w*|niederlassung\w*|filiale\w*|locations?|offices|sites|werke|depots?"
        r"|warehouses?|lagerstandort\w*"
        r"|produktionsstandort\w*|plants|factories)\b"
        r"|\b(?:wo|where)\b[^?]{0,40}\b(?:produzier\w*|produc\w*|herstell\w*|hergestellt"
        r"|manufactur\w*|fertig\w*|gefertigt|build|builds|built|baut|gebaut|assembl\w*"
        r"|montier\w*|montage|make|makes|made)\b",
        r"\b(?:standort\w*|niederlassung\w*|locations?|offices?|sites?|werk\w*|buero\w*"
        r"|gefertigt|fertigung|produziert|produktion|production|manufactur\w*|plants?)\b",
        "where what count",
    ),
    _c(
        "countries",
        r"\b(?:laendern|laender|countries|country|maerkte\w*|markets)\b|\bwo \w+(?: \w+){0,3}"
        r" taetig\b|\bwhere (?:do you|does \w+) operate\b",
        r"\b(?:laender\w*|land|countries|country|maerkte\w*|markets?|taetig|active|aktiv"
        r"|operates?)\b",
        "where what count",
    ),
    _c(
        "listing",
        r"\b(?:boerse\w*|boersenkotiert|kotiert|listed|publicly traded|public company"
        r"|stock exchange|ipo|aktionaer\w*|hauptaktionaer\w*|eigentuemer\w*|inhaber|besitzer"
        r"|wem gehoert|shareholders?|owners?|owns|owned|ownership|privately held|family.owned"
        r"|go public|went public|gone public|konzern\w*|muttergesellschaft|parent company"
        r"|subsidiary|aktie|aktien|shares|beteiligung\w*|stake|stakes|anteile an|\w*kapitalisierung"
        r"|boersenwert|market cap\w*|market value)\b",
        r"\b(?:boerse\w*|kotiert|listed|stock exchange|aktionaer\w*|eigentuemer\w*|gehoert"
        r"|shareholders?|owns?|owned|privately|privat|held|haelt|aktien|shares|beteiligung\w*"
        r"|stake)\b",
        "yesno who what time count",
    ),
    _c(
        "dividend",
        r"\b(?:dividende\w*|dividends?|ausschuett\w*|payouts?)\b",
        r"\b(?:dividende\w*|dividends?|ausschuett\w*|payouts?)\b",
        "yesno what count",
    ),
    _c(
        "ticker",
        r"\b(?:ticker\w*|tickersymbol|stock symbol|kuerzel)\b",
        r"\b(?:ticker\w*|symbol|kuerzel)\b",
        "what",
    ),
    _c(
        "profitability",
        r"\b(?:profitab\w*|profit|profits|\w*gewinn\w*|rentab\w*|schwarze\w* zahlen|break.?even"
        r"|unter dem strich|bottom line|net income|ebit\w*|\w*ergebnis|earnings"
        r"|making money|make money|burning cash|cash burn|verlust\w*|losses|loss.making)\b",
        r"\b(?:profitab\w*|profit|gewinn\w*|rentab\w*|break.?even|verlust\w*|losses)\b",
        "yesno time what count",
    ),
    _c(
        "acquisition",
        r"\b(?:uebernomm\w*|uebernahm\w*|uebernahme\w*|uebernehmen|uebernimmt|gekauft|kaufte"
        r"|zugekauft|akquir\w*|akquisition\w*|acqui\w*|bought|buy|buys|takeover|took over"
        r"|purchased?)\b",
        r"\b(?:uebernomm\w*|uebernahm\w*|uebernahme\w*|gekauft|kaufte|akquir\w*|acqui\w*"
        r"|bought|takeover|purchased?)\b",
        "time what who count",
        basic=False,
    ),
    _c(
        "funding",
        r"\b(?:investor\w*|geldgeber\w*|finanzierungsrunde\w*|series [a-f]|funding|raised|fund"
        r"|funds|fonds|venture capital|invest|invests|investiert)\b",
        r"\b(?:investor\w*|finanzierungsrunde\w*|series [a-f]|funding|raised|fund|fonds"
        r"|eingesammelt|investiert\w*|invest\w*)\b",
        "who what count time",
    ),
    _c(
        "register",
        r"\b(?:stammkapital|aktienkapital|grundkapital|share capital|handelsregister\w*"
        r"|rechtsform|legal form|uid|registered office|eingetragen)\b",
        r"\b(?:stammkapital|aktienkapital|grundkapital|share capital|handelsregister\w*"
        r"|rechtsform|legal form)\b",
        "count what where yesno",
    ),
    _c(
        "fleet",
        r"\b(?:flotte\w*|\w*flotte|fuhrpark|lastwagen|lkw|trucks?|vehicles?|fahrzeuge"
        r"|turbines?|windraeder|windkraftanlagen|windparks?|wind ?farms?|power plants?"
        r"|kraftwerke)\b",
        r"\b(?:flotte\w*|\w*flotte|fuhrpark|lastwagen|lkw|trucks?|vehicles?|fahrzeug\w*"
        r"|turbines?|windraeder|windkraftanlagen|windparks?|wind ?farms?|power plants?"
        r"|kraftwerke|anlagen)\b",
        "count what",
    ),
    _c(
        "mission",
        r"\b(?:mission\w*|leitbild|leitsatz|vision|purpose|unternehmenszweck|mission statement)\b",
        r"\b(?:mission\w*|leitsatz|leitbild|vision|purpose|statement)\b",
        "what",
    ),
]
# Facts about the partner themselves: fine to ask unless the user's own notes (a profile from
# LinkedIn, an earlier talk) already answer them. Never `researchable`.
PARTNER_CONCEPTS: list[Concept] = [
    _c(
        "tenure",
        r"\b(?:seit wann sind (?:sie|du)|wie lange (?:sind|arbeiten|bist|arbeitest|waren|warst"
        r"|arbeiteten|haben) (?:sie|du)|how long (?:were|did) you"
        r"|how long have you (?:been|worked)|since when have you|when did you (?:join|start)"
        r"|wann (?:haben sie|hast du) (?:bei|angefangen))\b",
        r"\b(?:seit|since|\d{4}\s*[–-]\s*(?:heute|today|now|\d{4}))\b",
        "time count duration",
        basic=False,
    ),
    _c(
        "studies",
        r"\b(?:studiert|studium|studied|study|degree|abschluss|ausbildung|universit\w*"
        r"|hochschule)\b",
        r"\b(?:universit\w*|studium|master|bachelor|mba|meng|msc|hsg|eth|zhaw|degree|studied"
        r"|hochschule)\b",
        "where what who time",
        basic=False,
    ),
    _c(
        "previous_job",
        r"\b(?:vorher|zuvor|davor|bevor|before|previously|frueher|prior to)\b",
        r"\b(?:vorher|zuvor|before|previously|\d{4}\s*[–-]\s*\d{4})\b",
        "where what who",
        basic=False,
    ),
    _c(
        "reports_to",
        r"\b(?:berichten sie|berichtest du|report to|reports to|vorgesetzt\w*|your boss|ihr chef"
        r"|ihre chefin)\b",
        r"\b(?:berichtet|reports to|reporting to)\b",
        "who",
        basic=False,
    ),
    _c(
        "languages",
        r"\b(?:sprache\w*|languages?|spricht|speaks?)\b",
        r"\b(?:sprache\w*|languages?|deutsch|englisch|franzoesisch|italienisch|spanisch|english"
        r"|german|french|italian|spanish|fliessend|fluent)\b",
        "what count yesno",
        basic=False,
    ),
    _c(
        "team_size",
        r"\b(?:team|teams|abteilung|department|report(?:s|ing)? (?:in)?to|berichten an"
        r"|unterstellt)\b",
        r"\b(?:team|teams|abteilung|department)\b",
        "count",
        basic=False,
    ),
]
CONCEPT_BY_NAME = {c.name: c for c in CONCEPTS + PARTNER_CONCEPTS}
PARTNER_ADDRESS = re.compile(r"\b(?:sie|du|dich|dir|ihnen|ihr\w*|dein\w*|you|your)\b")

ASKS: dict[str, re.Pattern[str]] = {
    "count": re.compile(
        r"\b(?:wie ?viel(?:e[nrs]?)?|wieviel\w*|wie hoch|wie gross\w*|wie alt|how (?:many|much|big|large"
        r"|high|old)|what (?:share|percentage|size|proportion)|welche[nrs]? (?:anteil|prozentsatz)"
        r"|wie viel prozent)\b"
    ),
    "time": re.compile(
        r"\b(?:wann|seit wann|bis wann|ab wann|from when|as of when|in welchem jahr|welches jahr"
        r"|when|since when|what year"
        r"|which year|how long (?:has|have|ago|is)|wie lange)\b"
    ),
    "who": re.compile(r"\b(?:wer|wem|wen|von wem|an wen|who|whom|whose)\b"),
    "where": re.compile(r"\b(?:wo|wohin|woher|where)\b"),
    "what": re.compile(
        r"\b(?:was|welche\w*|worauf|womit|wofuer|worin|what|which|in welche\w*)\b"
        r"|\b(?:koennten|koennen|wuerden|could|can|would) (?:sie|you)\b[^?]{0,25}\b(?:sagen"
        r"|erklaeren|erlaeutern|skizzieren|beschreiben|schildern|umreissen|tell|explain|describe"
        r"|outline|walk me through|give me)\b|\bmich wuerde interessieren\b|\b(?:i'?d|i would)"
        r" (?:be curious|like|love) to (?:understand|know|hear|learn)\b|\bi wonder\b"
    ),
    "yesno": re.compile(
        r"^(?:(?:und|and|so|also|ok|okay) )?(?:ist|sind|hat|haben|gibt es|wird|werden|wurde|wurden"
        r"|is|are|does|do|has"
        r"|have|did|was|were|will)\b"
    ),
}
ASKS["duration"] = re.compile(
    r"\b(?:how long (?:do|does|did|will|would|is|are|does it take)|wie lange (?:dauert|dauern"
    r"|warten|wartet|muss|muessen|braucht|brauchen|geht))\b"
)
ASK_ORDER = ("count", "duration", "time", "who", "where", "yesno", "what")

# The clause asks for the partner's view, experience or reasoning: an insight question.
INSIGHT = re.compile(
    r"\b(?:herausforderung\w*|challeng\w*|huerde\w*|hurdles?|obstacles?|schwierig\w*|difficult\w*"
    r"|hardest|schwerste\w*|problem\w*|risk\w*|risiko\w*|sehen sie|siehst du|seht ihr|meinung"
    r"|ansicht|ihrer sicht|aus sicht|view|opinion|einschaetz\w*|schaetzen sie|halten sie"
    r"|denken sie|glauben sie|think|believe|feel|erleb\w*|experienc\w*|gelernt|lernen|learn\w*"
    r"|teach\w*|bedeut\w*|mean|means|veraender\w*|chang\w*|entscheid\w*|decid\w*|warum|weshalb"
    r"|wieso|why|umgehen|umgang|deal with|handle|handling|rechnen sich|pay off|priorit\w*"
    r"|ueberrasch\w*|surpris\w*|gereizt|reizt|motivier\w*|spannend|exciting|interesting"
    r"|do you see|you see|lessons?|lehren|erkenntnis\w*|insights?|takeaways?"
    r"|lohn\w*|worth|empfehl\w*|recommend\w*|ratschlag|advice"
    r"|advise|tipps?|unterscheid\w*|differ\w*|typisch\w*|typical\w*|thrive|erfolg\w*|success\w*"
    r"|hakt|struggl\w*|merkt|spuer\w*|notice|zusammenarbeit|collaborat\w*|alltag|day-to-day"
    r"|daily|culture|kultur|zukunft|future|naechsten jahren|next few years|trends?|strateg\w*"
    r"|plans?|planning|planned|planen|geplant|planung|ziel\w*|goals?)\b"
    # 'Was beschäftigt Sie?' = what occupies you (singular verb, Sie as object), not headcount
    r"|\bbeschaeftigt (?:sie|dich|euch|ihr team|ihre? abteilung)\b|\bumtreib\w*|\bumtreibt\b"
    r"|\bwas (?:\w+ ){0,2}beschaeftigt\b|\b(?:occupies|preoccupies) you\b|\bon your mind\b"
    r"|\bkeeps you (?:busy|up)\b"
)

# The clause is about the partner's own team, role or person: not public, worth asking.
PARTNER_SCOPE = re.compile(
    r"\b(?:(?:ihr|ihre|ihrem|ihren|ihrer|ihres|dein|deine|deinem|deinen|deiner|euer|eure|eurem"
    r"|euren|eurer) (?:team|teams|abteilung|bereich|gruppe|rolle|funktion|job|stelle|einheit)"
    r"|im team|sie persoenlich|du persoenlich|persoenlich|your (?:own )?(?:team|teams|department"
    r"|group|unit|role|job|area|function)|your team's|you personally|personally|in your role"
    r"|your (?:\w+ ){1,3}(?:team|department|group|unit)"
    r"|(?:ihr|ihrem|ihrer|euer|eurem|dein\w*) (?:\w+ ){1,2}(?:team|abteilung|gruppe))\b"
)

COMPANY_PRONOUN = re.compile(
    r"\b(?:ihr\w*|ihnen|sie|euch|eure?\w*|euer\w*|dein\w*|du|dir|dich|you|your|yours|the company"
    r"|the firm|die firma"
    r"|das unternehmen|the organi[sz]ation|it)\b"
)

# Asking for people to talk to is what the method recommends, never a naive fact question.
CONTACT_REQUEST = re.compile(
    r"\b(?:kennen sie jemand\w*|kennst du jemand\w*|wen kennen sie|wen kennst du|wen sollte ich"
    r"|wen koennte ich|mit wem (?:sollte|koennte|kann) ich|vorstellen|vorstellung|kennenlernen"
    r"|introduc\w*|who else (?:should|could|would|might|can|do you|is worth)|talk to|speak (?:to|with)|anyone in your network|do you know anyone"
    r"|know (?:someone|anybody|anyone)|jemanden (?:aus|bei|im|in)|someone (?:at|in|on|from)"
    r"|kennt sich\b[^?]{0,60}\baus|auskennt|knows? (?:the )?most about|ansprech\w*"
    r"|mich\b[^?]{0,30}\bmelde\w*|reach out to)\b"
)
GENERIC_WHAT = re.compile(
    r"^(?:(?:und|and|also|so) )?(?:was (?:ist|war|sind|waren)|welche[rsn]? \w+ (?:ist|war|hat|hatte)"
    r"|what (?:is|was|are|were)|what's)\b"
)
NAMED_BUSINESS = re.compile(
    r"^(?:(?:und|and|also|so) )?(?:was (?:genau |eigentlich |ueberhaupt )?macht \w+(?: \w+){0,2}"
    r"(?: genau| eigentlich| ueberhaupt)?|what (?:exactly )?does \w+(?: \w+){0,2}"
    r" (?:actually |exactly |really )?do(?: exactly)?)$"
)

_V1_GENERIC = r"^[a-z]+(?:t|en) (?:die|der|das|den|\w+ (?:ag|gmbh))\b"
# a yes/no question about a fact (not 'do you think', which INSIGHT catches first)
YESNO_FACT = re.compile(
    r"^(?:(?:und|and|so) )?(?:ist|sind|hat|haben|wird|werden|wurde|wurden|is|are|does|has|have"
    r"|did|was|were|will)\b(?! (?:ich|i|you|sie|du|es|it|there|anyone|jemand)\b)"
)
# the user speaks about themselves: a question about their own plans, never a company fact
FIRST_PERSON_SUBJECT = re.compile(r"\b(?:ich|i|i'm|i've|i'd|mich|my|mein\w*)\b")
GENERIC_OPENING = re.compile(
    r"^(?:(?:und|and|also|so|in|an|von|bis|seit|fuer|um|mit|auf|ab|for|since|to|by|at|from) )?"
    r"(?:wie ?viel(?:e[nrs]?)?|wieviel\w*"
    r"|wie hoch|wie gross\w*|wann|seit wann|bis wann|wie lange|wer|wem|when|since when|who|whom"
    r"|how (?:many|much|big|large|high|old|long)|wo|where|welche[nrs]? anteil)\b|"
    + GENERIC_WHAT.pattern
    + r"|"
    + YESNO_FACT.pattern
    + r"|"
    + _V1_GENERIC
)
ROLES: dict[str, tuple[str, ...]] = {
    "ceo": ("ceo", "chief executive", "geschaeftsfuehrer", "geschaeftsfuehrerin"),
    "cfo": ("cfo", "chief financial", "finanzchef"),
    "cto": ("cto", "chief technology", "technologiechef"),
    "coo": ("coo", "chief operating"),
    "chair": (
        "verwaltungsratspraesident",
        "verwaltungsratspraesidentin",
        "chair",
        "chairman",
        "chairwoman",
        "praesident",
        "praesidentin",
        "praesidiert",
        "vorsitzende",
        "vorsitzender",
        "chairs",
    ),
    # the board is not the management: a note naming the CEO does not say who sits on the board
    "board": ("board", "verwaltungsrat", "verwaltungsrats", "verwaltungsrates", "aufsichtsrat"),
}
# 'who else ... apart from the chair / besides Hans Baumgartner' asks for the others: a note
# that names the excluded one answers nothing
EXCLUSION = re.compile(
    r"\b(?:besides|apart from|other than|except(?: for)?|ausser|ausgenommen|neben|abgesehen von)"
    r"((?: [\w'-]+){1,3})"
)
_DIVISION = re.compile(
    r"\b(?:sparte|geschaeftsbereich|division|segment|business unit|bereich) (?:fuer )?([a-z]{4,})"
)
_NUMBER = re.compile(r"\b\d[\d'.,]*\d\b|\b\d\b")

PLACES: dict[str, tuple[str, ...]] = {
    "deutschland": ("deutschland", "germany", "german", "deutschen", "deutsche"),
    "schweiz": ("schweiz", "switzerland", "swiss", "schweizer"),
    "oesterreich": ("oesterreich", "austria", "austrian", "vorarlberg"),
    "frankreich": ("frankreich", "france", "french", "franzoesisch"),
    "italien": ("italien", "italy", "italian", "italienisch"),
    "usa": ("usa", "us", "vereinigte staaten", "united states", "amerika", "america", "the states"),
    "polen": ("polen", "poland", "polish", "polnisch"),
    "daenemark": ("daenemark", "denmark", "danish", "daenisch"),
    "tschechien": ("tschechien", "czech", "czechia", "tschechisch"),
    "ungarn": ("ungarn", "hungary", "hungarian", "ungarisch"),
    "spanien": ("spanien", "spain"),
    "europa": ("europa", "europe", "eu"),
    "asien": ("asien", "asia"),
    "china": ("china",),
    "indien": ("indien", "india"),
    "uk": ("grossbritannien", "britain", "uk", "england", "united kingdom"),
    "niederlande": ("niederlande", "netherlands"),
    "nahost": ("nahen osten", "naher osten", "middle east"),
    "nordamerika": ("nordamerika", "north america"),
    "malaysia": ("malaysia",),
}

FILLER = set(
    [
        "eigentlich",
        "genau",
        "insgesamt",
        "aktuell",
        "derzeit",
        "zurzeit",
        "momentan",
        "heute",
        "noch",
        "schon",
        "ungefaehr",
        "etwa",
        "rund",
        "kurz",
        "primaer",
        "ueberhaupt",
        "denn",
        "mal",
        "bitte",
        "gerade",
        "jetzt",
        "nun",
        "ganz",
        "grob",
        "actually",
        "exactly",
        "currently",
        "today",
        "now",
        "roughly",
        "approximately",
        "about",
        "main",
        "core",
        "high-level",
        "overview",
        "curious",
        "understand",
        "interessieren",
        "interessiert",
        "erlaeutern",
        "erklaeren",
        "skizzieren",
        "beschreiben",
        "sagen",
        "tell",
        "explain",
        "describe",
        "outline",
        "give",
        "could",
        "would",
        "koennten",
        "koennen",
        "wuerden",
        "wuerde",
        "mir",
        "mich",
        "me",
        "please",
        "firm",
        "firma",
        "unternehmen",
        "company",
        "haus",
        "organisation",
        "organization",
        "hauptsaechlich",
        "vor",
        "allem",
        "mainly",
        "primarily",
        "originally",
        "original",
        "last",
        "letzten",
        "letztes",
        "letzte",
        "vorjahr",
        "year",
        "jahr",
        "im",
        "jahr",
        "welchem",
        "geschaeftsjahr",
        "geschaeftsjahres",
        "fiscal",
        "financial",
        "geld",
        "money",
        "neue",
        "neuen",
        "neuer",
        "new",
        "important",
        "wichtigste",
        "wichtigsten",
        "biggest",
        "largest",
        "groesste",
        "groessten",
        "key",
        "anteil",
        "share",
        "proportion",
        "percentage",
        "prozent",
        "days",
        "these",
        "still",
        "already",
        "bereits",
        "yet",
        "ever",
        "kamen",
        "kam",
        "came",
        "joined",
        "autumn",
        "herbst",
        "spring",
        "fruehling",
        "summer",
        "sommer",
        "winter",
        "ordering",
        "these",
        "very",
        "right",
        "really",
        "anyway",
        "ends",
        "end",
        "ending",
        "nutshell",
        "individual",
        "total",
        "overall",
        "moment",
        "at",
        "kind",
        "sort",
        "type",
        "running",
        "besides",
        "else",
        "apart",
        "part",
        "took",
        "take",
        "sits",
        "sit",
        "hinter",
        "herr",
        "herrn",
        "frau",
        "mr",
        "mrs",
        "ms",
        "steckt",
        "stecken",
        "zusammen",
        "pro",
        "side",
        "lange",
        "allowed",
        "able",
    ]
)
# Question words count as noise here too: "welchem", "wen", "viele" carry no subject.
STOP = (STOPWORDS - {"denn", "noch", "schon"}) | set(
    [
        "active",
        "after",
        "ago",
        "aktiv",
        "any",
        "arbeiten",
        "become",
        "befindet",
        "before",
        "beim",
        "being",
        "beruht",
        "big",
        "bis",
        "come",
        "comes",
        "deine",
        "deinem",
        "deinen",
        "deiner",
        "direct",
        "direkter",
        "doing",
        "dort",
        "euer",
        "eure",
        "eurem",
        "euren",
        "eurer",
        "expect",
        "first",
        "gearbeitet",
        "geben",
        "get",
        "gibt",
        "got",
        "gross",
        "hier",
        "high",
        "hoch",
        "huge",
        "ihrer",
        "into",
        "large",
        "leute",
        "line",
        "long",
        "made",
        "majority",
        "make",
        "makes",
        "many",
        "most",
        "much",
        "nach",
        "operate",
        "people",
        "per",
        "privately",
        "publicly",
        "run",
        "runs",
        "sein",
        "seine",
        "seinen",
        "seit",
        "sell",
        "sells",
        "serve",
        "sich",
        "since",
        "small",
        "soll",
        "sollen",
        "sollte",
        "some",
        "statement",
        "supply",
        "taetig",
        "than",
        "them",
        "used",
        "using",
        "via",
        "viel",
        "viele",
        "vielen",
        "vor",
        "welchem",
        "wem",
        "wen",
        "whose",
        "wieviele",
        "will",
        "wollen",
        "womit",
        "worauf",
        "work",
        "worked",
        "would",
        "wurde",
        "wurden",
    ]
)


@dataclass
class FactQuery:
    """One fact-asking clause of a question, with what an answer must contain."""

    clause: str
    ask: str
    concept: Concept | None
    concept_words: list[str]
    companies: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    company_pronoun: bool = False
    roles: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    divisions: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    #: the clause asks about the partner themselves (their tenure, studies, team)
    partner: bool = False
    #: roles and names the question sets aside ('who else besides X'): no answer may be about them
    excluded: list[str] = field(default_factory=list)
    #: folded words the user wrote with a capital inside the sentence: names and, in German,
    #: nouns; a name no note knows means the notes are not about what is asked
    capitalised: list[str] = field(default_factory=list)
    #: German question: its lowercase words are verbs, adverbs and adjectives, the phrasing
    #: around the nouns; a note that shares them is closer, one that lacks them still answers
    phrasing: list[str] = field(default_factory=list)

    @property
    def answer_type(self) -> str:
        if self.ask == "count":
            return "number"
        if self.ask == "time":
            return "year"
        if self.ask == "duration":
            return "duration"
        if self.ask == "who":
            return "person" if self.concept and self.concept.person else "entity"
        if self.ask == "where":
            return "place"
        return "topic"


@dataclass
class Names:
    """Companies and people the workspace knows, as folded aliases -> display name."""

    companies: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)

    def pattern(self, table: dict[str, str]) -> re.Pattern[str] | None:
        if not table:
            return None
        alts = sorted(table, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b")

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self._company_re = self.pattern(self.companies)
        self._person_re = self.pattern(self.persons)

    def companies_in(self, folded: str) -> list[str]:
        if not self._company_re:
            return []
        return _unique(self.companies[m.group(0)] for m in self._company_re.finditer(folded))

    def persons_in(self, folded: str) -> list[str]:
        if not self._person_re:
            return []
        return _unique(self.persons[m.group(0)] for m in self._person_re.finditer(folded))


def _unique(items) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _ask_type(clause: str) -> tuple[str, int] | None:
    best: tuple[int, int, str] | None = None
    for order, name in enumerate(ASK_ORDER):
        match = ASKS[name].search(clause)
        if match and (best is None or (match.start(), order) < (best[0], best[1])):
            best = (match.start(), order, name)
    if best is None:
        return None
    # 'wie viele' beats 'welche' only when it comes first; a leading verb makes it yes/no
    return best[2], best[0]


def _concept_for(clause: str, ask: str, at: int) -> tuple[Concept, list[str]] | None:
    for concept in CONCEPTS:
        if ask not in concept.asks:
            continue
        match = concept.question.search(clause)
        # the fact word must belong to the asking part, not to a long preamble
        if match and match.start() - at <= 80 and match.end() >= at:
            return concept, [m.group(0) for m in concept.question.finditer(clause)]
    return None


_INITIAL = re.compile(r"\b([A-Z])\. (?=[A-Z])")
_VOCATIVE = re.compile(r"^\s*(?:(?:herr|frau|mr|mrs|ms|dr)\.? )?([a-z]+(?: [a-z]+)?),\s+")
# amounts: 'what was the net profit' asks for a number as 'how high' does
_LEFT_OVER = re.compile(r"^(?:was|what) (?:\w+ ){0,6}(?:uebrig|left)")
AMOUNT_CONCEPTS = {"revenue", "profitability", "employees", "dividend", "register"}


def _without_vocative(question: str, names: Names) -> str:
    """'Martin, wie lange ...?' -> 'wie lange ...?': the partner's name opens, the ask follows."""
    match = _VOCATIVE.match(norm(question))
    if match and any(match.group(1) in alias.split() for alias in names.persons):
        return question[match.end() :]
    return question


def analyze(question: str, names: Names) -> FactQuery | None:
    """The first clause that asks for a checkable fact, or None."""
    vocative = _without_vocative(question, names)
    addressed = vocative != question
    question = _INITIAL.sub(r"\1 ", vocative)  # 'B. Braun' is one name, not two sentences
    folded = norm(question)
    if CONTACT_REQUEST.search(folded):
        return None
    for clause in segments(folded):
        query = _analyze_clause(clause, folded, names, addressed)
        if query is not None:
            query.capitalised = _capitalised(question, query, names)
            umlaut = "de" if re.search(r"[äöüßÄÖÜ]", question) else "en"
            if language_of(question, umlaut) == "de":
                query.phrasing = _lowercase_words(question, query)
            return query
    return None


_SENTENCE_START = re.compile(r"(?:^|[.?!:;–—-]\s|\s[–—-]\s|,\s)\W*$")
_CAP_WORD = re.compile(r"[A-ZÄÖÜ][\w'’&-]*")
# a German noun comes with a determiner, quantifier or contracted preposition; a name often not
_GERMAN_DETERMINER = re.compile(
    r"\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|im|am|vom|zum|zur|beim|ins"
    r"|ihr\w*|sein\w*|unser\w*|eur\w*|dies\w*|jede\w*|welche\w*|viele?|wie viel|neue\w*"
    r"|aktuelle\w*|letzte\w*|gesamte\w*|ganze\w*|wenige\w*|mehrere\w*|keine\w*|alle\w*)\s+$"
)


def _lowercase_words(question: str, query: FactQuery) -> list[str]:
    """Words written lowercase, and the opening verb ('Schreibt Medivo ...?')."""
    capital = {
        p
        for m in _CAP_WORD.finditer(question)
        if not _SENTENCE_START.search(question[: m.start()])
        for p in words(norm(m.group(0)))
    }
    return [t for t in query.terms if t not in capital]


def _capitalised(question: str, query: FactQuery, names: Names) -> list[str]:
    """Capitalised words of the asking clause that are not its first word, nor a known company,
    person, place or role (those are checked on their own)."""
    known = set()
    for alias in list(names.companies) + list(names.persons):
        known.update(alias.split())
    for forms in PLACES.values():
        for form in forms:
            known.update(form.split())
    for forms in ROLES.values():
        known.update(forms)
    out = []
    for match in _CAP_WORD.finditer(question):
        before = question[: match.start()]
        if _SENTENCE_START.search(before) or _GERMAN_DETERMINER.search(norm(before[-30:])):
            continue
        for word in words(norm(match.group(0))):
            for part in word.split("-"):
                if (
                    len(part) >= 3
                    and part in query.clause
                    and part not in known | STOP | FILLER
                    and not any(
                        part in words(c) and query.concept.question.search(part)
                        for c in query.concept_words
                    )
                ):
                    out.append(part)
    return _unique(out)


def _partner_concept(clause: str, ask: str) -> tuple[Concept, list[str]] | None:
    for concept in PARTNER_CONCEPTS:
        if ask in concept.asks:
            match = concept.question.search(clause)
            if match:
                return concept, [match.group(0)]
    return None


_V1 = re.compile(r"^(?:\w+ )?([a-z]+(?:t|en))\s+(\w+)")
_V1_SUBJECT = re.compile(r"^(?:sie|ihr\w*|euer\w*|eure\w*|die|der|das|den|man|es)$")
_NOT_VERB = STOP | {"welchen", "wen", "wem", "wann", "bitte", "heute", "jetzt", "gut", "recht"}


def _verb_first(clause: str, names: Names) -> bool:
    """A German yes/no question opens with the finite verb: 'Zahlt Alpenblick eine Dividende?'."""
    match = _V1.match(clause)
    if not match or match.group(1) in _NOT_VERB:
        return False
    subject = match.group(2)
    return bool(_V1_SUBJECT.match(subject) or names.companies_in(subject))


def _analyze_clause(
    clause: str, folded: str, names: Names, addressed: bool = False
) -> FactQuery | None:
    found = _ask_type(clause)
    if found is None and _verb_first(clause, names):
        found = ("yesno", 0)
    if found is None or INSIGHT.search(clause):
        return None
    ask, at = found
    match = _concept_for(clause, ask, at)
    if match is None:
        for other in ASK_ORDER:
            other_match = ASKS[other].search(clause)
            if other != ask and other_match:
                match = _concept_for(clause, other, other_match.start())
                if match:
                    ask = other
                    break
    concept, concept_words = match if match else (None, [])
    named_person = bool(names.persons_in(clause))
    if FIRST_PERSON_SUBJECT.search(clause) and not names.companies_in(clause) and not named_person:
        return None
    partner = False
    about_partner = PARTNER_ADDRESS.search(clause) or named_person or addressed
    if PARTNER_SCOPE.search(folded) or (concept is None and about_partner):
        found_partner = _partner_concept(clause, ask)
        if found_partner:
            (concept, concept_words), partner = found_partner, True
    if concept is None and NAMED_BUSINESS.match(clause) and names.companies_in(clause):
        concept, concept_words, ask = CONCEPT_BY_NAME["business"], [], "what"
    # Without a known fact kind only a clause that opens with who/how many/when/what is ... is
    # a fact ask; the notes must then share most of its words (see notes.answer)
    if concept is None and not GENERIC_OPENING.match(clause):
        return None
    if concept is None and GENERIC_WHAT.match(clause):
        ask = "what"
    if (
        concept is not None
        and concept.name in AMOUNT_CONCEPTS
        and ask == "what"
        and (GENERIC_WHAT.match(clause) or _LEFT_OVER.match(clause))
    ):
        ask = "count"
    query = FactQuery(clause=clause, ask=ask, concept=concept, concept_words=concept_words)
    query.companies = names.companies_in(clause) or names.companies_in(folded)
    query.persons = names.persons_in(clause) or names.persons_in(folded)
    query.company_pronoun = bool(COMPANY_PRONOUN.search(clause))
    query.partner = partner
    if PARTNER_SCOPE.search(folded) and not names.companies_in(clause) and not partner:
        return None
    _qualifiers(query, names)
    return query


def _qualifiers(query: FactQuery, names: Names) -> None:
    clause = query.clause
    query.roles = [
        r for r, forms in ROLES.items() if any(re.search(rf"\b{f}\b", clause) for f in forms)
    ]
    exclusion = EXCLUSION.search(clause)
    if exclusion:
        rest = exclusion.group(1)
        for role in list(query.roles):
            if any(re.search(rf"\b{f}\b", rest) for f in ROLES[role]):
                query.roles.remove(role)
                query.excluded.extend(ROLES[role])
        for alias in names.persons:
            if re.search(rf"\b{re.escape(alias)}\b", rest):
                query.excluded.append(alias)
        query.excluded += [
            w for w in words(rest) if w not in STOP and w not in FILLER and len(w) >= 4
        ]
    query.numbers = _NUMBER.findall(clause)
    query.places = [
        p
        for p, forms in PLACES.items()
        if any(re.search(rf"\b{re.escape(f)}\b", clause) for f in forms)
    ]
    query.divisions = [d for d in _DIVISION.findall(clause) if d not in STOP]
    skip = set(FILLER) | STOP
    for text in query.concept_words + [norm(c) for c in query.companies + query.persons]:
        skip.update(words(text))
    for alias in list(names.companies) + list(names.persons):
        if alias in clause:
            skip.update(alias.split())
    for place in query.places:
        skip.update(w for f in PLACES[place] for w in f.split())
    query.terms = [
        w
        for w in _split_compounds(words(clause))
        if len(w) >= 4
        and w not in skip
        and not w[0].isdigit()
        and w not in query.divisions
        and not any(w in ROLES[r] for r in query.roles)
    ]


def _split_compounds(tokens: list[str]) -> list[str]:
    """'sensor-pflaster' counts as 'sensor' and 'pflaster': notes may say 'Pflaster-Sensor'."""
    out: list[str] = []
    for token in tokens:
        parts = [p for p in token.split("-") if p] if "-" in token else [token]
        out.extend(parts)
    return out

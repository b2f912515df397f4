"""Rewrites that keep the user's intent and pass the checker, in the question's language.

Every template here is an insight, contact or own-goal question; `QuestionChecker` verifies each
suggestion before it is shown and falls back to SAFE when one would not pass.
"""

from __future__ import annotations

import re

from gespraech_assistant.checker.text import norm, words

_DE = set(
    [
        "der",
        "die",
        "das",
        "und",
        "ich",
        "sie",
        "ist",
        "nicht",
        "wie",
        "was",
        "wer",
        "mit",
        "bei",
        "ihr",
        "ihre",
        "ihnen",
        "ihrem",
        "mir",
        "mich",
        "du",
        "dein",
        "fuer",
        "eine",
        "ein",
        "zu",
        "auf",
        "es",
        "sich",
        "haben",
        "hat",
        "wird",
        "werden",
        "kann",
        "koennen",
        "koennten",
        "sollte",
        "waere",
        "wuerde",
        "noch",
        "schon",
        "auch",
        "oder",
        "wo",
        "wann",
        "welche",
        "welchen",
        "seit",
        "gibt",
        "dass",
        "mein",
        "meine",
        "meinen",
        "einen",
        "dem",
        "den",
        "des",
        "im",
        "vom",
        "zum",
        "zur",
        "sind",
        "war",
        "uns",
        "euch",
        "dir",
        "dich",
        "gerne",
        "bitte",
    ]
)
_EN = set(
    [
        "the",
        "and",
        "i",
        "you",
        "is",
        "not",
        "how",
        "what",
        "who",
        "with",
        "at",
        "your",
        "me",
        "my",
        "a",
        "an",
        "to",
        "on",
        "it",
        "have",
        "has",
        "will",
        "can",
        "could",
        "should",
        "would",
        "still",
        "also",
        "or",
        "where",
        "when",
        "which",
        "since",
        "there",
        "that",
        "are",
        "was",
        "us",
        "do",
        "does",
        "did",
        "be",
        "been",
        "for",
        "of",
        "in",
        "any",
        "about",
        "please",
    ]
)


def language_of(text: str, default: str) -> str:
    tokens = words(norm(text))
    de = sum(1 for t in tokens if t in _DE)
    en = sum(1 for t in tokens if t in _EN)
    if de == en:
        return default
    return "de" if de > en else "en"


def pick(lang: str, de: str, en: str, **values: str) -> str:
    text = de if lang == "de" else en
    return text.format(**values) if values else text


# Insight questions that build on a fact from the notes; {v} is the fact's key value.
INSIGHT_WITH_VALUE: dict[str, tuple[str, str]] = {
    # each template only restates the note's fact ({v}) and asks what it means; none adds a
    # claim the note does not make (growth, several sites, a trend)
    "employees": (
        "Mit {v} Mitarbeitenden{p} – wie erleben Sie die Zusammenarbeit zwischen den Teams?",
        "With {v} employees{p} – how do you experience the collaboration between teams?",
    ),
    "revenue": (
        "Bei einem Umsatz von {v} – wo sehen Sie in Ihrem Bereich die grössten Wachstumschancen?",
        "With revenue at {v}, where do you see the biggest growth opportunities in your area?",
    ),
    "founding": (
        "Die Firma gibt es seit {v} – was ist von der Gründerkultur heute noch spürbar?",
        "The company has been around since {v} – how much of the founding culture do you still "
        "notice today?",
    ),
    "management": (
        "Seit {v} an der Spitze steht – was hat sich für Ihren Bereich konkret verändert?",
        "Since {v} took the lead – what has changed for your area in practice?",
    ),
}
INSIGHT: dict[str, tuple[str, str]] = {
    "employees": (
        "Wie erleben Sie die Zusammenarbeit zwischen den Teams im Alltag?",
        "How do you experience the collaboration between teams day to day?",
    ),
    "revenue": (
        "Wo sehen Sie in Ihrem Bereich die grössten Wachstumschancen für die nächsten Jahre?",
        "Where do you see the biggest growth opportunities in your area over the next few years?",
    ),
    "founding": (
        "Was ist von der Gründerkultur heute im Alltag noch spürbar?",
        "How much of the founding culture do you still notice in day-to-day work?",
    ),
    "management": (
        "Was hat sich für Ihren Bereich verändert, seit die heutige Geschäftsleitung im Amt ist?",
        "What has changed for your area since the current management took over?",
    ),
    "competitors": (
        "Worin unterscheiden Sie sich im Alltag am deutlichsten von diesen Wettbewerbern?",
        "Where do you notice the difference to these competitors most in day-to-day work?",
    ),
    "customers": (
        "Wie verändern sich die Anforderungen dieser Kunden gerade, und was heisst das für Ihr "
        "Team?",
        "How are these customers' needs changing, and what does that mean for your team?",
    ),
    "products": (
        "Welches dieser Produkte wird für Ihren Bereich in den nächsten Jahren am wichtigsten – "
        "und warum?",
        "Which of these products will matter most for your area over the next few years – and why?",
    ),
    "business": (
        "Was bedeutet dieses Geschäftsmodell für die Arbeit in Ihrem Team?",
        "What does this business model mean for the work in your team?",
    ),
    "hq": (
        "Wie erleben Sie die Zusammenarbeit zwischen dem Hauptsitz und den anderen Standorten?",
        "How do you experience the collaboration between headquarters and the other sites?",
    ),
    "locations": (
        "Wie erleben Sie die Zusammenarbeit zwischen den Standorten im Alltag?",
        "How do you experience the collaboration between the sites day to day?",
    ),
    "countries": (
        "Was bedeutet die Präsenz in diesen Ländern für die Arbeit in Ihrem Team?",
        "What does being active in these countries mean for the work in your team?",
    ),
    "listing": (
        "Was bedeutet die Eigentümerstruktur für Entscheidungen in Ihrem Bereich?",
        "What does the ownership structure mean for decisions in your area?",
    ),
    "mission": (
        "Wo zeigt sich dieser Leitsatz im Alltag Ihres Teams am deutlichsten?",
        "Where does this mission show up most in your team's day-to-day work?",
    ),
    "tenure": (
        "Was haben Sie aus dieser Zeit bei der Firma vor allem mitgenommen?",
        "What did you take away most from your time at the company?",
    ),
    "": (
        "Was bedeutet das konkret für Ihre Arbeit und Ihr Team?",
        "What does that mean for your work and your team in practice?",
    ),
}
SAFE = (
    "Was bedeutet das konkret für Ihre Arbeit und Ihr Team?",
    "What does that mean for your work and your team in practice?",
)

_NUMBER_PHRASE = re.compile(
    r"(?:CHF|EUR|USD|US\$|\$|€|Fr\.)?\s?\d[\d'’.,]*\s?(?:%|Mio\.?|Mrd\.?|Mia\.?|Mn\.?|Bn\.?"
    r"|million|billion|Millionen|Milliarden|m\b|bn\b)?"
)
_UNIT_ABBREV = (".", "Mio.", "Mrd.", "Mia.", "Mn.", "Bn.")
# the headcount stands next to its word: '12'500 Mitarbeitende', 'Mitarbeitende: rund 1'450'
_HEADCOUNT_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:mitarbeit|beschaeftig|angestellt|employee|staff|people|personen|leute"
    r"|fte|vollzeit)"
)
_HEADCOUNT_BEFORE = re.compile(
    r"(?:mitarbeitende|mitarbeiter|beschaeftigte|employees|headcount|staff)\w*\s*:?\s*"
    r"(?:\(?(?:rund|ca\.|etwa|ueber|about|around|approx\.|over)\s*)?$"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_FOUNDING_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_NAME = re.compile(r"\b(?:Dr\. )?[A-ZÄÖÜ][a-zäöüéèøß]+ [A-ZÄÖÜ][a-zäöüéèøß]+(?:-[A-Z][a-z]+)?\b")
_NOT_NAME_START = (
    "Seit",
    "Die",
    "Der",
    "Das",
    "Ende",
    "Anfang",
    "Head",
    "Chief",
    "Im",
    "Am",
    "Seine",
    "Sein",
    "Ihre",
    "Ihr",
    "Neue",
    "Neuer",
    "His",
    "Her",
    "The",
    "New",
)


def key_value(concept: str, text: str, question_numbers: list[str]) -> str | None:
    """The one value a rewrite can name: '1'450', 'CHF 412 Mio.', '1998', 'Dr. Nadine Frei'."""
    if concept == "founding":
        years = _FOUNDING_YEAR.findall(text)
        return years[0] if years else None
    if concept == "management":
        names = [n for n in _NAME.findall(text) if not n.startswith(_NOT_NAME_START)]
        return names[0] if names else None
    if concept == "employees":
        return _headcount(text, question_numbers)
    if concept == "revenue":
        for value in _amounts(text, question_numbers):
            return value
    return None


def _amounts(text: str, question_numbers: list[str]) -> list[str]:
    """Numbers with their currency and unit ('CHF 3,1 Mia.'), years and asked numbers left out."""
    out = []
    for match in _NUMBER_PHRASE.finditer(text):
        value = match.group(0).strip()
        if not value or value in question_numbers or _YEAR.fullmatch(value.rstrip(".,")):
            continue
        if not value.endswith(_UNIT_ABBREV[1:]):
            value = value.rstrip(".,")  # the sentence's full stop, not an abbreviation's
        out.append(value)
    return out


def _headcount(text: str, question_numbers: list[str]) -> str | None:
    """The number that counts people, not the countries or the year beside it."""
    candidates = []
    for match in _NUMBER_PHRASE.finditer(text):
        value = match.group(0).strip().rstrip(".,")
        if not value or value in question_numbers or _YEAR.fullmatch(value) or "%" in value:
            continue
        candidates.append(value)
        after = norm(text[match.end() : match.end() + 30])
        before = norm(text[max(0, match.start() - 40) : match.start()])
        if _HEADCOUNT_AFTER.search(after) or _HEADCOUNT_BEFORE.search(before):
            return value
    return candidates[0] if len(candidates) == 1 else None


def answered_rewrite(
    lang: str, concept: str, fact_text: str, numbers: list[str], located: str | None = None
) -> str:
    """An insight question on the note's fact; `located` ('280 in Polen') is a place's count."""
    place = ""
    if located and concept == "employees":
        value, _, where = located.partition(" in ")
        place = pick(lang, " in {w}", " in {w}", w=where)
    else:
        value = key_value(concept, fact_text, numbers) if concept in INSIGHT_WITH_VALUE else None
    if value:
        de, en = INSIGHT_WITH_VALUE[concept]
        return (
            pick(lang, de, en, v=value, p=place)
            if concept == "employees"
            else pick(lang, de, en, v=value)
        )
    de, en = INSIGHT.get(concept, INSIGHT[""])
    return pick(lang, de, en)


def notes_say(lang: str, fact: str, where: str, rewrite: str) -> str:
    """The suggestion for a question the notes answer: the fact, where it stands, a better ask."""
    return pick(
        lang,
        "Ihre Notizen sagen: «{f}» ({w}). Besser: «{r}»",
        'Your notes say: "{f}" ({w}). Better: "{r}"',
        f=shorten(fact),
        w=where,
        r=rewrite,
    )


def look_up_first(lang: str, rewrite: str) -> str:
    """The suggestion for a basic fact the notes do not have."""
    return pick(
        lang,
        "Vorher nachschlagen (Website, Handelsregister, Geschäftsbericht), dann darauf "
        "aufbauen. Besser: «{r}»",
        "Look it up first (website, company register, annual report), then build on it. "
        'Better: "{r}"',
        r=rewrite,
    )


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def job_rewrite(lang: str, company: str | None) -> str:
    if company:
        return pick(
            lang,
            "Welche Fähigkeiten wird Ihr Team bei {c} in den nächsten zwei Jahren am dringendsten "
            "brauchen – und mit wem sollte ich darüber noch sprechen?",
            "Which skills will your team at {c} need most over the next two years – and who else "
            "should I talk to about that?",
            c=company,
        )
    return pick(
        lang,
        "Welche Fähigkeiten wird Ihr Team in den nächsten zwei Jahren am dringendsten brauchen – "
        "und mit wem sollte ich darüber noch sprechen?",
        "Which skills will your team need most over the next two years – and who else should I "
        "talk to about that?",
    )


_OPTIONS = re.compile(
    r"\b(?:eher |lieber )?(?:in der |in die |bei |in |into |for |go for |on |eher |lieber )"
    r"([A-ZÄÖÜ][\w&.-]*(?: [A-ZÄÖÜ][\w&.-]*)*(?:-Branche)?)\s*(?:,|\boder\b|\bor\b)"
)
# capitalised words that are no option of the user's: pronouns, question words, titles
_NOT_OPTION = {
    "Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren", "Ihrer", "Du", "Dir", "Dich", "Euch", "Er",
    "Es", "Wir", "Man", "Ich", "I", "You", "Your", "We", "They", "Soll", "Sollte", "Should",
    "Which", "Welche", "Was", "Wie", "Wo", "Wer", "What", "How", "Where", "Who", "Bei",
    "Entscheiden", "Herr", "Frau", "Mr", "Mrs", "Ms", "Dr", "Meinung", "Sicht",
}  # fmt: skip


def goal_of(question: str, profile_roles: list[str]) -> tuple[str, str] | None:
    """The user's own goal to put in front, as (kind, text): an option they named in the
    question ('Medtech oder Logistik'), else their first target role from profile.md."""
    for match in _OPTIONS.finditer(question):
        option = match.group(1).strip()
        if option.split()[0] not in _NOT_OPTION:
            return "option", option
    if profile_roles:
        return "role", profile_roles[0]
    return None


def delegation_rewrite(lang: str, goal: tuple[str, str] | None) -> str:
    """State one's own goal and ask for an assessment; a placeholder when none is known."""
    if goal and goal[0] == "role":
        return pick(
            lang,
            "Ich überlege, mich auf eine Rolle als {g} zu konzentrieren – wie schätzen Sie das "
            "ein, und was würde mir dort noch fehlen?",
            "I'm thinking of focusing on a role as {g} – how do you see my chances there, and "
            "what would I still be missing?",
            g=goal[1],
        )
    if goal:
        return pick(
            lang,
            "Ich überlege, mich auf {g} zu konzentrieren – wie schätzen Sie das ein, und was "
            "würde mir dort noch fehlen?",
            "I'm thinking of focusing on {g} – how do you see my chances there, and what would I "
            "still be missing?",
            g=goal[1],
        )
    return pick(
        lang,
        "Ich überlege, mich auf [Ihr Ziel, z. B. Supply-Chain-Leitung in der Medtech] zu "
        "konzentrieren – wie schätzen Sie das ein, und was würde mir dafür noch fehlen?",
        "I'm thinking of focusing on [your goal, e.g. supply chain lead in medtech] – how do you "
        "see my chances, and what would I still be missing?",
    )


_APOLOGY = re.compile(
    r"zeit|belaestig|leid|entschuldig|verzeih|peinlich|dumm|last fallen|wichtigeres|besseres"
    r"|sorry|time|bother|impos|forgive|silly|stupid|terrible|better things|last person"
)


def burden_rewrite(lang: str, triggers: list[str]) -> str:
    if any(_APOLOGY.search(norm(t)) for t in triggers):
        return pick(
            lang,
            "Danke, dass Sie sich Zeit nehmen – ich habe drei konkrete Fragen vorbereitet.",
            "Thank you for making the time – I've prepared three specific questions.",
        )
    return pick(
        lang,
        "Ich orientiere mich gerade neu und gehe meine Zielfirmenliste durch – wen sollte ich "
        "aus Ihrer Sicht unbedingt noch kennenlernen?",
        "I'm working through my target company list right now – who would you say I should "
        "definitely meet?",
    )

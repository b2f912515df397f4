"""Finding messages in the workspace language: which guideline, and why."""

from __future__ import annotations

from gespraech_assistant.i18n import msg

TOPICS: dict[str, tuple[str, str]] = {
    "employees": ("die Grösse der Firma (Mitarbeitende)", "the company's size (employees)"),
    "revenue": ("der Umsatz", "revenue"),
    "founding": ("Gründung und Gründer", "founding and founders"),
    "management": ("die Geschäftsleitung", "management"),
    "competitors": ("die Wettbewerber", "competitors"),
    "customers": ("die Kunden", "customers"),
    "products": ("die Produkte", "products"),
    "business": ("was die Firma macht", "what the company does"),
    "hq": ("der Hauptsitz", "headquarters"),
    "locations": ("die Standorte", "locations"),
    "countries": ("die Länder und Märkte", "countries and markets"),
    "listing": ("Börsenkotierung und Eigentümer", "listing and ownership"),
    "mission": ("die Mission", "the mission"),
    "dividend": ("die Dividende", "the dividend"),
    "ticker": ("das Börsenkürzel", "the ticker symbol"),
    "profitability": ("die Profitabilität", "profitability"),
}


def where(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else source


# Each message is one line: the guideline, a dash, why. The terminal shows it as it is; JSON
# carries the same text in `message`, the kind stays in its own field.
def answered(lang: str, source: str, line: int | None) -> str:
    return msg(
        lang,
        de="Keine naiven Fragen – schon in Ihren Notizen ({w}). Wer fragt, was er schon weiss, "
        "wirkt unvorbereitet; bauen Sie auf dem Fakt auf.",
        en="No naive questions – already in your notes ({w}). Asking what you already know "
        "looks unprepared; build on the fact instead.",
        w=where(source, line),
    )


def researchable(lang: str, concept: str, like: str | None = None) -> str:
    de, en = TOPICS.get(concept, ("", ""))
    topic = (de if lang == "de" else en) if de else ""
    return msg(
        lang,
        de="Keine naiven Fragen – {t}ein Basisfakt, den Website, Handelsregister oder "
        "Geschäftsbericht beantworten{l}. Vorher nachschlagen, dann fragen, was er bedeutet.",
        en="No naive questions – {t}a basic company fact that the website, the commercial "
        "register or the annual report answers{l}. Look it up first, then ask what it means.",
        t=f"{topic}: " if topic else "",
        l=_like(lang, like) if like else "",
    )


def answered_like(lang: str, source: str, line: int | None, like: str) -> str:
    """The learned layer's version: it judged the question naive, the index found the place."""
    return msg(
        lang,
        de="Keine naiven Fragen – ein Basisfakt{l}; Ihre Notizen haben dazu wohl schon etwas "
        "({w}). Bauen Sie auf dem Fakt auf, statt ihn zu erfragen.",
        en="No naive questions – a basic fact{l}; your notes probably cover it already ({w}). "
        "Build on the fact instead of asking for it.",
        l=_like(lang, like),
        w=where(source, line),
    )


def _like(lang: str, example: str) -> str:
    """Why the learned layer spoke: the closest labelled question."""
    return msg(lang, de=" (ähnlich wie «{e}»)", en=' (like "{e}")', e=example)


def _trigger(lang: str, trigger: str, like: str | None) -> str:
    if like:
        return _like(lang, like)
    return msg(lang, de=" («{t}»)", en=' ("{t}")', t=trigger)


def job_request(lang: str, trigger: str, like: str | None = None) -> str:
    return msg(
        lang,
        de="Auf Augenhöhe – das ist eine Bitte um eine Stelle{t}. Sie setzt Ihr Gegenüber "
        "unter Zugzwang; fragen Sie nach dem, was das Team braucht, und nach weiteren Kontakten.",
        en="Eye level – this asks for a job{t}. It puts your partner on the spot; ask what "
        "the team needs and for further contacts instead.",
        t=_trigger(lang, trigger, like),
    )


def delegation(lang: str, trigger: str, like: str | None = None) -> str:
    return msg(
        lang,
        de="Auf Augenhöhe – hier geben Sie Ihr eigenes Ziel an Ihr Gegenüber ab{t}. Nennen "
        "Sie Ihr Ziel selbst und bitten Sie um eine ehrliche Einschätzung.",
        en="Eye level – this hands your own goal-setting to your partner{t}. State your "
        "goal yourself and ask for an honest assessment.",
        t=_trigger(lang, trigger, like),
    )


def burden(lang: str, trigger: str, like: str | None = None) -> str:
    return msg(
        lang,
        de="Auf Augenhöhe – damit laden Sie Ihr Problem bei Ihrem Gegenüber ab{t}. Bleiben "
        "Sie sachlich und selbstbewusst – Sie bringen auch etwas mit.",
        en="Eye level – this unloads your problem on your partner{t}. Stay matter-of-fact "
        "and confident – you bring something to the table too.",
        t=_trigger(lang, trigger, like),
    )


def no_notes(lang: str, company: str) -> str:
    return msg(
        lang,
        de="Keine Notizen zu «{c}» gefunden – ob eine Frage schon beantwortet ist, prüft der "
        "Checker daher nur nach allgemeinen Regeln.",
        en='No notes on "{c}" found – whether your notes answer a question is judged by the '
        "general rules only.",
        c=company,
    )


def learned_unavailable(lang: str, error: str) -> str:
    return msg(
        lang,
        de="Die gelernte Prüfschicht ist nicht verfügbar ({e}); es gelten nur die Regeln.",
        en="The learned checking layer is unavailable ({e}); the rules alone decide.",
        e=error,
    )


def llm_prefix(lang: str) -> str:
    return msg(lang, de="Zweitmeinung (LLM): ", en="Second opinion (LLM): ")

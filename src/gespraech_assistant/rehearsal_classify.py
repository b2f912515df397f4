"""Classify each user turn against the method, in German and English.

Naive questions and eye level (job request, delegation, burden) come from the question
checker (`checker.QuestionChecker`) when it is installed; the built-in patterns below are the
fallback. The conversational intents the checker does not know (goal, contacts, target list,
feedback, thanks, small talk) are detected here.
"""

from __future__ import annotations

import re
from typing import Any

from gespraech_assistant.i18n import msg
from gespraech_assistant.models import Evidence, Target
from gespraech_assistant.rehearsal import PROBLEM_INTENTS as PROBLEMS
from gespraech_assistant.rehearsal import FindingNote, Intent, TurnAnalysis
from gespraech_assistant.textnorm import fold, normalize_company, same_company


def _re(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


GREETING = _re(
    r"^(guten (tag|morgen|abend)|grue?ezi|gruess gott|gruessech|hallo|hoi|servus|hi|hello|hey|"
    r"good (morning|afternoon|evening)|moin)\b"
)
SMALL_TALK = _re(
    r"wie geht('?s| es)", r"how are you", r"wetter", r"weather", r"wochenende", r"weekend",
    r"freut mich", r"nice to (meet|talk)", r"pleasure", r"schoen, dass", r"glad we",
    r"kaffee", r"coffee", r"ferien", r"holiday",
)  # fmt: skip
# Only these ask how the partner is; "Alles bestens, danke der Nachfrage" answers nothing else.
HOW_ARE_YOU = _re(
    r"wie geht('?s| es)", r"how are you", r"how'?s it going", r"how have you been",
    r"alles (gut|klar) bei ihnen", r"wie laeuft('?s| es)",
)  # fmt: skip
THANKS = _re(r"\bdanke", r"\bdank\b", r"\bmerci\b", r"\bthank", r"\bappreciate", r"\bvergelts")
GOODBYE = _re(
    r"auf wiedersehen", r"\btschues", r"\bade\b", r"\bbye\b", r"goodbye", r"see you",
    r"bis bald", r"schoenen tag noch", r"have a (good|nice|great) day", r"\bciao\b",
)  # fmt: skip
GOAL = _re(
    r"mein ziel", r"\bziel (ist|waere)", r"mir geht es (darum|um)", r"mein anliegen",
    r"ich moechte (gerne )?(verstehen|erfahren|herausfinden|wissen|lernen|mehr)",
    r"ich wuerde gerne (verstehen|erfahren|herausfinden|wissen|mehr)",
    r"ich suche (den )?(austausch|kontakt|einblick)", r"ich will (verstehen|herausfinden)",
    r"my goal", r"what i('m| am) (after|looking for|hoping)", r"i('m| am) hoping to",
    r"i('d| would) like to (understand|learn|find out|know|get)", r"i want to (understand|learn)",
    r"my aim", r"i('m| am) exploring",
)  # fmt: skip
CONTACTS = _re(
    r"(wen|wem|jemand\w*|personen|leute|kontakte?|ansprechp\w*)\b[^?.!]{0,60}"
    r"(kennen|empfehlen|vorstellen|sprechen|reden|vermitteln|verbinden|fragen)",
    r"weitere kontakte", r"mit wem (sollte|koennte|soll)", r"kennen sie (dort |da )?(jemand|wen)",
    r"wer (sonst|noch|koennte)", r"who (else )?(should|could|would) i (talk|speak|contact|meet)",
    r"\bkennen sie\b[^?.!]{0,30}\b(jemand\w*|wen|leute|personen)\b",
    r"\bknow (anyone|anybody|someone|somebody|people)\b",
    r"(anyone|someone|somebody|people)\b[^?.!]{0,50}(should (talk|speak)|to talk to|know|recommend|introduce)",
    r"introduce me", r"put me in touch", r"connect me", r"further contacts", r"who do you know",
    r"other people i",
)  # fmt: skip
TARGET_LIST = _re(
    r"meine(r)? (ziel)?liste", r"zielfirmen", r"zielliste", r"target (company )?list",
    r"my list", r"target companies", r"firmen auf meiner", r"companies on my",
)  # fmt: skip
FEEDBACK = _re(
    r"\bchancen\b", r"\bluecke", r"feedback", r"einschaetzung (zu|meines|meiner|von mir)",
    r"wie wirk(e|t) (ich|mein)", r"was fehlt mir", r"wo sehen sie (mich|meine)",
    r"\bchances?\b", r"\bgaps?\b", r"how do i come across", r"what am i missing",
    r"honest (view|opinion|take)", r"realistic(ally)? (for me|is it)",
    r"(mein|meinem|meines) (profil|lebenslauf|hintergrund)\b[^?]{0,40}(passt|passen|sehen|einschaetz)",
    r"(my) (profile|background|cv)\b[^?]{0,40}(fit|see|strong|weak)",
)  # fmt: skip
PERSONAL = re.compile(r"\b(mein\w*|mich|mir|ich|my|me|i)\b")
OFFER = _re(
    r"ich (kann|koennte) ihnen", r"gerne (vermittle|teile|schicke) ich", r"falls es (ihnen )?hilft",
    r"ich (bringe|biete)", r"i (can|could) (introduce|share|send|connect|offer)",
    r"happy to (share|introduce|send)", r"if it helps",
)  # fmt: skip
QUESTION_START = _re(
    r"^(wie|was|welche\w*|wo\w*|warum|wieso|weshalb|inwiefern|wann|wer|wen|wem|koennen|koennten|"
    r"wuerden|haben|hat|gibt|ist|sind|sehen|kennen|what|how|which|why|where|when|who|could|"
    r"would|do|does|did|is|are|have|can)\b"
)
OPEN_START = _re(
    r"^(wie|was|welche\w*|wo(ran|rauf|rin|bei|durch|mit|zu|fuer)?|warum|wieso|weshalb|inwiefern|"
    r"what|how|which|why|where|in what way|to what extent)\b",
    r"\b(wie|what|how|welche|which)\b",
)
# Fallback detectors for when the question checker is not installed.
BUILTIN_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("job_request", _re(
        r"\b(stelle|job|position|vakanz|anstellung|interview|vorstellungsgespraech)\b[^?.!]{0,50}"
        r"\b(fuer mich|mich|bewerb)", r"(fuer mich|mich)\b[^?.!]{0,50}\b(stelle|job|position)\b",
        r"\bbewerb", r"einstellen", r"lebenslauf (weiter|an)", r"(cv|resume) (to|on)",
        r"bei ihnen (zu )?arbeiten", r"hire me", r"any (job )?openings", r"a (job|role|position) for me",
        r"work for you", r"\bapply\b", r"(give|get|offer|find) me (a |an )?(job|role|position)",
        r"\bjob for me", r"stelle fuer mich", r"vacanc", r"offene stelle", r"fill (that|the) (gap|role)",
    )),
    ("delegation", _re(
        r"an meiner stelle", r"was (wuerden|wurden) sie (mir )?(raten|empfehlen|tun)",
        r"was soll ich", r"in my (place|shoes)", r"what should i (do|be)",
        r"what would you (do|recommend|suggest)", r"berufsziel", r"what career",
        r"sagen sie mir,? (was|wohin)", r"tell me what to do",
    )),
    ("burden", _re(
        r"verzweifel", r"arbeitslos", r"aus dem bett", r"schlaflos", r"geht mir (sehr )?schlecht",
        r"weiss nicht (mehr )?weiter", r"helfen sie mir", r"you have to help", r"desperate",
        r"hopeless", r"barely", r"struggling", r"depress", r"can'?t sleep", r"frustriert",
        r"bin am ende", r"so unfair", r"unfair", r"existenz",
    )),
    ("naive", _re(
        r"wie viele mitarbeit", r"\bumsatz\b", r"wer ist (ihr|der|die) (ceo|chef|hauptmitbewerber|konkurrent)",
        r"was (macht|stellt|produziert|verkauft) ihre firma", r"was machen sie (genau )?(als firma|bei)",
        r"wo (ist|liegt|befindet sich) (ihr|der) (hauptsitz|sitz)", r"wann (wurde|ist) .* gegruendet",
        r"how many (employees|people)", r"\brevenue\b", r"who (is|are) your (ceo|competitor)",
        r"what does your company (do|make)", r"where is your (headquarters|hq)", r"when was .* founded",
        r"welche produkte", r"what products", r"hauptmitbewerber", r"main competitor",
    )),
]  # fmt: skip
CHECKER_KIND_TO_INTENT = {
    "answered_in_notes": "naive",
    "researchable": "naive",
    "job_request": "job_request",
    "delegation": "delegation",
    "burden": "burden",
}
# Which intent decides the partner's reaction when a turn has several.
PRIORITY: list[Intent] = [
    "job_request", "burden", "delegation", "naive", "goodbye", "target_list",
    "contacts_request", "feedback_request", "goal", "offer", "good_question", "question",
    "thanks", "greeting", "small_talk", "other",
]  # fmt: skip
DELTAS: dict[str, int] = {
    "job_request": -2, "burden": -1, "delegation": -1, "naive": -1,
    "good_question": 1, "goal": 1, "offer": 1, "thanks": 1,
}  # fmt: skip


def is_question(text: str) -> bool:
    folded = fold(text).strip()
    return folded.endswith("?") or bool(QUESTION_START.search(folded))


# "bei Swisslog", "at Swisslog": the company a contacts question is about, target or not
_ASKED_COMPANY = re.compile(
    r"\b(?:bei|at|von|from)\s+(?:der\s+|the\s+)?"
    r"((?:[A-ZÄÖÜ][\w&.'-]*)(?:\s+(?:[A-ZÄÖÜ][\w&.'-]*|AG|GmbH|SA|Ltd|Inc))*)"
)
_NOT_COMPANY = {"ihnen", "ihrer", "ihrem", "ihr", "uns", "you", "your", "der", "die", "dem",
                "the", "zukunft", "future", "zuerich", "bern", "basel"}  # fmt: skip


def asked_company(text: str, own_company: str) -> str:
    """The company a contacts question names ('Kennen Sie jemanden bei Swisslog?')."""
    for match in _ASKED_COMPANY.finditer(text):
        name = match.group(1).strip(" .'")
        if fold(name) in _NOT_COMPANY or same_company(name, own_company):
            continue
        return name
    return ""


def mentioned_targets(text: str, targets: list[Target], own_company: str) -> list[str]:
    """Target companies named in the turn (by their distinctive first word), except the partner's."""
    folded = " " + " ".join(re.findall(r"[a-z0-9]+", fold(text))) + " "
    found = []
    for target in targets:
        if same_company(target.company, own_company):
            continue
        name = normalize_company(target.company)
        first = name.split()[0] if name else ""
        if (name and f" {name} " in folded) or (len(first) >= 5 and f" {first} " in folded):
            found.append(target.company)
    return found


class TurnClassifier:
    """One per session: the checker (if available) is built once and reused for every turn."""

    def __init__(
        self,
        ws: Any,
        company: str,
        retriever: Any,
        targets: list[Target],
        use_checker: bool = True,
    ) -> None:
        self.ws = ws
        self.language = ws.language
        self.company = company
        self.targets = targets
        self.checker = self._make_checker(ws, company, retriever) if use_checker else None

    @staticmethod
    def _make_checker(ws: Any, company: str, retriever: Any) -> Any:
        try:
            from gespraech_assistant.checker import QuestionChecker
        except ImportError:
            return None
        return QuestionChecker(ws, company or None, retriever=retriever)

    # ---- naive and eye level
    def findings(self, text: str) -> tuple[list[FindingNote], str]:
        if self.checker is not None:
            result = self.checker.check(text)
            return [self._from_checker(f) for f in result.findings], "checker"
        return self._builtin(text), "builtin"

    @staticmethod
    def _from_checker(finding: Any) -> FindingNote:
        return FindingNote(
            guideline=finding.guideline,
            kind=finding.kind,
            message=finding.message,
            suggestion=finding.suggestion,
            evidence=[Evidence(**e.model_dump()) for e in finding.evidence],
        )

    def _builtin(self, text: str) -> list[FindingNote]:
        folded = fold(text)
        out = []
        for kind, pattern in BUILTIN_RULES:
            if kind == "naive" and not is_question(text):
                continue
            if pattern.search(folded):
                out.append(
                    FindingNote(
                        guideline="no_naive_questions" if kind == "naive" else "eye_level",
                        kind="researchable" if kind == "naive" else kind,
                        message=builtin_message(self.language, kind),
                        suggestion=builtin_suggestion(self.language, kind),
                    )
                )
        return out

    # ---- everything together
    def analyze(self, text: str) -> TurnAnalysis:
        folded = fold(text)
        findings, source = self.findings(text)
        intents: list[Intent] = []
        for finding in findings:
            intent = CHECKER_KIND_TO_INTENT.get(finding.kind)
            if intent and intent not in intents:
                intents.append(intent)  # type: ignore[arg-type]
        companies = mentioned_targets(text, self.targets, self.company)
        for intent, hit in (
            ("greeting", GREETING.search(folded)),
            ("small_talk", SMALL_TALK.search(folded)),
            ("thanks", THANKS.search(folded)),
            ("goodbye", GOODBYE.search(folded)),
            ("goal", GOAL.search(folded)),
            ("contacts_request", CONTACTS.search(folded)),
            ("target_list", companies or TARGET_LIST.search(folded)),
            ("feedback_request", FEEDBACK.search(folded) and PERSONAL.search(folded)),
            ("offer", OFFER.search(folded)),
        ):
            if hit:
                intents.append(intent)  # type: ignore[arg-type]
        people_question = "contacts_request" in intents and not TARGET_LIST.search(folded)
        fact_question = bool(set(intents) & {"naive", "job_request"})
        if companies and fact_question and not TARGET_LIST.search(folded) and not people_question:
            intents.remove("target_list")  # "Wie viele Mitarbeitende hat Bühler?" asks a fact
        if "job_request" in intents and "goal" in intents:
            intents.remove("goal")  # "Mein Ziel ist eine Stelle bei Ihnen" is no goal per method
        courtesy = HOW_ARE_YOU.search(folded) and set(intents) <= {
            "greeting",
            "small_talk",
            "thanks",
        }
        if courtesy and "small_talk" not in intents:
            intents.append("small_talk")
        if (
            is_question(text)
            and not courtesy  # "Wie geht es Ihnen?" is courtesy, not a question to rate
            and not set(intents) & {"naive", "job_request", "delegation"}
        ):
            words = len(re.findall(r"\w+", folded))
            open_form = bool(OPEN_START.search(folded.strip()))
            intents.append("good_question" if open_form and words >= 5 else "question")
        if "offer" in intents and not is_question(text):
            # "Ich kann Ihnen Kontakte vermitteln" gives, it doesn't ask
            intents = [i for i in intents if i != "contacts_request"]
        if not intents:
            intents.append("other")
        primary = next(i for i in PRIORITY if i in intents)
        if primary == "target_list" and people_question:
            primary = "contacts_request"  # "Kennen Sie jemanden bei Medivo?" asks for people
        if "goal" in intents and not companies and not folded.rstrip().endswith("?"):
            # "Mein Ziel … und ich möchte Firmen auf meiner Liste durchgehen" announces the plan;
            # the walkthrough itself comes later.
            intents = [
                i
                for i in intents
                if i not in ("target_list", "contacts_request", "feedback_request", "question")
            ]
            primary = "goal" if primary not in PROBLEMS else primary
        return TurnAnalysis(
            intents=intents,
            primary=primary,
            findings=findings,
            companies=companies,
            asked_company=(
                (companies[0] if companies else asked_company(text, self.company))
                if "contacts_request" in intents
                else ""
            ),
            checker=source,  # type: ignore[arg-type]
        )


def rapport_delta(analysis: TurnAnalysis, *, goal_seen: bool, thanked: bool, style: str) -> int:
    """Good questions, a clear goal and an offer warm the partner; rule breaks cool them."""
    delta = 0
    for intent in set(analysis.intents):
        step = DELTAS.get(intent, 0)
        if (intent == "goal" and goal_seen) or (intent == "thanks" and thanked):
            step = 0
        if intent == "naive" and style == "sceptical":
            step = -2
        delta += step
    return max(-3, min(2, delta))


def shorten(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coach_line(language: str, analysis: TurnAnalysis) -> str:
    """One compact line: what the turn did per the method, and a suggestion if it broke a rule."""
    if analysis.findings:
        parts = []
        for finding in analysis.findings[:2]:
            label = KIND_LABELS[language if language == "de" else "en"].get(
                finding.kind, finding.kind
            )
            hint = f" → {shorten(finding.suggestion)}" if finding.suggestion else ""
            where = ""
            if finding.kind == "answered_in_notes" and finding.evidence:
                first = finding.evidence[0]
                where = f" ({first.source}{f':{first.line}' if first.line else ''})"
            parts.append(f"✗ {label}{where}{hint}")
        return " | ".join(parts)
    labels = GOOD_LABELS[language if language == "de" else "en"]
    shown = [labels[i] for i in analysis.intents if i in labels]
    if len(shown) > 1 and labels["question"] in shown:
        shown.remove(labels["question"])
    return "✓ " + (" · ".join(shown[:3]) if shown else labels["other"])


KIND_LABELS = {
    "de": {
        "answered_in_notes": "naiv – steht in Ihren Notizen",
        "researchable": "naiv – öffentlich recherchierbar",
        "job_request": "Augenhöhe – Stellenanfrage",
        "delegation": "Augenhöhe – Ziel delegiert",
        "burden": "Augenhöhe – eigenes Problem abgeladen",
    },
    "en": {
        "answered_in_notes": "naive – it's in your notes",
        "researchable": "naive – publicly researchable",
        "job_request": "eye level – job request",
        "delegation": "eye level – goal delegated",
        "burden": "eye level – unloading your problem",
    },
}
GOOD_LABELS = {
    "de": {
        "good_question": "gute offene Frage, auf Augenhöhe",
        "question": "Frage ok – offen gestellt bekommen Sie mehr",
        "goal": "Ziel klar genannt",
        "contacts_request": "nach weiteren Kontakten gefragt",
        "target_list": "Zielfirmenliste genutzt",
        "feedback_request": "Feedback zu Chancen erbeten",
        "offer": "etwas angeboten – Geben und Nehmen",
        "thanks": "bedankt",
        "greeting": "Begrüssung",
        "small_talk": "Small Talk – dann zum Ziel kommen",
        "goodbye": "Verabschiedung",
        "other": "auf Augenhöhe",
    },
    "en": {
        "good_question": "good open question, eye level",
        "question": "fine – an open question gets you more",
        "goal": "goal stated clearly",
        "contacts_request": "asked for further contacts",
        "target_list": "used the target list",
        "feedback_request": "asked for feedback on chances",
        "offer": "offered something – give and take",
        "thanks": "said thanks",
        "greeting": "greeting",
        "small_talk": "small talk – then get to your goal",
        "goodbye": "goodbye",
        "other": "eye level",
    },
}


def builtin_message(language: str, kind: str) -> str:
    return {
        "job_request": msg(
            language, de="Direkte Frage nach einer Stelle.", en="A direct job request."
        ),
        "delegation": msg(
            language, de="Sie schieben Ihr Ziel dem Gegenüber zu.", en="You hand your goal to them."
        ),
        "burden": msg(
            language, de="Sie laden Ihr Problem beim Gegenüber ab.", en="You unload your problem."
        ),
        "naive": msg(
            language,
            de="Das lässt sich mit etwas Recherche beantworten.",
            en="A little research answers this.",
        ),
    }[kind]


def builtin_suggestion(language: str, kind: str) -> str:
    return {
        "job_request": msg(
            language,
            de="Fragen Sie nach Einschätzung und Kontakten statt nach einer Stelle.",
            en="Ask for their view and for contacts instead of a job.",
        ),
        "delegation": msg(
            language,
            de="Nennen Sie Ihr eigenes Ziel und fragen Sie gezielt danach.",
            en="State your own goal and ask about it specifically.",
        ),
        "burden": msg(
            language,
            de="Bleiben Sie sachlich: Was möchten Sie von dieser Person wissen?",
            en="Stay factual: what do you want to learn from this person?",
        ),
        "naive": msg(
            language,
            de="Recherchieren Sie das vorher und fragen Sie nach der Einschätzung dahinter.",
            en="Research it beforehand and ask for their view behind it.",
        ),
    }[kind]

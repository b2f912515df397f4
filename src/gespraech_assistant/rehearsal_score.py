"""The scorecard against the method, the Markdown transcript and saving it to history/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from gespraech_assistant.i18n import msg
from gespraech_assistant.rehearsal import Persona, RehearsalTranscript, Scorecard, ScoreItem, Turn
from gespraech_assistant.textnorm import slugify

QUOTE_CHARS = 140
#: (key, intents that count, German label, English label) in the method's order
ITEMS = [
    ("goal", ("goal",), "Ziel genannt und verfolgt", "Goal stated and pursued"),
    ("eye_level", ("job_request", "burden", "delegation"), "Augenhöhe gehalten", "Eye level kept"),
    ("naive", ("naive",), "Keine naiven Fragen", "No naive questions"),
    ("contacts", ("contacts_request", "target_list"), "Nach weiteren Kontakten gefragt",
     "Asked for further contacts"),
    ("feedback", ("feedback_request",), "Feedback zu Chancen und Lücken erbeten",
     "Asked for feedback on chances and gaps"),
    ("target_list", ("target_list",), "Zielfirmenliste genutzt", "Used the target list"),
    ("thanks", ("thanks",), "Bedankt", "Said thanks"),
]  # fmt: skip
# Fix the rule breaks first, then what is missing, in the order of the talk.
NEXT_STEP_ORDER = ["eye_level", "naive", "goal", "feedback", "target_list", "contacts", "thanks"]


def quote(text: str) -> str:
    text = " ".join(text.split())
    return "«" + (text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…") + "»"


def _advice(lang: str, key: str, persona: Persona) -> str:
    industry = persona.industry or ("der Branche" if lang == "de" else "the industry")
    return {
        "goal": msg(
            lang,
            de="Sagen Sie früh, was Sie erreichen wollen (Einblick, Kontakte, Feedback), und "
            "kommen Sie später darauf zurück.",
            en="Say early what you want (insight, contacts, feedback) and come back to it later.",
        ),
        "eye_level": msg(
            lang,
            de="Keine Stellenanfrage, kein Abladen, nichts delegieren: Sie sind auf Augenhöhe "
            "da, um zu lernen und Kontakte zu gewinnen.",
            en="No job request, no unloading, no delegating: you're there at eye level to learn "
            "and to win contacts.",
        ),
        "naive": msg(
            lang,
            de="Recherchieren Sie Fakten vorher (Website, Geschäftsbericht, Ihre Notizen) und "
            "fragen Sie nach der Einschätzung dahinter.",
            en="Research facts beforehand (website, annual report, your notes) and ask for the "
            "view behind them.",
        ),
        "contacts": msg(
            lang,
            de="Fragen Sie gegen Ende: «Mit wem sollte ich noch sprechen?»",
            en="Ask towards the end: “Who else should I talk to?”",
        ),
        "feedback": msg(
            lang,
            de="Fragen Sie: «Wie schätzen Sie meine Chancen in {i} ein – wo sehen Sie Lücken?»",
            en="Ask: “How do you rate my chances in {i} – where do you see gaps?”",
            i=industry,
        ),
        "target_list": msg(
            lang,
            de="Nehmen Sie Ihre Zielfirmenliste mit und gehen Sie zwei, drei Firmen durch.",
            en="Bring your target list and walk through two or three companies.",
        ),
        "thanks": msg(
            lang,
            de="Bedanken Sie sich am Ende ausdrücklich – und bieten Sie etwas an.",
            en="Thank them explicitly at the end – and offer something back.",
        ),
    }[key]


def _counts(turn: Turn, intents: tuple[str, ...]) -> bool:
    # "Guten Tag, danke für Ihre Zeit" is thanks too: the coach says so, the scorecard agrees.
    if turn.role != "user" or not turn.analysis:
        return False
    return bool(set(turn.analysis.intents) & set(intents))


def _user_quotes(turns: list[Turn], intents: tuple[str, ...]) -> list[str]:
    return [quote(t.text) for t in turns if _counts(t, intents)]


def _asked_for_contacts(turns: list[Turn]) -> list[str]:
    """Turns that really ask for people: a contacts request, or a walk through the list that
    brought names. A fact question that merely names a target company is neither."""
    out = []
    for index, turn in enumerate(turns):
        if _counts(turn, ("contacts_request",)):
            out.append(quote(turn.text))
        elif _counts(turn, ("target_list",)):
            reply = next((t for t in turns[index + 1 :] if t.role == "partner"), None)
            if reply is not None and reply.offered_people:
                out.append(quote(turn.text))
    return out


def _empty_scorecard(lang: str) -> Scorecard:
    """No user turn, nothing to praise: every item open, and nothing is saved."""
    items = [
        ScoreItem(key=key, label=de if lang == "de" else en, ok=False) for key, _, de, en in ITEMS
    ]
    return Scorecard(items=items, score=0, total=len(items), next_step=nothing_said(lang))


def nothing_said(lang: str) -> str:
    return msg(
        lang,
        de="Keine Gesprächsrunde – nichts gespeichert.",
        en="No turn taken – nothing saved.",
    )


def build_scorecard(turns: list[Turn], lang: str, persona: Persona) -> Scorecard:
    if not any(t.role == "user" for t in turns):
        return _empty_scorecard(lang)
    items = []
    pursued = bool(_user_quotes(turns, ("contacts_request", "target_list", "feedback_request")))
    good_questions = len(_user_quotes(turns, ("good_question",)))
    for key, intents, de, en in ITEMS:
        quotes = _asked_for_contacts(turns) if key == "contacts" else _user_quotes(turns, intents)
        if key in ("eye_level", "naive"):
            ok = not quotes
        elif key == "goal":
            ok = bool(quotes) and (pursued or good_questions >= 2)
        else:
            ok = bool(quotes)
        if key == "contacts":
            quotes += [
                f"{persona.name}: {quote(t.text)}"
                for t in turns
                if t.role == "partner" and t.offered_people
            ]
        items.append(
            ScoreItem(
                key=key,
                label=de if lang == "de" else en,
                ok=ok,
                quotes=quotes[:4],
                advice="" if ok else _advice(lang, key, persona),
            )
        )
    score = sum(i.ok for i in items)
    by_key = {i.key: i for i in items}
    missing = next((by_key[k] for k in NEXT_STEP_ORDER if not by_key[k].ok), None)
    if missing:
        next_step = f"{missing.label}: {missing.advice}"
    else:
        next_step = msg(
            lang,
            de="Bereit für das echte Gespräch. Danach: gespraech debrief, Dank senden, neue "
            "Kontakte in die Liste aufnehmen.",
            en="Ready for the real talk. Afterwards: gespraech debrief, send your thanks, add "
            "new contacts to your list.",
        )
    return Scorecard(items=items, score=score, total=len(items), next_step=next_step)


# ---------------------------------------------------------------- Markdown and saving


def render_markdown(t: RehearsalTranscript) -> str:
    lang = t.language
    me = msg(lang, de="Ich", en="Me")
    card = t.scorecard
    lines = [
        "---",
        f"contact: {t.contact}",
        f"company: {t.company}",
        f"date: {t.date}",
        "kind: rehearsal",
        f"engine: {t.engine}",
        f"style: {t.style}",
        f"score: {card.score}/{card.total}",
        "---",
        "",
        msg(lang, de="# Probegespräch mit {n}", en="# Rehearsal with {n}", n=t.contact),
        "",
    ]
    if t.goal:
        lines += [msg(lang, de="Ziel: {g}", en="Goal: {g}", g=t.goal), ""]
    lines += [f"## Scorecard ({card.score}/{card.total})", ""]
    for item in card.items:
        lines.append(f"- {'✓' if item.ok else '✗'} **{item.label}**")
        lines += [f"  - {q}" for q in item.quotes]
        if item.advice:
            lines.append(f"  - → {item.advice}")
    lines += [
        "",
        msg(lang, de="**Nächster Schritt:** {s}", en="**Next step:** {s}", s=card.next_step),
    ]
    lines += ["", msg(lang, de="## Verlauf", en="## Transcript"), ""]
    for turn in t.turns:
        speaker = t.contact if turn.role == "partner" else me
        lines += [f"**{speaker}:** {' '.join(turn.text.split())}", ""]
        if turn.analysis and turn.analysis.coach:
            lines += [f"> Coach: {turn.analysis.coach}", ""]
    return "\n".join(lines).rstrip() + "\n"


def transcript_path(ws: Any, t: RehearsalTranscript) -> Path:
    stem = f"{t.date}-rehearsal-{slugify(t.contact)}"
    path = ws.history_dir / f"{stem}.md"
    n = 2
    while path.exists():
        path = ws.history_dir / f"{stem}-{n}.md"
        n += 1
    return path


def save_transcript(
    ws: Any, t: RehearsalTranscript, on_wait: Callable[[], None] | None = None
) -> Path:
    """Atomically, under the workspace lock; a second rehearsal the same day gets -2, -3 …"""
    from gespraech_assistant import atomic

    with ws.lock(on_wait):
        ws.history_dir.mkdir(parents=True, exist_ok=True)
        path = transcript_path(ws, t)
        t.saved_to = ws.rel(path)
        atomic.write_text(path, render_markdown(t), workspace_root=ws.root, keep_backup=False)
    return path

"""Rich rendering of checker results: ✓ / ✗ per question, findings, evidence, suggestion."""

from __future__ import annotations

from rich.console import Console

from gespraech_assistant.checker.models import Finding, QuestionResult
from gespraech_assistant.cli.render import safe
from gespraech_assistant.i18n import msg

GUIDELINE_NAMES = {
    "no_naive_questions": ("Keine naiven Fragen", "No naive questions"),
    "eye_level": ("Auf Augenhöhe", "Eye level"),
}


def headline(finding: Finding, lang: str) -> str:
    """One clean line: 'Keine naiven Fragen – schon in Ihren Notizen …', no raw kind key and
    the guideline named once (a second opinion's message gets the guideline put in front)."""
    de, en = GUIDELINE_NAMES[finding.guideline]
    name = de if lang == "de" else en
    text = safe(finding.message)
    if text.startswith(name):
        return f"[bold]{name}[/bold]{text[len(name) :]}"
    return f"[bold]{name}[/bold] – {text}"


def print_results(
    console: Console, results: list[QuestionResult], lang: str, engine: str, company: str | None
) -> None:
    for number, result in enumerate(results, 1):
        mark = "[green]✓[/green]" if result.ok else "[red]✗[/red]"
        console.print(f"{mark} {number}. {safe(result.question)}", soft_wrap=True)
        for finding in result.findings:
            console.print(f"   [red]✗[/red] {headline(finding, lang)}", soft_wrap=True)
            for ev in finding.evidence:
                if ev.source == "question":
                    label = msg(lang, de="Auslöser", en="Trigger")
                    console.print(f"     {label}: «{safe(ev.text)}»", soft_wrap=True)
                else:
                    where = f"{ev.source}:{ev.line}" if ev.line else ev.source
                    label = msg(lang, de="Beleg", en="Evidence")
                    text = ev.text if len(ev.text) <= 240 else ev.text[:239] + "…"
                    console.print(
                        f"     {label}: [cyan]{safe(where)}[/cyan]  {safe(text)}", soft_wrap=True
                    )
            label = msg(lang, de="Vorschlag", en="Suggestion")
            console.print(f"     → {label}: {safe(finding.suggestion)}", soft_wrap=True)
    flagged = sum(1 for r in results if not r.ok)
    scope = company or msg(lang, de="alle Notizen", en="all notes")
    console.print(
        msg(
            lang,
            de="\n{f} von {n} Fragen mit Befund · Notizen: {s} · Engine: {e}",
            en="\n{f} of {n} questions flagged · notes: {s} · engine: {e}",
            f=flagged,
            n=len(results),
            s=safe(scope),
            e=safe(engine),
        ),
        soft_wrap=True,
    )

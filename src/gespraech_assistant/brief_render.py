"""The brief as Markdown: reads well printed (one to two pages) and renders with rich."""

from __future__ import annotations

import re

from gespraech_assistant.brief import Brief, Fact, QuestionReview
from gespraech_assistant.i18n import msg
from gespraech_assistant.textnorm import clean_terminal

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def esc(text: str | None) -> str:
    """Untrusted text made inert for Markdown and the terminal."""
    text = clean_terminal(text or "").replace("\n", " ")
    text = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^([#+\-=]|\d+\.)", r"\\\1", text)


def src(fact: Fact) -> str:
    where = f"{fact.source}:{fact.line}" if fact.line else fact.source
    return f" *({esc(where)})*"


def fact_line(fact: Fact, indent: str = "") -> str:
    label = f"**{esc(fact.label)}:** " if fact.label else ""
    cut = " …" if len(fact.text) >= 120 and not re.search(r"[.!?)\"»“”]$", fact.text) else ""
    return f"{indent}- {label}{esc(fact.text)}{cut}{src(fact)}"


def render(brief: Brief) -> str:
    lang = brief.language
    out: list[str] = []
    out += header(brief)
    out += partner(brief)
    out += company(brief)
    out += offer(brief)
    out += goal(brief)
    out += walkthrough(brief)
    out += questions(brief)
    out += [f"## 7. {msg(lang, de='Erinnerungen und Nachbereitung', en='Reminders and follow-up')}",
            ""] + [f"- {esc(r).replace(chr(92) + '`', '`')}" for r in brief.reminders]  # fmt: skip
    text = "\n".join(out).strip()
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"  # no double blank lines, one final newline


def header(brief: Brief) -> list[str]:
    lang, p = brief.language, brief.partner
    title = msg(lang, de="Gesprächsvorbereitung", en="Meeting brief")
    meta = " · ".join(esc(x) for x in (p.role, p.company) if x)
    made = msg(lang, de="erstellt am {d}, Engine: {e}", en="made on {d}, engine: {e}",
               d=brief.generated_on.isoformat(), e=brief.engine)  # fmt: skip
    lines = [f"# {title}: {esc(p.name)}", "", f"{meta} — *{made}*" if meta else f"*{made}*", ""]
    if brief.summary:
        lines += [f"> {esc(brief.summary)}", ""]
    return lines


def partner(brief: Brief) -> list[str]:
    lang, p = brief.language, brief.partner
    lines = [f"## 1. {msg(lang, de='Gesprächspartner', en='Partner')}", ""]
    lines.append(f"- **{msg(lang, de='Verbindung', en='Connection')}:** {esc(p.connection)}")
    if not p.conversations:
        lines.append(msg(lang, de="- **Frühere Gespräche:** keine in history/",
                         en="- **Previous conversations:** none in history/"))  # fmt: skip
    for talk in p.conversations:
        what = msg(lang, de="Gespräch vom {d}", en="Conversation on {d}", d=talk.date)
        lines.append(f"- **{esc(what)}** *({esc(talk.source)})*")
        lines += [fact_line(f, "  ") for f in talk.gist]
        lines += [fact_line(f.model_copy(update={"label": msg(lang, de="offen", en="open")}), "  ")
                  for f in talk.open_items]  # fmt: skip
    if p.rehearsals:
        practice = ", ".join(f"{esc(r.date)} *({esc(r.source)})*" for r in p.rehearsals)
        lines.append(msg(lang, de="- **Übungen** (Probegespräche, keine echten Gespräche): {p}",
                         en="- **Practice** (rehearsals, not real conversations): {p}",
                         p=practice))  # fmt: skip
    for fact in p.mentions:
        lines.append(
            fact_line(fact.model_copy(update={"label": msg(lang, de="Erwähnt", en="Mentioned")}))
        )
    if p.facts:
        lines += ["", f"**{msg(lang, de='Aus Ihren Notizen', en='From your notes')}**", ""]
        lines += [fact_line(f) for f in p.facts]
    else:
        lines += [
            "",
            msg(
                lang,
                de="*Keine Personennotiz (notes/ mit `person: {n}`).*",
                en="*No person note (notes/ with `person: {n}`).*",
                n=esc(p.name),
            ),
        ]
    return lines + [""]


def company(brief: Brief) -> list[str]:
    lang, c = brief.language, brief.company
    name = esc(c.company) or msg(lang, de="(keine Firma in contacts.csv)", en="(no company)")
    lines = [f"## 2. {msg(lang, de='Firma und Branche', en='Company and industry')}: {name}", ""]
    tags = [esc(c.industry)] if c.industry else []
    if c.priority:
        tags.append(msg(lang, de="Priorität {p}", en="priority {p}", p=c.priority))
    if tags:
        lines += [f"*{' · '.join(tags)}*", ""]
    if not c.note_files:
        lines += [msg(lang, de="Keine Firmennotizen (notes/ mit `company: {c}`). Vor dem Gespräch "
                      "recherchieren: Website, Geschäftsbericht, News.",
                      en="No company notes (notes/ with `company: {c}`). Research before the "
                      "talk: website, annual report, news.", c=name), ""]  # fmt: skip
    for title, facts in (
        (msg(lang, de="Eckdaten", en="Key facts"), c.facts),
        (msg(lang, de="Aktuelle Entwicklungen", en="Recent developments"), c.developments),
        (msg(lang, de="Herausforderungen", en="Challenges"), c.challenges),
        (msg(lang, de="Branche", en="Industry"), c.industry_facts),
    ):
        if facts:
            lines += [f"**{title}**", "", *[fact_line(f) for f in facts], ""]
    if c.unknown:
        lines += [msg(lang, de="**Noch nicht bekannt:** {t} – vor dem Gespräch recherchieren.",
                      en="**Not yet known:** {t} – research before the talk.",
                      t=", ".join(c.unknown)), ""]  # fmt: skip
    return lines


def offer(brief: Brief) -> list[str]:
    lang, o = brief.language, brief.offer
    lines = [f"## 3. {msg(lang, de='Ihr Angebot', en='Your offer')}", ""]
    lines += [f"- {esc(s)}" for s in o.sentences]
    if o.points:
        where = ", ".join(f"{p.source}:{p.line}" for p in o.points)
        lines += ["", msg(lang, de="*Grundlage: {w}*", en="*Based on: {w}*", w=esc(where))]
    if o.hint:
        lines += ["", esc(o.hint).replace("\\`", "`")]
    return lines + [""]


def goal(brief: Brief) -> list[str]:
    lang, g = brief.language, brief.goal
    lines = [f"## 4. {msg(lang, de='Ihr Ziel', en='Your goal')}", ""]
    if g.status == "given":
        return lines + [f"**{esc(g.goal)}**", ""]
    lines += [esc(g.message).replace("\\`", "`"), ""]
    lines += [f"{i}. {esc(t)}" for i, t in enumerate(g.templates, 1)]
    return lines + [""]


def walkthrough(brief: Brief) -> list[str]:
    lang = brief.language
    lines = [f"## 5. {msg(lang, de='Zielliste durchgehen', en='Target list walkthrough')}", ""]
    if not brief.walkthrough:
        return lines + [msg(lang, de="Keine passenden Firmen in targets.csv.",
                            en="No matching companies in targets.csv."), ""]  # fmt: skip
    for i, item in enumerate(brief.walkthrough, 1):
        known = msg(lang, de="Ihre Kontakte dort: {k}", en="Your contacts there: {k}",
                    k=", ".join(item.known_contacts)) if item.known_contacts else msg(
                    lang, de="Noch kein Kontakt dort.", en="No contact there yet.")  # fmt: skip
        reasons = "; ".join(item.reasons)
        lines.append(f"{i}. **{esc(item.company)}** – {esc(reasons)}. {esc(known)}")
    return lines + [""]


def questions(brief: Brief) -> list[str]:
    lang = brief.language
    lines = [f"## 6. {msg(lang, de='Fragen', en='Questions')}", ""]
    if brief.prepared_questions:
        lines += [
            f"**{msg(lang, de='Ihre vorbereiteten Fragen', en='Your prepared questions')}**",
            "",
        ] + [line for r in brief.prepared_questions for line in review(lang, r)]
        lines.append("")  # fmt: skip
    lines += [f"**{msg(lang, de='Vorschläge', en='Suggestions')}**", ""]
    for i, q in enumerate(brief.suggested_details, 1):
        basis = src(q.basis) if q.basis else ""
        lines.append(f"{i}. {esc(q.text)}{basis}")
    if not brief.checker_available:
        lines += ["", msg(lang, de="*Ungeprüft: die Fragenprüfung ist nicht verfügbar.*",
                          en="*Unchecked: the question checker is not available.*")]  # fmt: skip
    return lines + [""]


def review(lang: str, result: QuestionReview) -> list[str]:
    mark = {True: "✓", False: "⚠", None: "?"}[result.ok]
    lines = [f"- {mark} {esc(result.question)}"]
    for finding in result.findings:
        lines.append(f"  - {esc(finding.message)}")
        if finding.suggestion:
            lines.append(f"    → {esc(finding.suggestion)}")
        # evidence from the question itself ("question") is already quoted in the message
        for ev in [e for e in finding.evidence if e.source != "question"][:1]:
            where = f"{ev.source}:{ev.line}" if ev.line else ev.source
            if where not in finding.message + finding.suggestion:
                lines.append(f"    *({esc(where)})*")
    return lines

"""The offline partner: picks a reaction from the session's classification and phrases it from
templates and the retrieved notes. Deterministic: the same request gives the same reply."""

from __future__ import annotations

import random
import re

from gespraech_assistant.index.search import tokens
from gespraech_assistant.models import Evidence, Passage
from gespraech_assistant.rehearsal import KnownPerson, PartnerTurn, PartnerTurnRequest
from gespraech_assistant.rehearsal_classify import HOW_ARE_YOU
from gespraech_assistant.rehearsal_persona import (
    BACKGROUND_HEADINGS,
    COMPANY_TOPIC_HEADINGS,
    clean_line,
    first_person,
    usable_passage,
)
from gespraech_assistant.rehearsal_templates import TEMPLATES
from gespraech_assistant.textnorm import fold, same_company

CAREER_WORDS = re.compile(r"werdegang|laufbahn|karriere|wie sind sie|career|background|path")

_ABBREV = re.compile(
    r"\b(ca|Dr|Prof|z\.B|bzw|inkl|evtl|Mio|Mrd|Nr|vs|etc|St|u\.a|resp|approx|e\.g|i\.e)\.$"
)
DE_VERBS = {
    "ist": "bin", "hat": "habe", "war": "war", "sucht": "suche", "leitet": "leite",
    "verantwortet": "verantworte", "berichtet": "berichte", "kennt": "kenne", "baut": "baue",
    "arbeitet": "arbeite", "will": "will", "plant": "plane", "schätzt": "schätze", "mag": "mag",
    "führt": "führe", "betreut": "betreue", "treibt": "treibe",
}  # fmt: skip
DE_POSSESSIVE = {"seine": "meine", "seinen": "meinen", "seinem": "meinem", "seiner": "meiner",
                 "sein": "mein", "seines": "meines"}  # fmt: skip


class Phrasebook:
    """Template choice that avoids repeats: unused variants first, never the last one used."""

    def __init__(self, request: PartnerTurnRequest) -> None:
        self.request = request
        self.lang = "de" if request.language == "de" else "en"
        self.used = list(request.used_templates)
        self.picked: list[str] = []

    def say(self, key: str, **values: str) -> str:
        variants = TEMPLATES[key][self.lang]
        ids = [f"{key}.{i}" for i in range(len(variants))]
        fresh = [i for i in ids if i not in self.used]
        last = next((u for u in reversed(self.used) if u.startswith(key + ".")), None)
        pool = fresh or [i for i in ids if i != last] or ids
        # The user's words and the partner vary the pick: not every greeting gets the same line.
        request = self.request
        rng = random.Random(
            f"{request.seed}:{request.turn_number}:{key}:{request.persona.name}:{request.user_text}"
        )
        chosen = pool[rng.randrange(len(pool))]
        self.used.append(chosen)
        self.picked.append(chosen)
        return variants[int(chosen.rsplit(".", 1)[1])].format(**values)


# ---------------------------------------------------------------- grounding in the notes


def split_sentences(text: str) -> list[str]:
    parts, current = [], ""
    for piece in re.split(r"(?<=[.!?])\s+", text):
        current = f"{current} {piece}".strip()
        if not _ABBREV.search(current):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def _core_words(sentence: str) -> set[str]:
    """The words that carry a sentence, without a leading label ('Bühler AG: …')."""
    label, sep, rest = sentence.partition(": ")
    if sep and len(label) <= 40:
        sentence = rest
    label, sep, rest = sentence.partition(" – ")
    if sep and len(label) <= 40:
        sentence = rest
    return set(tokens(sentence))


def same_sentence(a: str, b: str) -> bool:
    """Equal, or one says (almost) all the other says: 'Bühler baut X.' ≈ 'Bühler AG: Bühler
    baut X.' – a reply must not say it twice."""
    wa, wb = _core_words(a), _core_words(b)
    if min(len(wa), len(wb)) < 4:  # short lines ("Gute Frage.") only when identical
        return fold(a).strip(" .!?") == fold(b).strip(" .!?")
    return len(wa & wb) >= 0.8 * min(len(wa), len(wb))


def dedupe_sentences(text: str) -> str:
    """The last guard: no sentence twice in one reply, whatever produced it."""
    kept: list[str] = []
    for sentence in split_sentences(text):
        if not any(same_sentence(sentence, k) for k in kept):
            kept.append(sentence)
    return " ".join(kept)


def _speak_as_partner(sentence: str, passage: Passage, partner: str) -> str:
    """A note sentence about the partner ('Er ist Business Owner …') in their own voice."""
    label, sep, rest = sentence.partition(": ")
    if not sep or len(label) > 40:
        label, rest = "", sentence
    match = re.match(r"^(Er|Sie|He|She)\s+(\w+)\b(.*)$", rest)
    if match and passage.person and fold(passage.person) == fold(partner):
        pronoun, verb, tail = match.groups()
        if pronoun in ("Er", "Sie") and verb in DE_VERBS:
            tail = re.sub(
                r"\b(sein\w*)\b", lambda m: DE_POSSESSIVE.get(m.group(1), m.group(1)), tail
            )
            rest = f"Ich {DE_VERBS[verb]}{tail}"
        elif pronoun in ("He", "She"):
            verb = {"is": "am", "has": "have", "was": "was"}.get(
                verb, re.sub(r"(?<=[^s])s$", "", verb)
            )
            rest = "I " + verb + re.sub(r"\b(his|her)\b", "my", tail)
    if label and rest.startswith("Ich "):
        rest = "ich " + rest[4:]
    spoken = f"{label} – {rest}" if label else rest
    # Bullet points often lack a full stop; spoken sentences need one.
    return spoken if spoken[-1:] in '.!?…»“")' else spoken + "."


def _mentions_partner_in_third_person(sentence: str, partner: str) -> bool:
    names = [w for w in re.findall(r"[a-z]+", fold(partner)) if len(w) > 2]
    words = set(re.findall(r"[a-z]+", fold(sentence)))
    return any(n in words for n in names)


def grounded_facts(
    request: PartnerTurnRequest, limit: int, prefer: re.Pattern[str] | None = None
) -> list[tuple[str, Evidence]]:
    """The sentences from the notes that best answer the user's question, not used before."""
    partner = request.persona.name
    wanted = set(tokens(request.user_text))
    used = set(request.used_sentences)
    career = bool(CAREER_WORDS.search(fold(request.user_text)))
    scored: list[tuple[float, int, str, str, Evidence]] = []
    order = 0
    for passage in request.passages:
        heading = fold(passage.heading.split("›")[-1])
        if not usable_passage(passage) or (BACKGROUND_HEADINGS.search(heading) and not career):
            continue
        bonus = 2.0 if prefer is not None and prefer.search(heading) else 0.0
        for raw in passage.text.split("\n"):
            quote = raw.lstrip().startswith(">")
            for sentence in split_sentences(clean_line(raw)):
                sentence = sentence.strip('„“"”« »')
                if len(sentence) < 25 or sentence in used or first_person(sentence):
                    continue
                spoken = _speak_as_partner(sentence, passage, partner)
                if not quote and _mentions_partner_in_third_person(spoken, partner):
                    continue
                overlap = len(wanted & set(tokens(sentence)))
                score = overlap + passage.score + bonus + (0.5 if quote else 0.0)
                evidence = Evidence(source=passage.source, line=passage.line, text=sentence)
                scored.append((-score, order, sentence, spoken, evidence))
                order += 1
    scored.sort(key=lambda item: (item[0], item[1]))
    out: list[tuple[str, Evidence]] = []
    for _, _, sentence, spoken, evidence in scored:
        if not any(same_sentence(sentence, e.text) for _, e in out):
            out.append((spoken, evidence))
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- reactions


def _person_label(person: KnownPerson, lang: str, own_company: str = "") -> str:
    company = "" if same_company(person.company, own_company) else person.company
    details = [d for d in (person.role, company) if d]
    if not details:
        return person.name
    joiner = " bei " if lang == "de" else " at "
    return f"{person.name} ({joiner.join(details)})"


def _join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + (" und " if lang == "de" else " and ") + names[-1]


def _already_offered(request: PartnerTurnRequest) -> set[str]:
    return {name for turn in request.history for name in turn.offered_people}


def _asked_companies(request: PartnerTurnRequest) -> list[str]:
    analysis = request.analysis
    if analysis is None or analysis.primary != "contacts_request":
        return []
    asked = list(analysis.companies)
    if analysis.asked_company and analysis.asked_company not in asked:
        asked.append(analysis.asked_company)
    return asked


def react_contacts(book: Phrasebook, request: PartnerTurnRequest) -> tuple[str, list[str]]:
    offered = _already_offered(request)
    people = request.offerable_people
    asked = _asked_companies(request)
    if asked:
        # "Kennen Sie jemanden bei Swisslog?" is answered about Swisslog, never with others
        people = [p for p in people if any(same_company(p.company, c) for c in asked)]
        if not people:
            return book.say("contacts_none_at", company=_join(asked, book.lang)), []
    fresh = [p for p in people if p.name not in offered][:2]
    if fresh:
        labels = [_person_label(p, book.lang, request.persona.company) for p in fresh]
        return book.say("contacts", people=_join(labels, book.lang)), [p.name for p in fresh]
    if offered:
        return book.say("contacts_again", people=_join(sorted(offered), book.lang)), []
    return book.say("contacts_none"), []


def react_walkthrough(book: Phrasebook, request: PartnerTurnRequest) -> tuple[str, list[str]]:
    if not request.companies:
        text, people = react_contacts(book, request)
        return f"{book.say('walk_open')} {text}", people
    parts, offered = [book.say("walk_open")], []
    for mention in request.companies[:3]:
        names = [p.name for p in mention.people if p.name not in offered][:2]
        if names:
            parts.append(
                book.say("walk_people", company=mention.company, people=_join(names, book.lang))
            )
            offered += names
        elif mention.fact:
            parts.append(book.say("walk_fact", company=mention.company, fact=mention.fact))
        else:
            parts.append(book.say("walk_unknown", company=mention.company))
    parts.append(book.say("walk_close"))
    return " ".join(parts), offered


def _strength_for(request: PartnerTurnRequest, challenge: str) -> str:
    if not request.profile_strengths:
        return ""
    wanted = set(tokens(challenge))
    best = max(request.profile_strengths, key=lambda s: len(wanted & set(tokens(s))))
    short = re.split(r"[:(]", best, maxsplit=1)[0].strip()
    return short[:90]


def _gap(book: Phrasebook, request: PartnerTurnRequest) -> str:
    """A gap only with grounds in profile.md: an empty profile gives none, so ask instead."""
    industry = request.persona.industry
    profile = request.profile_strengths + request.profile_background
    if not profile:
        fallback = "Ihre Zielbranche" if book.lang == "de" else "your target industry"
        return book.say("gap_unknown", industry=industry or fallback)
    if industry and request.profile_background and not mentions(" ".join(profile), industry):
        return book.say("gap_industry", industry=industry)
    if request.profile_strengths and not any(
        re.search(r"\d", s) for s in request.profile_strengths
    ):
        return book.say("gap_numbers")
    return book.say("gap_none")


def mentions(text: str, topic: str) -> bool:
    """Whether text names the topic (stems, so 'Maschinenbauer' counts for 'Maschinenbau')."""
    words = set(tokens(topic))
    folded = fold(text)
    return bool(words) and all(w in folded for w in words)


def react_feedback(book: Phrasebook, request: PartnerTurnRequest) -> tuple[str, list[Evidence]]:
    gap = _gap(book, request)
    facts = grounded_facts(request, 1, prefer=COMPANY_TOPIC_HEADINGS)
    strength = _strength_for(request, facts[0][1].text if facts else "")
    if facts and strength:
        challenge = facts[0][0].rstrip(".")
        challenge = challenge[0].lower() + challenge[1:] if book.lang == "en" else challenge
        text = book.say("feedback", strength=strength, challenge=f"«{challenge}».", gap=gap)
        return text, [facts[0][1]]
    return book.say("feedback_plain", gap=gap), []


def react_answer(book: Phrasebook, request: PartnerTurnRequest) -> tuple[str, list[Evidence]]:
    mood, busy = request.mood, request.style == "busy"
    facts = grounded_facts(request, 2 if mood == "warm" and not busy else 1)
    if not facts:
        return book.say("answer_none"), []
    first = facts[0][0]
    if mood == "cool":
        return book.say("answer_cool", fact=first), [facts[0][1]]
    text = book.say("answer", fact=first)
    if len(facts) > 1:
        text += " " + facts[1][0]
    if mood == "warm" and not busy:
        text += " " + book.say("warm_follow")
    return text, [e for _, e in facts]


def _spoken_date(iso: str, lang: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", iso.strip())
    if not match:
        return iso
    year, month, day = match.groups()
    return f"{day}.{month}.{year}" if lang == "de" else iso


def opening(book: Phrasebook, request: PartnerTurnRequest) -> str:
    persona = request.persona
    if persona.last_talk:
        intro = book.say("intro_again", date=_spoken_date(persona.last_talk, book.lang))
    elif persona.introduced_by:
        topic = (
            persona.industry
            or persona.company
            or ("die Branche" if book.lang == "de" else "the industry")
        )
        intro = book.say("intro_by", introducer=persona.introduced_by, topic=topic)
    else:
        intro = book.say("intro_plain")
    return book.say("opening", name=persona.name, intro=intro, minutes=str(persona.minutes))


def partner_reply(request: PartnerTurnRequest) -> PartnerTurn:
    book = Phrasebook(request)
    offered: list[str] = []
    sources: list[Evidence] = []
    analysis = request.analysis
    if request.phase == "opening" or analysis is None:
        text = opening(book, request)
    elif request.phase == "closing":
        key = {"rapport": "close_rapport", "user": "goodbye"}.get(
            request.closing_reason, "close_time"
        )
        text = book.say(key)
    else:
        primary = analysis.primary
        if primary == "naive" and analysis.companies:
            # a fact about another company: "unsere Website" would be the wrong firm
            text = book.say("naive_other", company=_join(analysis.companies, book.lang))
        elif primary in ("job_request", "delegation", "burden", "naive"):
            text = book.say(primary)
        elif primary == "contacts_request":
            text, offered = react_contacts(book, request)
        elif primary == "target_list":
            text, offered = react_walkthrough(book, request)
        elif primary == "feedback_request":
            text, sources = react_feedback(book, request)
        elif primary in ("good_question", "question"):
            text, sources = react_answer(book, request)
        else:
            text = book.say(_reaction_key(primary, analysis.intents, request.user_text))
        if "thanks" in analysis.intents and primary not in ("thanks", "goodbye", "greeting"):
            text = f"{book.say('thanks_prefix')} {text}"
        text += _time_remark(book, request)
    return PartnerTurn(
        text=dedupe_sentences(text),
        rapport=request.rapport,
        mood=request.mood,
        ends=request.phase == "closing",
        offered_people=offered,
        template_ids=book.picked,
        used_sentences=[e.text for e in sources],
        sources=sources,
    )


def _reaction_key(primary: str, intents: list[str], user_text: str) -> str:
    """Only "Wie geht's?" gets "Danke, gut"; a greeting gets a greeting back."""
    if primary in ("greeting", "small_talk", "thanks") and HOW_ARE_YOU.search(fold(user_text)):
        return "how_are_you"
    if primary == "thanks" and "greeting" in intents:
        return "greeting_thanks"  # "Guten Tag, danke für Ihre Zeit" opens, it doesn't close
    if primary == "greeting":
        return "greeting_thanks" if "thanks" in intents else "greeting"
    return {"goal": "goal_ack", "offer": "offer_ack", "thanks": "thanks",
            "small_talk": "small_talk"}.get(primary, "neutral")  # fmt: skip


def _time_remark(book: Phrasebook, request: PartnerTurnRequest) -> str:
    """A busy partner mentions the clock now and then."""
    if request.style != "busy" or request.turn_number not in (4, 8):
        return ""
    left = max(2, round(request.persona.minutes * (1 - request.turn_number / request.max_turns)))
    return " " + book.say("time_left", left=str(left))

"""The simulated partner may only name people the workspace records.

A model playing the partner likes to invent helpful colleagues ("Sprechen Sie mit Peter
Brandt aus dem Einkauf"). A made-up name sends the user looking for someone who does not
exist, so every LLM partner reply passes through `NameGate`: a sentence naming a person that
neither the request's known people, the persona, the user nor the notes given to the model
mention is dropped. Sentences are judged whole, so a streamed reply is held back only until
its sentence ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from gespraech_assistant.first_names import is_first_name
from gespraech_assistant.textnorm import fold

if TYPE_CHECKING:
    from gespraech_assistant.rehearsal import PartnerTurnRequest

_WORD = r"[A-ZÄÖÜÀ-Ý][a-zäöüßà-ÿ]+(?:-[A-ZÄÖÜÀ-Ý][a-zäöüßà-ÿ]+)?"
# "Peter Brandt", "Anna von Wyl", "Jean-Luc Meier"; a lookahead, so "Medivo Julia Weber"
# also yields "Julia Weber" (matches overlap)
_FULL_NAME = re.compile(rf"\b(?=({_WORD})\s+((?:(?:von|van|de|di|da|du)\s+)?{_WORD})\b)")
# "Frau Brandt", "Herr Dr. Brandt", "Mr Brandt"
_TITLED = re.compile(
    rf"\b(?:Frau|Herrn?|Mr\.?|Mrs\.?|Ms\.?)\s+(?:Dr\.\s+|Prof\.\s+)?((?:von\s+)?{_WORD})\b"
)
# a sentence ends at . ! ? … (optionally closed by a quote) followed by white space; not
# after a title or an initial ("Herr Dr. Zogg", "Peter B. Brandt")
_NO_END = "".join(
    rf"(?<!\b{a})" for a in ("Dr", "Prof", "Mr", "Mrs", "Ms", "St", "ca", "bzw", "z.B", "[A-Z]")
)
_SENTENCE_END = re.compile(rf"(?:{_NO_END}\.|[!?…])[\"'»«“”)]*\s+")


class KnownNames:
    """Who may be named: full names and surnames, plus any text the model was given."""

    def __init__(self, names: list[str], texts: list[str]) -> None:
        self.full = {fold(n) for n in names if n.strip()}
        self.surnames = {fold(n.split()[-1]) for n in names if n.strip()}
        self.text = " " + " ".join(fold(t) for t in texts if t) + " "

    def _in_text(self, phrase: str) -> bool:
        return f" {fold(phrase)} " in self.text or f" {fold(phrase)}" in self.text

    def knows(self, full_name: str) -> bool:
        return fold(full_name) in self.full or self._in_text(full_name)

    def knows_surname(self, surname: str) -> bool:
        return fold(surname) in self.surnames or self._in_text(surname)

    @classmethod
    def for_request(cls, request: PartnerTurnRequest) -> KnownNames:
        persona = request.persona
        names = [persona.name, persona.user_name, persona.introduced_by]
        names += [p.name for p in request.offerable_people]
        names += [p.name for m in request.companies for p in m.people]
        texts = [p.text for p in request.passages]
        texts += [persona.company, *(m.company for m in request.companies)]  # "Hugo Boss"
        texts += [*persona.background, *persona.last_talk_points, request.user_text]
        texts += [t.text for t in request.history if t.role == "user"]
        return cls([n for n in names if n], texts)


def unknown_names(sentence: str, known: KnownNames) -> list[str]:
    """Person-like names in `sentence` that the workspace does not record."""
    found = []
    for match in _FULL_NAME.finditer(sentence):
        first, surname = match.group(1), match.group(2)
        name = f"{first} {' '.join(surname.split())}"
        if is_first_name(first, capitalised=True) and not known.knows(name):
            found.append(name)
    for match in _TITLED.finditer(sentence):
        surname = match.group(1)
        if is_first_name(surname, capitalised=True):
            continue  # "Herr Peter Brandt": judged as a full name above
        if not known.knows_surname(surname):
            found.append(match.group(0))
    return found


def _pieces(text: str) -> list[str]:
    """Sentences with their trailing white space, so joining them gives `text` back."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def drop_unknown_names(text: str, known: KnownNames) -> tuple[str, list[str]]:
    """`text` without the sentences that name unknown people, and the names dropped."""
    kept, dropped = [], []
    for piece in _pieces(text):
        names = unknown_names(piece, known)
        if names:
            dropped += names
        else:
            kept.append(piece)
    return "".join(kept), dropped


class NameGate:
    """Streams a reply sentence by sentence, without the sentences naming unknown people."""

    def __init__(self, known: KnownNames, sink: Callable[[str], None] | None = None) -> None:
        self.known = known
        self.sink = sink
        self.buffer = ""
        self.shown: list[str] = []
        self.dropped: list[str] = []

    def feed(self, piece: str) -> None:
        self.buffer += piece
        ends = [m.end() for m in _SENTENCE_END.finditer(self.buffer)]
        if ends:
            done, self.buffer = self.buffer[: ends[-1]], self.buffer[ends[-1] :]
            self._emit(done)

    def close(self) -> str:
        """Flush the last (possibly unfinished) sentence; returns everything shown."""
        self._emit(self.buffer)
        self.buffer = ""
        return self.text

    def emit_raw(self, text: str) -> None:
        """Text we produced ourselves (a marker, the offline reply): shown unfiltered."""
        self.shown.append(text)
        if self.sink:
            self.sink(text)

    @property
    def text(self) -> str:
        return "".join(self.shown)

    def _emit(self, text: str) -> None:
        kept, dropped = drop_unknown_names(text, self.known)
        self.dropped += dropped
        if kept:
            self.emit_raw(kept)

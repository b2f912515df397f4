"""Due dates written the way people write them after a meeting, in German and English.

Everything is resolved against the meeting date, never against a clock, so the same note
always gives the same dates (rules in eval/data/debrief/README.md):

* weekday ("bis Freitag", "next Tuesday") -> next such day strictly after the meeting
* "nächste Woche"/"next week" -> Monday of the following week
* "Ende Woche"/"this week" -> Friday of the meeting's week; "Ende nächster Woche" -> Friday after
* "Ende Monat"/"end of the month" -> last day of the meeting's month
* "in zwei Wochen"/"within a week" -> + 7·N days; "in 3 Tagen" -> + N days
* explicit dates; without a year the next occurrence on or after the meeting
* vague ("nach Neujahr", "in the new year") -> no date
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from gespraech_assistant.textnorm import fold

WEEKDAYS = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonntag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    "januar": 1,
    "jan": 1,
    "january": 1,
    "jaenner": 1,
    "februar": 2,
    "feb": 2,
    "february": 2,
    "maerz": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
    "december": 12,
    "dec": 12,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "einem": 1,
    "two": 2,
    "zwei": 2,
    "three": 3,
    "drei": 3,
    "four": 4,
    "vier": 4,
    "five": 5,
    "fuenf": 5,
    "six": 6,
    "sechs": 6,
}
_NUM = r"(\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)

# Patterns run on folded text (lower case, ä -> ae), in this order; the first hit wins.
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}\b)?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_VAGUE = re.compile(r"nach neujahr|new year|neuen jahr|irgendwann|sometime|someday|bald\b|soon")
_SAME_DAY = re.compile(r"\bsame day\b|\bam (?:selben|gleichen) tag\b|\bgleichentags\b")
_DAY_AFTER_TOMORROW = re.compile(r"\buebermorgen\b|\bday after tomorrow\b")
_TOMORROW = re.compile(
    r"(?<!ueber)\bmorgen\b(?!\s*(?:frueh|vormittag))|\btomorrow\b|\bmorgen frueh\b"
    r"|\b(?:tmrw|tmr|tomorow|tommorow|tommorrow)\b"
)
# Short weekdays only after 'bis'/'am'/'by'/'on' ('do' alone is an English verb).
_SHORT_WEEKDAY = re.compile(
    r"\b(?:bis|am|by|on|until|till)\s+(mo|di|mi|do|fr|mon|tue|tues|wed|thu|thurs|fri)\b\.?"
)
_SHORT_DAYS = {
    "mo": 0,
    "mon": 0,
    "di": 1,
    "tue": 1,
    "tues": 1,
    "mi": 2,
    "wed": 2,
    "do": 3,
    "thu": 3,
    "thurs": 3,
    "fr": 4,
    "fri": 4,
}
# Christmas as a deadline is the 24th; after Christmas stays vague.
_CHRISTMAS = re.compile(
    r"\b(?:vor|bis|before|by|until)\s+(?:(?:the|den|dem)\s+)?(?:weihnachten|christmas|xmas)\b"
    # 'Vor Weihnachten wird nichts entschieden' describes the partner's calendar, no deadline
    r"(?!\s+(?:wird|werden|passiert|geht|ist|is|will|nothing|nichts|no)\b)"
)
_TODAY = re.compile(r"\bheute\b|\btoday\b|\btonight\b|\bheute abend\b")
_END_NEXT_WEEK = re.compile(r"\bende (?:der )?naechste[nr]? woche\b|\bend of next week\b")
_END_WEEK = re.compile(
    r"\bende (?:der |dieser )?woche\b|\bthis week\b|\bend of (?:the |this )?week\b|\bdiese woche\b"
)
_NEXT_WEEK = re.compile(
    r"\bnaechste[nr]? (?:woche|wo)\b|\bnext (?:week|wk)\b|\bkommende[nr]? woche\b"
)
_END_MONTH = re.compile(
    r"\bende (?:des )?monats?\b|\bmonatsende\b|\bend of (?:the |this )?month\b|\bmonth end\b"
)
_IN_WEEKS = re.compile(
    rf"\b(?:in|within|innert|innerhalb(?: von)?|binnen)\s+{_NUM}\s+(?:wochen?|weeks?)\b"
)
_IN_DAYS = re.compile(
    rf"\b(?:in|within|innert|innerhalb(?: von)?|binnen)\s+{_NUM}\s+(?:tagen?|days?)\b"
)
_WEEKDAY_RE = re.compile(rf"\b({_WEEKDAY})s?\b")


@dataclass
class Due:
    """A resolved due date and the words it came from. `same_day` means: the previous step's."""

    date: date | None
    phrase: str = ""
    same_day: bool = False


def _year_for(meeting: date, month: int, day: int) -> date | None:
    """A date without year: its next occurrence on or after the meeting date."""
    for year in (meeting.year, meeting.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= meeting:
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(text: str, meeting: date) -> Due | None:
    if m := _ISO.search(text):
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if found:
            return Due(found, m[0])
    if m := _DOTTED.search(text):
        day, month, year = int(m[1]), int(m[2]), m[3]
        if year:
            full = int(year) + (2000 if len(year) == 2 else 0)
            found = _safe_date(full, month, day)
        else:
            found = _year_for(meeting, month, day) if 1 <= month <= 12 else None
        if found:
            return Due(found, m[0])
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if m := pattern.search(text):
            month, day = MONTHS[m[month_group]], int(m[day_group])
            found = _safe_date(int(m[3]), month, day) if m[3] else _year_for(meeting, month, day)
            if found:
                return Due(found, m[0])
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _monday_after(meeting: date) -> date:
    return meeting + timedelta(days=7 - meeting.weekday())


def _relative(text: str, meeting: date) -> Due | None:
    rules = (
        (_SAME_DAY, None),
        (_DAY_AFTER_TOMORROW, lambda m: meeting + timedelta(days=2)),
        (_TOMORROW, lambda m: meeting + timedelta(days=1)),
        (_END_NEXT_WEEK, lambda m: _monday_after(meeting) + timedelta(days=4)),
        (_END_WEEK, lambda m: meeting + timedelta(days=4 - meeting.weekday())),
        (_NEXT_WEEK, lambda m: _monday_after(meeting)),
        (
            _END_MONTH,
            lambda m: meeting.replace(day=calendar.monthrange(meeting.year, meeting.month)[1]),
        ),
        (_IN_WEEKS, lambda m: meeting + timedelta(days=7 * _number(m[1]))),
        (_IN_DAYS, lambda m: meeting + timedelta(days=_number(m[1]))),
        (
            _WEEKDAY_RE,
            lambda m: meeting + timedelta(days=(WEEKDAYS[m[1]] - meeting.weekday() - 1) % 7 + 1),
        ),
        (
            _SHORT_WEEKDAY,
            lambda m: meeting + timedelta(days=(_SHORT_DAYS[m[1]] - meeting.weekday() - 1) % 7 + 1),
        ),
        (_TODAY, lambda m: meeting),
    )
    for pattern, resolve in rules:
        if m := pattern.search(text):
            if resolve is None:
                return Due(None, m[0], same_day=True)
            return Due(resolve(m), m[0])
    return None


def find_due(text: str, meeting: date) -> Due:
    """The due date a sentence gives, resolved against the meeting date (Due(None) if none)."""
    folded = fold(text)
    explicit = _explicit(folded, meeting)
    if explicit:
        return explicit
    if m := _CHRISTMAS.search(folded):
        return Due(_year_for(meeting, 12, 24), m[0])
    if _VAGUE.search(folded):
        return Due(None, _VAGUE.search(folded)[0])  # type: ignore[index]
    return _relative(folded, meeting) or Due(None)


def parse_iso(text: str) -> date:
    """YYYY-MM-DD only (for --date); raises ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(text)
    return date.fromisoformat(text.strip())

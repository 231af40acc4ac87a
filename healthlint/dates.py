"""Dates as articles write them: what the readers and the analysis both recognise."""

from __future__ import annotations

import re

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
#: Dates with their day: 2024-05-01, 01/05/2024, 3 March 2025, March 3, 2025,
#: 29-May-2008, a server's timestamp (Mar 25 08:33:08 2008).
_DAY_DATES = (
    rf"\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
    rf"|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}-{MONTH}-(?:\d{{4}}|\d{{2}})"
    rf"|{MONTH}\s+\d{{1,2}}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+\d{{4}}"
)
DATE_RE = re.compile(rf"(?:{_DAY_DATES}|{MONTH},?\s+\d{{4}})", re.IGNORECASE)  # and March 2025
#: A date with its day: not "March 2025", which also heads a blog's archive list.
FULL_DATE_RE = re.compile(rf"(?:{_DAY_DATES})", re.IGNORECASE)
#: A weekday before a date ("Wednesday, September 30, 2009", "Tue Mar 25 08:33:08 2008").
WEEKDAY = r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)"

#: A line that is only a date, maybe after a label ("Updated March 2024", "Published: 3/1/2024").
DATE_LINE_RE = re.compile(
    rf"\s*+(?:[A-Z][\w&'-]+\s++)?"  # an outlet's name before it ("HealthDay Friday, October 23, 2009")
    rf"(?:(?:updated|published|reviewed|posted|revised|last updated|last reviewed|date)\s*+(?::\s*+)?)?(?:on\s++)?"
    rf"{WEEKDAY}?"
    rf"(?:{DATE_RE.pattern})(?:,?\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[AaPp]\.?[Mm]\.?)?)?[.\s]*",  # and a time
    re.IGNORECASE,
)

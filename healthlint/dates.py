"""Dates as articles write them: what the readers and the analysis both recognise."""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_RE = re.compile(
    rf"(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"  # 2024-05-01, 2009/10/21
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"  # 01/05/2024, 1.5.24
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 3 March 2025
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 3, 2025
    rf"|\d{{1,2}}-{_MONTH}-(?:\d{{4}}|\d{{2}})"  # 29-May-2008
    rf"|{_MONTH}\s+\d{{1,2}}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+\d{{4}}"  # Mar 25 08:33:08 2008 (a server's timestamp)
    rf"|{_MONTH},?\s+\d{{4}})",  # March 2025
    re.IGNORECASE,
)
#: A weekday before a date ("Wednesday, September 30, 2009", "Tue Mar 25 08:33:08 2008").
WEEKDAY = r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)"

#: A line that is only a date, maybe after a label ("Updated March 2024", "Published: 3/1/2024").
DATE_LINE_RE = re.compile(
    rf"\s*(?:[A-Z][\w&'-]+\s+)?"  # an outlet's name before it ("HealthDay Friday, October 23, 2009")
    rf"(?:(?:updated|published|reviewed|posted|revised|last updated|last reviewed|date)\s*:?\s*)?(?:on\s+)?"
    rf"{WEEKDAY}?"
    rf"(?:{DATE_RE.pattern})[.\s]*",
    re.IGNORECASE,
)

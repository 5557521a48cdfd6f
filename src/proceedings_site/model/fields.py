"""Field types of the metadata files: checked text, ids, URLs, clock times, ORCID iDs, time zones."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
import zoneinfo
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from ..load import Unquoted

MAX_TEXT = 300
MAX_ABSTRACT = 10_000

# Characters that change how text is displayed without being visible: bidi
# overrides and isolates, zero-width characters, other format/control characters.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}
_ALLOWED_INVISIBLE = {"\u200d"}  # zero-width joiner: needed by some scripts and emoji

# Printable ASCII (and line breaks where allowed) holds no invisible character: one regex match instead of a
# category lookup per character, which cost seconds on the abstracts of a large conference.
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
_PRINTABLE_ASCII_LINES = re.compile(r"[\x20-\x7e\n]*")


def _refuse_invisible(value: str, *, multiline: bool) -> None:
    for char in value:
        if multiline and char == "\n":
            continue
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES and char not in _ALLOWED_INVISIBLE:
            raise ValueError(
                f"contains the invisible or control character U+{ord(char):04X} "
                f"({unicodedata.name(char, 'unnamed')}); remove it"
            )


def _check_text(value: str, *, multiline: bool = False) -> str:
    value = unicodedata.normalize("NFC", value)
    if not (_PRINTABLE_ASCII_LINES if multiline else _PRINTABLE_ASCII).fullmatch(value):
        _refuse_invisible(value, multiline=multiline)
    if not multiline:
        value = " ".join(value.split())
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _check_multiline(value: str) -> str:
    return _check_text(value.replace("\r\n", "\n").replace("\t", " "), multiline=True)


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_check_text)]

# Letters (category Lo) that show nothing: the Hangul fillers and the halfwidth one. A name of them alone would be
# an invisible name, id and page.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def has_visible_letter(value: str) -> bool:
    return any(char.isalpha() and char not in INVISIBLE_LETTERS for char in value)


def _check_name(value: str) -> str:
    value = _check_text(value)
    if not has_visible_letter(value):
        raise ValueError("must contain at least one visible letter")
    return value


Name = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_check_name)]
LongText = Annotated[str, StringConstraints(max_length=MAX_ABSTRACT), AfterValidator(_check_multiline)]

_ID = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def check_id(value: str) -> str:
    if not _ID.fullmatch(value) or value != value.lower() or len(value) > 80 or INVISIBLE_LETTERS & set(value):
        raise ValueError("must be lowercase letters and digits separated by single hyphens, like 'ritu-yadav'")
    return unicodedata.normalize("NFC", value)


Id = Annotated[str, AfterValidator(check_id)]

_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\{}|^\x00-\x1f\x7f]")


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an absolute http:// or https:// address")
    if _URL_FORBIDDEN.search(value):
        raise ValueError("contains a space, quote, bracket or control character; percent-encode it")
    if len(value) > 2000:
        raise ValueError("is longer than 2000 characters")
    return value


Url = Annotated[str, AfterValidator(_check_url)]

_HHMM = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])|24:00")


def _one_digit_hour(value: object) -> object:
    """9:00 is a mistake made often: say once what it is and what to write instead."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]:[0-5][0-9]", value):
        if isinstance(value, Unquoted):
            raise ValueError(f'{value} reads as a number; write "0{value}"')
        raise ValueError(f'"{value}" needs a two-digit hour; write "0{value}"')
    return value


def _parse_clock(value: str) -> str:
    if not _HHMM.fullmatch(value):
        raise ValueError("must be a time of day written as 'HH:MM' (24-hour clock, in quotes)")
    return value


Clock = Annotated[str, BeforeValidator(_one_digit_hour), AfterValidator(_parse_clock)]

_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def _parse_date(value: object) -> object:
    """A date as YYYY-MM-DD, and when it is not one, what is wrong with it ("February has 28 days in 2027")."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("must be a date written as YYYY-MM-DD")
    text = str(value).strip()
    match = _DATE.fullmatch(text)
    if match is None:
        if _DATE.match(text) and text[10:11] in ("T", " "):
            raise ValueError(f"{text} has a time of day; write the date alone: {text[:10]}")
        raise ValueError(f"{text!r} is not a date written as YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text}: there is no month {month}; dates are written YYYY-MM-DD")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{text}: {calendar.month_name[month]} has {days} days in {year}")
    if len(match[2]) != 2 or len(match[3]) != 2:
        raise ValueError(f"{text}: write the month and day with two digits: {year:04}-{month:02}-{day:02}")
    return dt.date(year, month, day)


Date = Annotated[dt.date, BeforeValidator(_parse_date)]


def _check_orcid(value: str) -> str:
    """ORCID iDs end in an ISO 7064 MOD 11-2 check character."""
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        raise ValueError("must look like 0000-0002-1825-0097")
    digits = value.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValueError(f"has a wrong check digit (expected {expected} at the end); check for a typo")
    return value


Orcid = Annotated[str, AfterValidator(_check_orcid)]


def _check_openreview_profile(value: str) -> str:
    if not re.fullmatch(r"~[^\W\d_][\w.\-]*\d+", value):
        raise ValueError("must be an OpenReview profile id such as '~Ritu_Yadav1'")
    return value


OpenReviewProfile = Annotated[str, AfterValidator(_check_openreview_profile)]


def _check_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be an IANA time zone such as 'Europe/Stockholm'") from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]


class Strict(BaseModel):
    """Base of every metadata model: unknown fields are errors (a misspelt key is never silently dropped) and
    models are immutable once loaded. Pydantic's lax mode still parses dates and enums from YAML text, but it
    never turns numbers into text."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

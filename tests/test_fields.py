"""The metadata's field types, each value checked on its own: what is accepted, what it becomes, and the exact
words an organizer reads for what is refused. The tree-level tests (test_model.py, test_broken_tree.py) show
these messages in place with file, line and field; here every branch and boundary is pinned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from proceedings_site.load import Unquoted
from proceedings_site.model.fields import (
    _check_multiline,
    _check_name,
    _check_openreview_profile,
    _check_orcid,
    _check_text,
    _check_timezone,
    _check_url,
    _one_digit_hour,
    _parse_clock,
    _parse_date,
    check_id,
    has_visible_letter,
)

NOT_A_DATE = "must be a date written as YYYY-MM-DD"


def refusal(check: Callable[[Any], object], value: object) -> str:
    """The words with which ``check`` refuses ``value``."""
    with pytest.raises(ValueError) as raised:
        check(value)
    return str(raised.value)


def test_text_is_one_line_in_nfc_and_never_blank() -> None:
    assert _check_text("  Sea  ice\u00a0 leads ") == "Sea ice leads"
    assert _check_text("Cafe\u0301") == "Café"
    assert refusal(_check_text, " \u3000 ") == "must not be empty"
    # YAML folds a title's lines; a line break left in one is a control character
    assert refusal(_check_text, "Sea\nice") == "contains the invisible or control character U+000A (unnamed); remove it"


def test_long_text_keeps_its_lines_in_one_convention() -> None:
    assert _check_multiline("First line\r\nsecond\tline\n") == "First line\nsecond line"
    lone_carriage_return = "First line\rsecond"
    assert refusal(_check_multiline, lone_carriage_return) == (
        "contains the invisible or control character U+000D (unnamed); remove it"
    )


@pytest.mark.parametrize(
    ("name", "visible"),
    [("Ritu Yadav", True), ("李", True), ("2030", False), ("\u3164", False), ("\u115f\u1160 \uffa0", False)],
)
def test_a_name_needs_a_visible_letter(name: str, visible: bool) -> None:
    assert has_visible_letter(name) is visible
    if visible:
        assert _check_name(name) == name
    else:
        assert refusal(_check_name, name) == "must contain at least one visible letter"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2030, 5, 1), dt.date(2030, 5, 1)),
        ("2030-05-01", dt.date(2030, 5, 1)),
        (" 2030-05-01 ", dt.date(2030, 5, 1)),
        ("2030-01-01", dt.date(2030, 1, 1)),  # the first month and day
        ("2030-12-31", dt.date(2030, 12, 31)),  # the last month and day
        ("2028-02-29", dt.date(2028, 2, 29)),  # a leap year
    ],
)
def test_a_date_is_read(value: object, expected: dt.date) -> None:
    assert _parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.datetime(2030, 5, 1, 12, 0), NOT_A_DATE),  # a time of day is not a date
        (True, NOT_A_DATE),
        (None, NOT_A_DATE),
        (["2030-05-01"], NOT_A_DATE),
        (20300501, "'20300501' is not a date written as YYYY-MM-DD"),
        (2030.5, "'2030.5' is not a date written as YYYY-MM-DD"),
        ("1 May 2030", "'1 May 2030' is not a date written as YYYY-MM-DD"),
        ("2030-05-01x", "'2030-05-01x' is not a date written as YYYY-MM-DD"),
        ("2030-05-01T12:00", "2030-05-01T12:00 has a time of day; write the date alone: 2030-05-01"),
        ("2030-05-01 12:00", "2030-05-01 12:00 has a time of day; write the date alone: 2030-05-01"),
        ("2030-13-01", "2030-13-01: there is no month 13; dates are written YYYY-MM-DD"),
        ("2030-00-10", "2030-00-10: there is no month 0; dates are written YYYY-MM-DD"),
        ("2030-02-29", "2030-02-29: February has 28 days in 2030"),
        ("2030-04-31", "2030-04-31: April has 30 days in 2030"),
        ("2030-01-00", "2030-01-00: January has 31 days in 2030"),
        ("2030-5-01", "2030-5-01: write the month and day with two digits: 2030-05-01"),
        ("2030-05-1", "2030-05-1: write the month and day with two digits: 2030-05-01"),
    ],
)
def test_a_wrong_date_says_what_is_wrong(value: object, message: str) -> None:
    assert refusal(_parse_date, value) == message


URL_PREFIX = "https://example.org/"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x",
        "http://a.b",
        "https://example.org/a%20b?q=1&r=~2#part",
        URL_PREFIX + "a" * (2000 - len(URL_PREFIX)),  # exactly the longest allowed
    ],
)
def test_an_address_is_kept_as_written(url: str) -> None:
    assert _check_url(url) == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/x", "must be an absolute http:// or https:// address"),
        ("javascript:alert(1)", "must be an absolute http:// or https:// address"),
        ("https:///path", "must be an absolute http:// or https:// address"),
        ("example.org/x", "must be an absolute http:// or https:// address"),
        (URL_PREFIX + "a" * (2001 - len(URL_PREFIX)), "is longer than 2000 characters"),
        *(
            (f"{URL_PREFIX}a{char}b", "contains a space, quote, bracket or control character; percent-encode it")
            for char in [" ", "\t", "<", ">", '"', "'", "`", "\\", "{", "}", "|", "^", "\x00", "\x1f", "\x7f"]
        ),
    ],
)
def test_a_wrong_address_says_what_is_wrong(url: str, message: str) -> None:
    assert refusal(_check_url, url) == message


@pytest.mark.parametrize("orcid", ["0000-0002-1825-0097", "0000-0000-0000-001X", "0000-0001-5109-3700"])
def test_an_orcid_with_its_check_character_is_kept(orcid: str) -> None:
    assert _check_orcid(orcid) == orcid


@pytest.mark.parametrize(
    ("orcid", "message"),
    [
        ("0000-0002-1825-0098", "has a wrong check digit (expected 7 at the end); check for a typo"),
        ("0000-0000-0000-0010", "has a wrong check digit (expected X at the end); check for a typo"),
        ("0000-0000-0000-001x", "must look like 0000-0002-1825-0097"),
        ("0000000218250097", "must look like 0000-0002-1825-0097"),
        ("0000-0002-1825-009", "must look like 0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "must look like 0000-0002-1825-0097"),
    ],
)
def test_a_wrong_orcid_says_what_is_wrong(orcid: str, message: str) -> None:
    assert refusal(_check_orcid, orcid) == message


ID_MESSAGE = "must be lowercase letters and digits separated by single hyphens, like 'ritu-yadav'"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ritu-yadav", "ritu-yadav"),
        ("a", "a"),
        ("a1-b2-3c", "a1-b2-3c"),
        ("émile", "émile"),
        ("\u0958", "\u0915\u093c"),  # a letter Unicode keeps decomposed: stored as NFC, as names are
        ("a" * 80, "a" * 80),  # the longest allowed
    ],
)
def test_an_id_is_kept_in_nfc(value: str, expected: str) -> None:
    assert check_id(value) == expected


@pytest.mark.parametrize(
    "value",
    ["Ritu", "ritu--yadav", "-ritu", "ritu-", "ritu_yadav", "ritu yadav", "", "a" * 81, "\u3164", "a\u3164b"],
)
def test_a_wrong_id_says_what_an_id_is(value: str) -> None:
    assert refusal(check_id, value) == ID_MESSAGE


def clock(value: object) -> object:
    """A time of day as the ``Clock`` field checks it: the one-digit hour first, then the form."""
    return _parse_clock(_one_digit_hour(value))


@pytest.mark.parametrize("value", ["00:00", "09:30", "19:59", "23:59", "24:00"])
def test_a_time_of_day_is_kept(value: str) -> None:
    assert clock(value) == value


@pytest.mark.parametrize("value", ["24:01", "25:00", "12:60", "1200", "12:5", "noon"])
def test_a_wrong_time_of_day_says_how_to_write_one(value: str) -> None:
    assert refusal(clock, value) == "must be a time of day written as 'HH:MM' (24-hour clock, in quotes)"


def test_a_one_digit_hour_says_what_to_write_quoted_or_not() -> None:
    assert refusal(_one_digit_hour, "9:00") == '"9:00" needs a two-digit hour; write "09:00"'
    assert refusal(_one_digit_hour, Unquoted("9:00")) == '9:00 reads as a number; write "09:00"'
    assert _one_digit_hour(540) == 540  # YAML's sexagesimal number: the clock check says what is wrong


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("~Ritu_Yadav1", True),
        ("~J._Doe-Smith12", True),
        ("Ritu_Yadav1", False),
        ("~Ritu_Yadav", False),
        ("~1Ritu1", False),
        ("~_Ritu1", False),
    ],
)
def test_openreview_profile_ids(value: str, accepted: bool) -> None:
    if accepted:
        assert _check_openreview_profile(value) == value
    else:
        assert refusal(_check_openreview_profile, value) == "must be an OpenReview profile id such as '~Ritu_Yadav1'"


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("Europe/Stockholm", True), ("UTC", True), ("Europe/Malmo", False), ("../etc/passwd", False), ("", False)],
)
def test_time_zones(value: str, accepted: bool) -> None:
    if accepted:
        assert _check_timezone(value) == value
    else:
        assert refusal(_check_timezone, value) == "must be an IANA time zone such as 'Europe/Stockholm'"

"""Birth dates: every common French writing of one date gives one number."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
from hypothesis import assume, given, strategies as st

from scanner.dates import parse_birth_dates

FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%d 00:00:00", "%d/%m/%y")


@given(st.dates(min_value=dt.date(1925, 1, 1), max_value=dt.date.today()), st.sampled_from(FORMATS))
def test_every_format_reads_the_same_date(date, fmt):
    # Two digits name the year only within the last century.
    assume("%y" not in fmt or date.year > dt.date.today().year - 100)
    expected = int(date.strftime("%Y%m%d"))
    assert parse_birth_dates(pa.array([date.strftime(fmt)])).tolist() == [expected]


def test_day_and_month_without_leading_zero():
    assert parse_birth_dates(pa.array(["1/2/1985", "01/2/85"])).tolist() == [19850201, 19850201]


def test_impossible_and_implausible_dates_are_zero():
    values = pa.array(["30/02/1990", "00/01/1990", "01/13/1990", "01/01/1850", "01/01/2999",
                       "hello", "", None, "1990"])
    assert parse_birth_dates(values).tolist() == [0] * 9


def test_two_digit_years_are_never_in_the_future():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    expected = int(tomorrow.strftime("%Y%m%d")) - 1000000
    assert parse_birth_dates(pa.array([tomorrow.strftime("%d/%m/%y")])).tolist() == [expected]


def test_chunked_input():
    assert parse_birth_dates(pa.chunked_array([["01/02/1985"], ["1985-02-01"]])).tolist() == [19850201] * 2

"""Absolute and relative dates, resolved against the publication day."""

from datetime import date, datetime

from digest.extract import extract
from digest.extract.dates import find_dates
from digest.extract.published import embedded_post_days
from digest.model import Removal

FRIDAY = date(2019, 5, 10)  # a Friday


def dates(text: str, published: date | None = FRIDAY) -> list[tuple[str, date]]:
    return [(d.text, d.date) for d in find_dates(text, published)]


def test_month_day_year():
    assert dates("The deal was signed on May 10, 2019.", None) == [
        ("May 10, 2019", date(2019, 5, 10))
    ]


def test_day_month_year():
    assert dates("Talks began on 10 May 2019.", None) == [("10 May 2019", date(2019, 5, 10))]


def test_day_month_without_year_takes_year_from_published():
    assert dates("Talks began on 10 May.") == [("10 May", date(2019, 5, 10))]


def test_month_day_without_year_takes_year_from_published():
    assert dates("Tariffs rise on Jan. 1.", date(2018, 12, 20)) == [("Jan. 1", date(2019, 1, 1))]


def test_month_day_without_year_is_skipped_when_undated():
    assert dates("Tariffs rise on Jan. 1.", None) == []


def test_iso_date():
    assert dates("Effective 2019-06-01 the rate rises.", None) == [("2019-06-01", date(2019, 6, 1))]


def test_past_tense_weekday_is_the_day_before_a_friday():
    assert dates("The negotiators met on Thursday in Washington.") == [
        ("on Thursday", date(2019, 5, 9))
    ]


def test_future_tense_weekday_is_the_coming_one():
    assert dates("The negotiators will meet on Tuesday in Beijing.") == [
        ("on Tuesday", date(2019, 5, 14))
    ]


def test_past_tense_same_weekday_is_the_publication_day():
    assert dates("Jane Doe said Friday that talks had ended.") == [("Friday", FRIDAY)]


def test_last_weekday_is_strictly_before():
    assert dates("They met last Friday.") == [("last Friday", date(2019, 5, 3))]


def test_next_weekday_is_strictly_after():
    assert dates("They meet next Friday.") == [("next Friday", date(2019, 5, 17))]


def test_weekday_followed_by_its_date_is_not_counted_twice():
    found = dates("They spoke on Wednesday (May 8) by phone.")
    assert found == [("May 8", date(2019, 5, 8))]


def test_yesterday_and_tomorrow():
    assert dates("Talks ended yesterday and resume tomorrow.") == [
        ("yesterday", date(2019, 5, 9)),
        ("tomorrow", date(2019, 5, 11)),
    ]


def test_last_week_is_seven_days_before():
    assert dates("The two sides spoke last week.") == [("last week", date(2019, 5, 3))]


def test_next_month_is_the_first_of_next_month():
    assert dates("A new round starts next month.") == [("next month", date(2019, 6, 1))]


def test_last_month_is_the_first_of_last_month():
    assert dates("Talks broke down last month.") == [("last month", date(2019, 4, 1))]


def test_early_april_is_the_fifth():
    assert dates("A visit is planned for early April.", date(2019, 2, 14)) == [
        ("early April", date(2019, 4, 5))
    ]


def test_mid_and_late_month():
    found = dates("Talks from mid-June to late June 2019.", None)
    assert found == [("late June 2019", date(2019, 6, 25))]
    assert dates("Talks in mid-June.") == [("mid-June", date(2019, 6, 15))]


def test_days_ago():
    assert dates("The call took place three days ago.") == [("three days ago", date(2019, 5, 7))]


def test_relative_dates_skipped_without_published():
    assert dates("They met on Thursday and again last week.", None) == []


def test_extract_returns_dates_in_order():
    result = extract(
        "On May 1, 2019, they met. They will meet again on Tuesday.",
        published=FRIDAY,
        people=(),
        topics=(),
    )
    assert [d.date for d in result.dates] == [date(2019, 5, 1), date(2019, 5, 14)]


def test_extract_accepts_datetime_and_iso_string_for_published():
    text = "They met on Thursday."
    expected = (date(2019, 5, 9),)
    for published in (datetime(2019, 5, 10, 8, 30), "2019-05-10"):
        result = extract(text, published=published, people=(), topics=())
        assert tuple(d.date for d in result.dates) == expected


def test_embedded_post_day_is_its_stamp_not_a_date_in_its_words():
    removed = [
        Removal(
            "We sign the deal on January 15, 2020. — Jane Roe (@jroe_example) December 31, 2019",
            "embedded post",
        ),
        Removal("date 2019-05-01", "timestamp"),
    ]
    assert embedded_post_days(removed) == (date(2019, 12, 31),)

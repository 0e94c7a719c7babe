"""Training status follows the dates, the registration deadline and `cancelled`."""

import datetime as dt

import pytest

from generator.content.model import Record
from generator.content.status import event_status
from generator.content.values import SHANGHAI


def training(**fields):
    base = {
        "start": dt.datetime(2026, 12, 5, 9, tzinfo=SHANGHAI),
        "end": dt.datetime(2026, 12, 6, 17, tzinfo=SHANGHAI),
        "registration": {"deadline": dt.date(2026, 12, 1)},
    }
    base.update(fields)
    return Record("training", "t-1", "t.yaml", base)


@pytest.mark.parametrize(
    "today, label",
    [
        (dt.date(2026, 11, 24), "报名中"),
        (dt.date(2026, 12, 1), "报名中"),  # the deadline day itself is still open
        (dt.date(2026, 12, 2), "报名已截止"),
        (dt.date(2026, 12, 5), "进行中"),
        (dt.date(2026, 12, 6), "进行中"),
        (dt.date(2026, 12, 7), "已结束"),
    ],
)
def test_status_by_date(today, label):
    assert event_status(training(), today).label == label


def test_without_registration_details_a_future_class_is_coming_soon():
    assert event_status(training(registration=None), dt.date(2026, 11, 1)).label == "即将开始"


def test_cancelled_wins_over_dates():
    assert event_status(training(cancelled=True), dt.date(2026, 11, 24)).label == "已取消"
    assert event_status(training(cancelled=True), dt.date(2027, 1, 1)).label == "已取消"

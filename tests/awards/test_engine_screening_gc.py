"""screen() pauses the cyclic garbage collector during a batch and restores its previous state."""

import gc

from thidua.awards.engine import PersonHistory, YearRecord, screen
from thidua.awards.terms import Rating


def _people():
    return [PersonHistory("p", {2025: YearRecord(Rating.HTT)}, service_months=24)]


def test_screen_restores_enabled_collector():
    assert gc.isenabled()
    verdicts = screen(_people(), 2025, awards=["LDTT"])
    assert [v.outcome.value for v in verdicts] == ["eligible"]
    assert gc.isenabled()


def test_screen_leaves_disabled_collector_disabled():
    gc.disable()
    try:
        screen(_people(), 2025, awards=["LDTT"])
        assert not gc.isenabled()
    finally:
        gc.enable()

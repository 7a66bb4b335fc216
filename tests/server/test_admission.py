"""The SPARQL pool's order of service (server/sparql/admission.py), on its real shared state, from
threads as the pool's front runs it."""

from __future__ import annotations

import threading
import time

import pytest

from server.sparql.admission import FAST, REGULAR, Admission, Refused


def _waiting(admission: Admission, client: str, order: list[str], hold: float = 0.05) -> threading.Thread:
    def run() -> None:
        with admission.turn(client):
            order.append(client)
            time.sleep(hold)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_least_served_client_goes_first_and_a_newcomer_gets_the_fast_slot():
    admission = Admission(places=8, running=1, budget=60)
    order: list[str] = []
    with admission.turn("heavy") as first:
        assert first.lane == REGULAR
        with admission.turn("newcomer") as fast:  # the one worker busy: a first query runs at once
            assert fast.lane == FAST
        second = _waiting(admission, "heavy", order)  # waits: its client has a query running
        time.sleep(0.1)
        with admission.turn("other") as other:  # the fast slot again, free
            assert other.lane == FAST
            late = _waiting(admission, "light", order)  # came after, and the fast slot is taken
            time.sleep(0.1)
        time.sleep(0.02)
        assert order == ["light"]  # the fast slot, freed, went to the one that may have it
    second.join()
    late.join()
    assert order == ["light", "heavy"]


def test_past_its_budget_a_client_is_told_when_to_come_back_and_others_are_not():
    admission = Admission(places=4, running=2, budget=1.2)  # 1.2 s a minute: 0.02 s back each second
    with admission.turn("greedy"):
        time.sleep(1.3)
    with pytest.raises(Refused) as refused:
        with admission.turn("greedy"):
            pass
    assert refused.value.status == 429 and 1 < refused.value.retry_after <= 10
    with admission.turn("modest") as turn:
        assert turn.lane == REGULAR


def test_no_query_waits_past_the_bound():
    admission = Admission(places=4, running=1, budget=60, max_wait=0.3)
    with admission.turn("a"), admission.turn("b"):  # the worker and the fast slot
        started = time.monotonic()
        with pytest.raises(Refused) as refused:
            with admission.turn("c"):
                pass
        assert refused.value.status == 503 and refused.value.retry_after == 5
        assert 0.3 <= time.monotonic() - started < 1
    with admission.turn("c") as turn:  # and its place was given back
        assert turn.lane == REGULAR

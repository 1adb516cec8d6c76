from datetime import UTC, datetime, timedelta

from visitapp.core.lockout import LOCK, locked_until

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def minutes(*ms: float) -> list[datetime]:
    return [T0 + timedelta(minutes=m) for m in ms]


def test_nine_failures_do_not_lock():
    assert locked_until(minutes(*range(9)), T0 + timedelta(minutes=9)) is None


def test_tenth_failure_within_fifteen_minutes_locks_for_fifteen_minutes():
    failures = minutes(*range(10))  # 0..9 minutes
    assert locked_until(failures, T0 + timedelta(minutes=10)) == failures[-1] + LOCK


def test_lock_ends_after_fifteen_minutes():
    failures = minutes(*range(10))
    assert locked_until(failures, failures[-1] + LOCK) is None
    assert locked_until(failures, failures[-1] + LOCK - timedelta(seconds=1)) is not None


def test_ten_failures_spread_over_more_than_fifteen_minutes_do_not_lock():
    failures = minutes(*[i * 2 for i in range(10)])  # 0..18 minutes
    assert locked_until(failures, T0 + timedelta(minutes=19)) is None


def test_attempts_during_a_lock_do_not_extend_it():
    failures = minutes(*range(10)) + minutes(*[10 + i * 0.5 for i in range(20)])
    first_lock_end = T0 + timedelta(minutes=9) + LOCK
    assert locked_until(failures, T0 + timedelta(minutes=20)) == first_lock_end
    assert locked_until(failures, first_lock_end) is None

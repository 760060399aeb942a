"""A background writer's failure fails the test that ran it, even if no check asked for it."""

from __future__ import annotations

import threading

import pytest

from tests.service_process import BackgroundWriter, ServiceProcess


class FailingWriter(BackgroundWriter):
    """Fails at once; the service is never used."""

    def write(self, stop: threading.Event) -> None:
        raise RuntimeError("engine said no")


class QuietWriter(BackgroundWriter):
    def write(self, stop: threading.Event) -> None:
        stop.wait(30)


def _unused_service() -> ServiceProcess:
    return ServiceProcess.__new__(ServiceProcess)  # nothing started: these writers never reach it


def test_leaving_the_block_raises_the_writers_failure() -> None:
    writer = FailingWriter(_unused_service())
    with pytest.raises(AssertionError, match="the writer failed") as failed, writer:
        writer._thread.join(timeout=10)
    assert isinstance(failed.value.__cause__, RuntimeError)


def _fail_inside(writer: BackgroundWriter) -> None:
    with writer:
        writer._thread.join(timeout=10)
        raise KeyError("the test's own")


def test_a_failing_test_keeps_its_own_error_and_notes_the_writers() -> None:
    with pytest.raises(KeyError) as failed:
        _fail_inside(FailingWriter(_unused_service()))
    assert any("engine said no" in note for note in failed.value.__notes__)


def test_a_writer_that_did_not_fail_is_stopped_quietly() -> None:
    writer = QuietWriter(_unused_service())
    with writer:
        pass
    assert writer.error is None
    assert not writer._thread.is_alive()

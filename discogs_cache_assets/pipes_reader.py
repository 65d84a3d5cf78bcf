"""A Pipes message reader for long, CPU-bound external processes: the converter."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dagster as dg
from dagster_pipes import PipesDefaultMessageWriter


class PolledFileMessageReader(dg.PipesMessageReader):
    """Dagster's ``PipesTempFileMessageReader``, polling every ``poll_seconds`` instead of 10 ms.

    The converter keeps both cores busy for minutes and writes a message every few seconds at
    most; a reader thread waking 100 times a second costs ~1.3 % of a core beside it for nothing.
    The session's end wakes the reader at once, so no message is read late at the close.
    """

    def __init__(self, poll_seconds: float = 0.2) -> None:
        self._poll_seconds = poll_seconds

    @contextmanager
    def read_messages(self, handler: Any) -> Iterator[dict[str, Any]]:
        with tempfile.TemporaryDirectory() as tempdir:
            path = os.path.join(tempdir, "messages")
            open(path, "w", encoding="utf-8").close()
            closed = threading.Event()
            thread = threading.Thread(target=self._read, args=(path, handler, closed), daemon=True)
            thread.start()
            try:
                yield {PipesDefaultMessageWriter.FILE_PATH_KEY: path}
            finally:
                closed.set()
                thread.join()

    def _read(self, path: str, handler: Any, closed: threading.Event) -> None:
        partial = ""
        try:
            with open(path, encoding="utf-8") as fh:
                while True:
                    chunk = fh.readline()
                    if chunk:
                        # A line caught mid-write is completed by the next read.
                        partial += chunk
                        if partial.endswith("\n"):
                            handler.handle_message(json.loads(partial))
                            partial = ""
                    elif closed.is_set():
                        break
                    else:
                        closed.wait(self._poll_seconds)
        except BaseException:
            handler.report_pipes_framework_exception(f"{type(self).__name__} reader thread", sys.exc_info())
            raise

    def no_messages_debug_text(self) -> str:
        return "Attempted to read messages from a local temporary file."


def converter_client() -> dg.PipesSubprocessClient:
    """The ``pipes_subprocess_client`` resource the converter asset runs under."""
    return dg.PipesSubprocessClient(message_reader=PolledFileMessageReader())

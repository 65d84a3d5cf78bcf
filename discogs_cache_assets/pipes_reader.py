"""The converter under Dagster Pipes: a message reader for a long, CPU-bound process, and a
client whose failure is one line, the converter's own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import dagster as dg
from dagster_pipes import PipesDefaultMessageWriter, PipesExtras

from discogs_cache_assets.dump.binary import ENV_VAR, ConverterNotFound, converter_path


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


class _StderrTail(threading.Thread):
    """Passes the process's stderr on to ours (the step's captured log) line by line and keeps
    the last ``error: `` line, or else the last line."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(daemon=True)
        self._stream = stream
        self.error = ""
        self.last = ""

    def run(self) -> None:
        for raw in self._stream:
            line = raw.decode("utf-8", errors="replace")
            sys.stderr.write(line)
            sys.stderr.flush()
            text = line.strip()
            if text.startswith("error: "):
                self.error = text.removeprefix("error: ")
            if text:
                self.last = text


def _who(command: Sequence[str]) -> str:
    """The binary as the user configured it: the variable when it is set."""
    if configured := os.environ.get(ENV_VAR):
        return f"{ENV_VAR}={configured}"
    return str(command[0])


def _as_named(line: str) -> str:
    """The converter's line names the file it was given; a month is given as a folder of links
    to the user's files, so name the file the link points to."""
    path, sep, rest = line.partition(": ")
    if sep and Path(path).is_symlink():
        return f"{os.readlink(path)}{sep}{rest}"
    return line


def _failure(command: Sequence[str], status: int, tail: _StderrTail, opened: bool) -> str | None:
    """One line for a converter run that failed, or ``None`` when it did not."""
    if opened and status == 0:
        return None
    if opened and tail.error:
        return _as_named(tail.error)  # the converter's own: the file, the byte offset, what is wrong
    ended = f"killed by signal {-status}" if status < 0 else f"exited with status {status}"
    if not opened:
        ended += " without opening Dagster Pipes (is it the discogs-xml-converter?)"
    said = tail.error or tail.last
    return f"{_who(command)}: {ended}" + (f": {said}" if said else "")


class ConverterClient(dg.PipesSubprocessClient):
    """``PipesSubprocessClient`` whose failure is one line: the converter's last error line
    (read from its stderr, which still reaches the step's log), or what the configured binary
    did instead of converting. Dagster's own says "External execution process failed with code 1"."""

    def run(  # type: ignore[override]
        self,
        *,
        context: dg.OpExecutionContext | dg.AssetExecutionContext,
        extras: PipesExtras | None = None,
        command: str | Sequence[str],
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
    ) -> dg.PipesClientCompletedInvocation:
        argv = [command] if isinstance(command, str) else list(command)
        with dg.open_pipes_session(
            context=context, context_injector=self.context_injector, message_reader=self.message_reader, extras=extras
        ) as session:
            try:
                process = subprocess.Popen(  # noqa: S603 - the configured converter binary
                    argv,
                    cwd=cwd or self.cwd,
                    env={**os.environ, **self.env, **(env or {}), **session.get_bootstrap_env_vars()},
                    stderr=subprocess.PIPE,
                )
            except OSError as exc:
                raise dg.Failure(f"{_who(argv)}: cannot run: {exc.strerror or exc}") from None
            assert process.stderr is not None
            tail = _StderrTail(process.stderr)
            tail.start()
            try:
                process.wait()
            except dg.DagsterExecutionInterruptedError:
                if self.forward_termination:
                    context.log.info("[pipes] execution interrupted, sending SIGINT to subprocess.")
                    process.send_signal(signal.SIGINT)
                    process.wait(timeout=self.termination_timeout_seconds)
                raise
            finally:
                tail.join(timeout=10)
        # Checked once the session has read every message the process wrote.
        if message := _failure(argv, process.returncode, tail, session.message_handler.received_opened_message):
            raise dg.Failure(message)
        return dg.PipesClientCompletedInvocation(session)


def converter_binary() -> Path:
    """The converter binary; a missing or unusable one fails the step with one line."""
    try:
        return converter_path()
    except ConverterNotFound as exc:
        raise dg.Failure(str(exc)) from None


def converter_client() -> dg.PipesSubprocessClient:
    """The ``pipes_subprocess_client`` resource the converter asset runs under."""
    return ConverterClient(message_reader=PolledFileMessageReader())

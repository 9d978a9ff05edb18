"""A private X server (Xvfb) with a real clipboard, for the tests of watch and browse.

Each test module that needs one starts its own on a display number Xvfb picks (so that
it never meets another server), copies with xclip, and stops it after; the xclip
processes that hold copied texts end with their server. Where Xvfb or xclip is not
installed the tests are skipped and say so; .ci/run installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MISSING = [tool for tool in ("Xvfb", "xclip") if shutil.which(tool) is None]
needs_x = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{' and '.join(MISSING)} not installed (apt-get install xvfb xclip)",
)


class XServer:
    """A running Xvfb: its display name, and the clipboard on it."""

    def __init__(self, display: str):
        self.display = display

    def env(self, **more: str) -> dict[str, str]:
        """Give this process's environment pointed at this server's display."""
        return {**os.environ, "DISPLAY": self.display, **more}

    def copy(self, data: str | bytes, target: str | None = None) -> None:
        """Put ``data`` on the clipboard, as text or (``target``) another type."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        command = ["xclip", "-selection", "clipboard"]
        if target is not None:
            command += ["-t", target]
        # xclip stays behind to hold the text until another copy or the end of the server,
        # and then complains that the server went: noise.
        subprocess.run(
            command,
            input=raw,
            env=self.env(),
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=10,
        )

    def paste(self) -> str:
        """Give the text on the clipboard."""
        return subprocess.run(
            ["xclip", "-selection", "clipboard", "-o"],
            env=self.env(),
            capture_output=True,
            check=True,
            timeout=10,
        ).stdout.decode("utf-8")


def start_xvfb() -> Iterator[XServer]:
    """Run Xvfb on a free display until the generator is closed."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "640x480x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        number = _read_line(read, timeout=20)
        yield XServer(f":{number}")
    finally:
        os.close(read)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _read_line(fd: int, timeout: float) -> str:
    """Give the first line written to ``fd`` (Xvfb writes its display number there)."""
    got = bytearray()
    done = threading.Event()

    def reader() -> None:
        while not got.endswith(b"\n"):
            chunk = os.read(fd, 64)
            if not chunk:
                break
            got.extend(chunk)
        done.set()

    threading.Thread(target=reader, daemon=True).start()
    if not done.wait(timeout) or not got.strip():
        raise RuntimeError("Xvfb did not start")
    return got.decode().strip()


class Output:
    """What a process writes to a pipe, gathered by a thread, to wait for."""

    def __init__(self, stream: object):
        self.text = ""
        self._lock = threading.Condition()
        threading.Thread(target=self._gather, args=(stream,), daemon=True).start()

    def _gather(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self._lock:
                self.text += line
                self._lock.notify_all()

    def wait_for(self, needle: str, timeout: float = 15.0, after: int = 0) -> int:
        """Wait until ``needle`` is written (past offset ``after``); give where it ends."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while (at := self.text.find(needle, after)) < 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{needle!r} not written; got:\n{self.text}")
                self._lock.wait(left)
            return at + len(needle)


def write_glossary(folder: Path, text: str) -> Path:
    """Write ``text`` as ``folder/terms.yaml``; give its path."""
    path = folder / "terms.yaml"
    path.write_text(text, encoding="utf-8")
    return path

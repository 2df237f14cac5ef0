"""The `aloe` console script: start-up and shut-down errors (Ctrl-C, closed or full streams) end cleanly.

Kept tiny, and importing the rest of aloe only inside main(), so that Ctrl-C while it is imported is caught
here rather than shown as a traceback.
"""

# `_signal`, not `signal`: the wrapper first imports enum, a few ms in which Ctrl-C would still be a
# traceback; the built-in module under it does the same job at once.
import _signal  # type: ignore[import-not-found]  # typeshed has stubs for `signal` only
import os
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C before aloe's own handling is in place: the documented quiet exit, not a traceback."""
    os.write(2, b"\naloe: interrupted\n")
    os._exit(130)


# Before anything else, so that Ctrl-C while aloe is imported ends quietly too.
# Python's own start-up before this line (site, runpy) is out of aloe's reach.
_signal.signal(_signal.SIGINT, _interrupted_while_starting)

import contextlib  # noqa: E402 - after the handler: the less before it, the smaller the window
import gc  # noqa: E402


def main() -> None:
    """Run aloe; whatever reaches this far becomes one line on stderr and a documented exit code."""
    code = 0
    try:
        if sys.stdout is None:  # started with standard output closed (`aloe ... >&-`)
            sys.stdout = ClosedStream()
        # A run is one short process: what it imports and the dataset it loads live until it ends, so
        # the cycle collector would walk millions of objects only to find them alive (about 6 ms of
        # every start, a second for a 10,000-record dataset while the answer is built). The process
        # chooses, here and not in a library: what is imported is set aside for good, and the collector
        # stays off for the run (reference counting still frees every object no cycle holds).
        gc.disable()
        from aloe_cli.cli import run  # start-up: inside the try, so that Ctrl-C while importing is caught

        gc.freeze()
        # From here a KeyboardInterrupt reaches the handlers that end the command cleanly (the pager ...).
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        run()
    except KeyboardInterrupt:
        _say("\naloe: interrupted\n")
        code = 130
    except SystemExit as exit_request:
        code = exit_request.code if isinstance(exit_request.code, int) else 1
    code = _flush_standard_output(code)
    # Python's exit runs one last collection, collector off or not: what the run made is set aside
    # first, as what it imported was, so that it is not walked only to be found alive.
    gc.freeze()
    sys.exit(code)


def _flush_standard_output(code: int) -> int:
    """Flush stdout now, so that a full disk or a closed pipe is reported here, not by Python at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader went away: what it wanted it had
    except OSError as error:
        _say(f"aloe: error: cannot write to standard output: {error.strerror or error}\n")
        code = code or 1
    else:
        return code
    # Python flushes stdout once more as it exits: point it at nothing so that this is said only once.
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    return code


def _say(text: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is closed too: the exit code is all that is left


class ClosedStream:
    """Stands for a closed standard output: writing to it is an error aloe reports, nothing else."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        """Refuse: there is nowhere to write."""
        raise OSError(9, "standard output is closed")

    def flush(self) -> None:
        """Nothing is held back."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False

    @property
    def buffer(self) -> "ClosedStream":
        """The byte stream: closed too."""
        return self

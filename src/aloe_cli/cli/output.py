"""Where output goes: data to stdout, messages to stderr; colour only on a terminal that wants it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from aloe_cli.errors import OutputError
from aloe_cli.i18n import N_, _
from aloe_cli.sanitize import printable, printable_line

if TYPE_CHECKING:
    from rich.console import Console


def wants_color(stream: TextIO, no_color_flag: bool) -> bool:
    """Colour only on a terminal, and never with --no-color, NO_COLOR or TERM=dumb."""
    if no_color_flag or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def shows_hyperlinks() -> bool:
    """Whether the terminal shows OSC 8 hyperlinks: known to, or told so by ALOE_HYPERLINKS=1 (0: never).

    A terminal that doesn't would show a title with no address at all: where it is not known, the
    addresses are printed.
    """
    told = os.environ.get("ALOE_HYPERLINKS")
    if told in ("0", "1"):
        return told == "1"
    env = os.environ
    if env.get("TERM_PROGRAM") in ("iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper"):
        return True
    if env.get("TERM") in ("xterm-kitty", "xterm-ghostty", "foot", "wezterm"):
        return True
    vte = env.get("VTE_VERSION", "")
    return bool(env.get("WT_SESSION") or env.get("KONSOLE_VERSION") or (vte.isdigit() and int(vte) >= 5000))


MIN_WIDTH, MAX_WIDTH = 40, 500


@dataclass
class Output:
    """The two streams of a command, and whether they may carry colour."""

    no_color: bool = False
    no_pager: bool = False

    def console(self, file: TextIO | None = None) -> Console:
        """A Rich console (on stdout by default) that never reads markup or emoji codes in what it prints."""
        from rich.console import Console  # start-up: Rich only when it draws for people

        class ClosedPipeAware(Console):
            """Rich exits with status 1 on a closed pipe; aloe ends quietly with 0 (see its README)."""

            def on_broken_pipe(self) -> None:
                raise BrokenPipeError

        color = wants_color(sys.stdout, self.no_color)
        return ClosedPipeAware(
            file=file or sys.stdout,
            force_terminal=color if file is not None else None,
            width=self.width(),
            color_system="auto" if color else None,
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=False,
        )

    def width(self) -> int:
        """Columns available on stdout: the terminal's, or $COLUMNS, or 80 when piped; 40 to 500.

        Narrower than 40 nothing can be laid out (a table would lose its text); wider than 500 no line
        is read.
        """
        return min(max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH), MAX_WIDTH)

    def emit(self, rendered: Any) -> None:
        """Print a renderer's result: text as is (JSON, CSV ... never through Rich), else via Rich.

        On a terminal, output taller than the screen goes through a pager, as git does; never when piped.
        """
        with writing_to_standard_output():
            pager = self.pager()
            if isinstance(rendered, Iterator):  # text in chunks (a large CSV): written as it comes
                if pager is None:
                    for chunk in rendered:
                        sys.stdout.write(chunk)
                    sys.stdout.flush()
                    return
                rendered = "".join(rendered)
            if hasattr(rendered, "hyperlinks"):  # aloe's blocks: sources' titles linked where shown
                rendered = rendered._replace(hyperlinks=shows_hyperlinks())
            if pager is None:
                if isinstance(rendered, str):
                    sys.stdout.write(rendered)
                elif hasattr(rendered, "plain"):  # aloe's blocks: laid out and painted without Rich
                    if wants_color(sys.stdout, self.no_color):
                        sys.stdout.write(rendered.painted(self.width()))
                    else:  # no colour to show: a pipe, a file, --no-color, NO_COLOR, TERM=dumb
                        sys.stdout.write(rendered.plain(self.width()))
                else:
                    self.console().print(rendered, crop=False)  # addresses never cut
                sys.stdout.flush()
                return
            if isinstance(rendered, str):
                text = rendered
            elif hasattr(rendered, "painted"):  # for the pager: colour kept, as `less -R` shows it
                color = wants_color(sys.stdout, self.no_color)
                text = rendered.painted(self.width()) if color else rendered.plain(self.width())
            else:
                buffer = io.StringIO()
                self.console(file=buffer).print(rendered, crop=False)
                text = buffer.getvalue()
            if text.count("\n") >= shutil.get_terminal_size((80, 24)).lines:
                failure = run_pager(pager, text)
                if failure is None:
                    return
                self.note(_("aloe: warning: {failure}; the output follows unpaged").format(failure=failure))
            sys.stdout.write(text)
            sys.stdout.flush()

    def emit_bytes(self, data: bytes) -> None:
        """Write an export's text to stdout as it is, or, on a terminal, with control characters shown."""
        if sys.stdout.isatty():  # a page's text must not drive the terminal (retitle it, move the cursor)
            self.emit(printable(data.decode("utf-8", "replace")))
            return
        with writing_to_standard_output():
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def pager(self) -> str | None:
        """The pager command to use now: $ALOE_PAGER, else $PAGER, else less; None when not paging."""
        if self.no_pager or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
            return None
        command = os.environ.get("ALOE_PAGER", os.environ.get("PAGER", "less"))
        return None if command.strip() in ("", "cat") else command

    def note(self, message: str) -> None:
        """A message for the person, not the data: one line on stderr, control characters shown as symbols."""
        sys.stderr.write(printable_line(message) + "\n")

    def error(self, message: str) -> None:
        """An error line: 'aloe: error: ...' on stderr (the word 'error' in the run's language)."""
        prefix = _("aloe: error:")
        if wants_color(sys.stderr, self.no_color):
            prefix = f"\x1b[1;31m{prefix}\x1b[0m"
        prefix += " "
        sys.stderr.write(prefix + printable_line(message) + "\n")


@contextmanager
def writing_to_standard_output() -> Iterator[None]:
    """Turn what can go wrong writing to stdout into a clean OutputError (a closed pipe stays quiet)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except UnicodeEncodeError as error:
        raise OutputError(
            _(
                "the output encoding ({encoding}) cannot show this text: set PYTHONIOENCODING=utf-8, or "
                "use a UTF-8 locale"
            ).format(encoding=error.encoding)
        ) from None
    except OSError as error:
        raise OutputError(
            _("cannot write to standard output: {reason}").format(reason=error.strerror or error)
        ) from None


# What a POSIX shell returns when it cannot run a command: not executable, not found.
SHELL_CANNOT_RUN = {
    126: N_("the pager '{command}' cannot be run"),
    127: N_("the pager '{command}' was not found"),
}


def run_pager(command: str, text: str) -> str | None:
    """Show text through a pager command (run by the shell, as git does); why not, if it could not run."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the text on screen
    env.setdefault("LV", "-c")
    try:
        # The person's own $PAGER, which may carry arguments ("less -S"): the shell reads it, as in git.
        finished = subprocess.run(
            command, shell=True, input=text.encode("utf-8", "replace"), env=env, check=False
        )
    except OSError as error:
        return _("the pager '{command}' cannot be run ({reason})").format(
            command=command, reason=error.strerror or error
        )
    except KeyboardInterrupt:
        return None  # the pager had the terminal; Ctrl-C there is the person leaving it
    if finished.returncode in SHELL_CANNOT_RUN:  # the text never reached the person: print it instead
        return _(SHELL_CANNOT_RUN[finished.returncode]).format(command=command)
    return None

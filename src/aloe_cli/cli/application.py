"""The Typer application: global options, the one place errors become messages and exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer
from typer.core import TyperGroup

from aloe_cli import __version__
from aloe_cli.cli.coercion import read_values_plainly
from aloe_cli.cli.output import Output
from aloe_cli.errors import AloeError, ExitCode, OptionError
from aloe_cli.loading.source import DatasetSource
from aloe_cli.renderers import RENDERERS, Format
from aloe_cli.session import Session

if TYPE_CHECKING:
    from aloe_cli.evidence.views import Listing

# Typer vendors Click; its exception root is reached through a public subclass rather than a private module.
_ClickException: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)
_UsageError: type[Exception] = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError")


@dataclass(frozen=True)
class Settings:
    """What aloe's own options chose: a plain record, shared by every command through the Typer context."""

    session: Session  # the dataset in use and the language, opened by the library when first asked
    output: Output = field(default_factory=Output)
    debug: bool = False


def show_listing(
    settings: Settings, listing: Listing, output_format: Format, *, sources: bool = True
) -> None:
    """Render a listing in the chosen format and print it; say so on stderr when a table is empty."""
    if output_format is Format.table and not listing.rows:
        settings.output.note("No records match.")
        return
    settings.output.emit(RENDERERS[output_format](replace(listing, show_sources=sources)))


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings the main callback stored (commands run inside it)."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings), "the main callback sets the context object"
    return settings


# The order of `aloe --help`: the questions first, then publishing, then the dataset tools.
COMMAND_ORDER = ("timeline", "events", "workshops", "sources", "gaps", "list", "lineage", "show", "search",
                 "chart", "export", "validate", "schema", "import", "new")  # fmt: skip


class GlobalOption(NamedTuple):
    """An option of aloe itself, which people also type after the command (`aloe timeline --lang fr`)."""

    name: str
    value_example: str | None = None  # what to say when its value is missing; None: a flag, it takes none

    @property
    def takes_value(self) -> bool:
        """Whether a value follows the option (`--lang fr`)."""
        return self.value_example is not None


# The one list of them, in the order the note gives: the hoisting below and the note are made from it,
# and `tests/test_registries.py` checks it against the options of `main_options` (a new one missing here
# fails there).
GLOBAL_OPTIONS = (
    GlobalOption("--data", value_example="a dataset file, or - for standard input"),
    GlobalOption("--lang", value_example="such as --lang fr"),
    GlobalOption("--no-color"),
    GlobalOption("--no-pager"),
    GlobalOption("--no-cache"),
    GlobalOption("--debug"),
)
GLOBAL_FLAGS = frozenset(option.name for option in GLOBAL_OPTIONS if not option.takes_value)
GLOBAL_OPTION_EXAMPLES = {
    option.name: option.value_example for option in GLOBAL_OPTIONS if option.value_example
}
GLOBAL_OPTIONS_WITH_VALUE = frozenset(GLOBAL_OPTION_EXAMPLES)
GLOBAL_OPTIONS_NOTE = (
    f"The options of aloe itself ({', '.join(option.name for option in GLOBAL_OPTIONS)}) may also follow "
    "the command."
)


def command_position(args: Sequence[str]) -> int | None:
    """Where the command's name is among the arguments (after aloe's own options), if there is one."""
    position = 0
    while position < len(args) and args[position].startswith("-"):  # options before the command
        takes_value = args[position] in GLOBAL_OPTIONS_WITH_VALUE
        position += 2 if takes_value else 1
    return position if position < len(args) else None


def hoist_global_options(args: list[str]) -> list[str]:
    """Move aloe's own options found after the command name to before it, keeping their order.

    `aloe timeline --lang fr` becomes `aloe --lang fr timeline`. Nothing after `--` is touched.
    """
    position = command_position(args)
    if position is None:
        return args
    front, command, rest = list(args[:position]), args[position], []
    tail = args[position + 1 :]
    index = 0
    while index < len(tail):
        word = tail[index]
        if word == "--":
            rest += tail[index:]
            break
        if word in GLOBAL_FLAGS or (word.split("=", 1)[0] in GLOBAL_OPTIONS_WITH_VALUE and "=" in word):
            front.append(word)
        elif word in GLOBAL_OPTIONS_WITH_VALUE:
            if index + 1 == len(tail) or tail[index + 1] == "--":
                # Left where it is, Click would call it an unknown option of the command.
                raise _UsageError(f"{word} needs a value ({GLOBAL_OPTION_EXAMPLES[word]})")
            front += [word, tail[index + 1]]
            index += 1
        else:
            rest.append(word)
        index += 1
    return [*front, command, *rest]


class AloeGroup(TyperGroup):
    """The command group that turns every error into one clear message and a documented exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run aloe; a usage error is one line on stderr naming the option and the fix, exit 2."""
        try:
            result = super().main(
                args=hoist_global_options(list(sys.argv[1:] if args is None else args)),
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except _ClickException as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                error.show()  # type: ignore[attr-defined]  # `aloe` alone: the help, as asked for
            else:
                Output().error(one_line_usage_error(error))
            if not standalone_mode:
                raise
            sys.exit(error.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:
            sys.stderr.write("\naloe: interrupted\n")
            sys.exit(ExitCode.INTERRUPTED)
        except AloeError as error:  # raised while options are read (`--version` on a full disk)
            Output().error(error.message)
            sys.exit(error.exit_code)
        except SystemExit as exit_request:
            # Click ends with status 1 when the reader of its help closes the pipe, and marks it by
            # wrapping stdout; aloe's promise for closed pipes is a quiet 0.
            if exit_request.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
                _silence_standard_output()
                sys.exit(ExitCode.OK)
            raise
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else ExitCode.OK)
        return result

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """A command, its help ending with the note that aloe's own options may follow it."""
        command = super().get_command(ctx, cmd_name)
        if command is not None and not command.epilog:
            command.epilog = GLOBAL_OPTIONS_NOTE
        if command is not None:
            read_values_plainly([*command.params, command.get_help_option(ctx)])  # --help is made apart
        return command

    def get_params(self, ctx: Any) -> Any:
        """Aloe's own options (and --help), read without a Pydantic validator each."""
        params = super().get_params(ctx)
        read_values_plainly(params)
        return params

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in COMMAND_ORDER (any other after them, by name)."""
        names = super().list_commands(ctx)
        return sorted(
            names, key=lambda n: (COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER), n)
        )

    def invoke(self, ctx: Any) -> Any:
        """Run the command; AloeError, Ctrl-C, a closed pipe and bugs end here, never as a traceback."""
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, _ClickException):
            raise
        except KeyboardInterrupt:
            sys.stderr.write("\naloe: interrupted\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`aloe timeline | head -1`): stop quietly, and keep Python's final
            # flush of stdout from complaining about the closed pipe.
            _silence_standard_output()
            raise typer.Exit(ExitCode.OK) from None
        except OptionError as error:  # a usage error found by the library: worded as Click's own are
            command = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
            Output(no_color=_no_color(ctx)).error(f"{error.message} (see '{command} --help')")
            raise typer.Exit(error.exit_code) from None
        except AloeError as error:
            _print_traceback_if_debugging(ctx)
            Output(no_color=_no_color(ctx)).error(error.message)
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            _print_traceback_if_debugging(ctx)
            Output(no_color=_no_color(ctx)).error(
                f"internal error ({type(error).__name__}: {error}); run again with --debug for the traceback"
            )
            raise typer.Exit(ExitCode.INTERNAL_ERROR) from None


def _silence_standard_output() -> None:
    """Point stdout at nothing, so that nothing more is written to a pipe its reader closed."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)


def one_line_usage_error(error: Exception) -> str:
    """The error in one line: "--lang: the dataset has no text in 'de'; ... (see 'aloe timeline --help')"."""
    message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
    message = message.replace("Invalid value for ", "").replace("No such option", "no such option")
    message = message.replace(
        "Input should be a valid integer, unable to parse string as an integer", "give a whole number"
    )
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "aloe"
    return f"{message} (see '{command} --help')"


def _print_traceback_if_debugging(ctx: Any) -> None:
    if isinstance(ctx.obj, Settings) and ctx.obj.debug:
        traceback.print_exc()


def _no_color(ctx: Any) -> bool:
    return isinstance(ctx.obj, Settings) and ctx.obj.output.no_color


app = typer.Typer(
    cls=AloeGroup,
    name="aloe",
    help=(
        "The history of the WSSE and ALOE (1997-2006), every fact with its source.\n\n"
        "A milestone is a step in the history of the WSSE and ALOE themselves (the Findhorn meeting, the "
        "World Citizens Assembly); an event is a gathering of others the WSSE took part in (the World "
        "Social Forums). `aloe timeline` shows both; `aloe events` the events only.\n\n"
        f"{GLOBAL_OPTIONS_NOTE}\n\n"
        "Example: aloe events --year 2002"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        try:
            Output().emit(f"aloe {__version__}\n")
        except BrokenPipeError:
            _silence_standard_output()
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="ALOE_DATA",
            metavar="PATH",
            help="Dataset file to read instead of the bundled one ('-' reads standard input).",
            show_envvar=True,
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            envvar="ALOE_LANG",
            metavar="LANG",
            help="Language of names and titles (en, fr, es, pt), where the dataset has them.",
            show_envvar=True,
        ),
    ] = "en",
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache of validated datasets.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (on a terminal it goes through $ALOE_PAGER, $PAGER or less).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """The history of the WSSE and ALOE (1997-2006), every fact with its source."""
    if data == "":  # `--data=`: an empty path would be read as the current folder
        raise _UsageError(f"--data needs a value ({GLOBAL_OPTION_EXAMPLES['--data']})")
    if not (2 <= len(lang) <= 3 and lang.isascii() and lang.isalpha() and lang.islower()):
        raise typer.BadParameter(
            f"'{lang}' is not a language code: use one such as en, fr, es or pt", param_hint="--lang"
        )
    ctx.obj = Settings(
        session=session_of_options(ctx), output=Output(no_color=no_color, no_pager=no_pager), debug=debug
    )


def session_of_options(ctx: Any) -> Session:
    """The Session aloe's own options select (also read by shell completion, where no callback runs).

    `ctx` is Typer's Context in a command, Click's own while completing: both answer `find_root()`.
    """
    root = ctx.find_root()
    data = root.params.get("data")
    origin = "the bundled dataset"
    if data is not None:
        data_source = root.get_parameter_source("data")
        origin = "ALOE_DATA" if data_source is not None and data_source.name == "ENVIRONMENT" else "--data"
    return Session(
        DatasetSource(data, origin),
        lang=root.params.get("lang") or "en",
        use_cache=not root.params.get("no_cache"),
    )

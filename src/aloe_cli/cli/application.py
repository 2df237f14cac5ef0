"""The Typer application: global options, the one place errors become messages and exit codes."""

import contextlib
import functools
import os
import re
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
from aloe_cli.errors import AloeError, DatasetInvalid, ExitCode, OptionError
from aloe_cli.i18n import (
    ENGLISH,
    N_,
    LanguageError,
    _,
    choose_language,
    interface_language_from,
    ngettext,
    translate_paragraphs,
    use_language,
)
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
    settings: Settings, listing: "Listing", output_format: Format, *, sources: bool = True
) -> None:
    """Render a listing in the chosen format and print it; say so on stderr when a table is empty."""
    if output_format is Format.table and not listing.rows:
        settings.output.note(_("No records match."))
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
    GlobalOption("--data", value_example=N_("a dataset file, or - for standard input")),
    GlobalOption("--lang", value_example=N_("such as --lang fr")),
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
# The note as the message catalogue holds it, to be translated where it is shown (`translate_help`);
# `tests/test_i18n.py` checks that it is the note as made above.
GLOBAL_OPTIONS_NOTE_MSGID = N_(
    "The options of aloe itself (--data, --lang, --no-color, --no-pager, --no-cache, --debug) may also "
    "follow the command."
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
                raise _UsageError(
                    _("{option} needs a value ({example})").format(
                        option=word, example=_(GLOBAL_OPTION_EXAMPLES[word])
                    )
                )
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
        words = list(sys.argv[1:] if args is None else args)
        # The language is chosen before Click reads a word: `--help` and usage errors speak it too.
        use_language(interface_language_from(words))
        translate_help(self)
        try:
            result = super().main(
                args=hoist_global_options(words),
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
            sys.stderr.write("\n" + _("aloe: interrupted") + "\n")
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
            help_option = command.get_help_option(ctx)  # --help is made apart
            read_values_plainly([*command.params, help_option])
            translate_help(command, *command.params, help_option)
        return command

    def get_params(self, ctx: Any) -> Any:
        """Aloe's own options (and --help), read without a Pydantic validator each."""
        params = super().get_params(ctx)
        read_values_plainly(params)
        translate_help(None, *params)
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
            sys.stderr.write("\n" + _("aloe: interrupted") + "\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`aloe timeline | head -1`): stop quietly, and keep Python's final
            # flush of stdout from complaining about the closed pipe.
            _silence_standard_output()
            raise typer.Exit(ExitCode.OK) from None
        except OptionError as error:  # a usage error found by the library: worded as Click's own are
            command = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
            message = _("{option}: {detail}").format(option=error.option, detail=error.detail)
            Output(no_color=_no_color(ctx)).error(
                _("{message} (see '{command} --help')").format(message=message, command=command)
            )
            raise typer.Exit(error.exit_code) from None
        except AloeError as error:
            _print_traceback_if_debugging(ctx)
            Output(no_color=_no_color(ctx)).error(_worded(error))
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            _print_traceback_if_debugging(ctx)
            Output(no_color=_no_color(ctx)).error(
                _("internal error ({error}); run again with --debug for the traceback").format(
                    error=f"{type(error).__name__}: {error}"
                )
            )
            raise typer.Exit(ExitCode.INTERNAL_ERROR) from None


def translate_help(command: Any, *params: Any) -> None:
    """Put a command's help and its options' help in the run's language (msgids: the English as written).

    Typer builds the Click objects anew for each run, so each is translated once, where it is first read.
    """
    for item in (command, *params):
        if item is None or getattr(item, "_aloe_translated", False):
            continue
        for attribute in ("help", "epilog", "short_help"):
            text = getattr(item, attribute, None)
            if isinstance(text, str) and text:
                setattr(item, attribute, translate_paragraphs(text))
        item._aloe_translated = True
    if command is not None and not issubclass(command.context_class.formatter_class, _TranslatedUsage):
        formatter = _translated_formatter(command.context_class.formatter_class)
        command.context_class = type("Context", (command.context_class,), {"formatter_class": formatter})


class _TranslatedUsage:
    """A help formatter whose "Usage:" and section headings are in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, its prefix translated."""
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)  # type: ignore[misc]

    def write_heading(self, heading: str) -> None:
        """A section heading ("Options:"), translated (French puts a space before the colon)."""
        indent: int = self.current_indent  # type: ignore[attr-defined]
        self.write(f"{'':>{indent}}{_('{heading}:').format(heading=_(heading))}\n")  # type: ignore[attr-defined]


@functools.cache
def _translated_formatter(base: type) -> type:
    """Click's help formatter (as Typer carries it), speaking the run's language."""
    return type("TranslatedFormatter", (_TranslatedUsage, base), {})


def _silence_standard_output() -> None:
    """Point stdout at nothing, so that nothing more is written to a pipe its reader closed."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)


def _worded(error: AloeError) -> str:
    """An error's message; an invalid dataset's count of further problems in the run's language."""
    if not isinstance(error, DatasetInvalid) or len(error.problems) < 2:
        return error.message
    more = len(error.problems) - 1
    suffix = ngettext(
        " (and {count} more problem: run 'aloe validate')",
        " (and {count} more problems: run 'aloe validate')",
        more,
    )
    return error.problems[0].as_text() + suffix.format(count=more)


def one_line_usage_error(error: Exception) -> str:
    """The error in one line: "--lang: the dataset has no text in 'de'; ... (see 'aloe timeline --help')"."""
    message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
    for pattern, wording in _CLICK_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            message = _(wording).format(**found.groupdict())
            break
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "aloe"
    return _("{message} (see '{command} --help')").format(message=message, command=command)


# Click's usage errors (plain English in the Click Typer carries), each reworded in the run's language.
_CLICK_ERRORS = [
    (re.compile(pattern), wording)
    for pattern, wording in (
        (r"Invalid value for (?P<option>[^:]+): Input should be a valid integer, unable to parse string "
         r"as an integer", N_("{option}: give a whole number")),
        (r"Invalid value for (?P<option>[^:]+): (?P<detail>.*)", N_("{option}: {detail}")),
        (r"No such option: (?P<option>\S+) \(Possible options?: (?P<possible>[^)]*)\)",
         N_("no such option: {option} (did you mean {possible}?)")),
        (r"No such option: (?P<option>\S+)", N_("no such option: {option}")),
        (r"Option '(?P<option>[^']+)' requires an argument\.", N_("option '{option}' needs a value")),
        (r"Missing argument '(?P<argument>[^']+)'\.", N_("missing argument '{argument}'")),
        (r"Missing argument '(?P<argument>[^']+)'\. Choose from: (?P<choices>.*)",
         N_("missing argument '{argument}': choose from {choices}")),
        (r"Missing option '(?P<option>[^']+)'\.", N_("missing option '{option}'")),
        (r"Missing option '(?P<option>[^']+)'\. Choose from: (?P<choices>.*)",
         N_("missing option '{option}': choose from {choices}")),
        (r"Got unexpected extra arguments? \((?P<words>.*)\)", N_("unexpected words: {words}")),
        (r"Got unexpected extra argument\(s\) \((?P<words>.*)\)", N_("unexpected words: {words}")),
        (r"No such command '(?P<name>[^']+)'\.", N_("no such command '{name}'")),
    )
]  # fmt: skip


def _print_traceback_if_debugging(ctx: Any) -> None:
    if isinstance(ctx.obj, Settings) and ctx.obj.debug:
        traceback.print_exc()


def _no_color(ctx: Any) -> bool:
    return isinstance(ctx.obj, Settings) and ctx.obj.output.no_color


app = typer.Typer(
    cls=AloeGroup,
    name="aloe",
    help="\n\n".join(  # each paragraph a message of the catalogue
        [
            N_("The history of the WSSE and ALOE (1997-2006), every fact with its source."),
            N_(
                "A milestone is a step in the history of the WSSE and ALOE themselves (the Findhorn meeting, "
                "the World Citizens Assembly); an event is a gathering of others the WSSE took part in (the "
                "World Social Forums). `aloe timeline` shows both; `aloe events` the events only."
            ),
            GLOBAL_OPTIONS_NOTE,
            N_("Example: aloe events --year 2002"),
        ]
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
        str | None,
        typer.Option(
            "--lang",
            envvar="ALOE_LANG",
            metavar="LANG",
            help=(
                "Language of the interface and of the dataset's texts where it has them: en, fr, es or pt "
                "(fr-FR and fr_FR.UTF-8 too). Default: the locale (LC_ALL, LC_MESSAGES, LANG)."
            ),
            show_envvar=True,
        ),
    ] = None,
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
        raise _UsageError(
            _("{option} needs a value ({example})").format(
                option="--data", example=_(GLOBAL_OPTION_EXAMPLES["--data"])
            )
        )
    try:
        use_language(choose_language(lang, os.environ))
    except LanguageError as error:
        raise typer.BadParameter(error.message, param_hint="--lang") from None
    ctx.obj = Settings(
        session=session_of_options(ctx), output=Output(no_color=no_color, no_pager=no_pager), debug=debug
    )


def _language_of_options(lang: str | None) -> str:
    """The language --lang, ALOE_LANG or the locale asks for; English where it is refused (completion)."""
    try:
        return choose_language(lang, os.environ)
    except LanguageError:
        return ENGLISH  # the main callback says why, where it runs


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
        lang=_language_of_options(root.params.get("lang")),
        use_cache=not root.params.get("no_cache"),
    )

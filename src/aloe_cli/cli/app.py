"""The Typer application: global options, the one place errors become messages and exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import AloeError, ExitCode
from ..output import Output
from ..source import DatasetSource

if TYPE_CHECKING:
    from ..models import Dataset
    from ..renderers import Format
    from ..views import Listing, Lookup

# Typer vendors Click; its exception root is reached through a public subclass rather than a private module.
_ClickException: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)


@dataclass
class Settings:
    """What the global options chose, shared by every command through the Typer context."""

    source: DatasetSource
    lang: str = "en"
    output: Output = field(default_factory=Output)
    debug: bool = False
    use_cache: bool = True
    _dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        """The selected dataset, loaded and validated once per run (from the cache when it can)."""
        if self._dataset is None:
            import gc

            from ..dataset import load_dataset

            self._dataset = load_dataset(self.source, use_cache=self.use_cache)
            # The dataset lives until aloe exits: keep it out of the collector's rounds, or every
            # collection while the answer is built walks it all again (a second for 10,000 records).
            gc.freeze()
        return self._dataset

    def lookup(self) -> Lookup:
        """Names in the chosen language for the selected dataset."""
        from ..views import Lookup

        return Lookup(self.dataset(), self.lang)

    def show(self, listing: Listing, output_format: Format) -> None:
        """Render a listing in the chosen format and print it; say so on stderr when it is empty."""
        from ..renderers import RENDERERS, Format

        if not listing.records and not listing.cells and output_format is Format.table:
            self.output.note("No records match.")
            return
        self.output.emit(RENDERERS[output_format](listing))


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings the main callback stored (commands run inside it)."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings), "the main callback sets the context object"
    return settings


# The order of `aloe --help`: the questions first, then publishing, then the dataset tools.
COMMAND_ORDER = ("timeline", "events", "workshops", "lineage", "show", "search", "chart", "export",
                 "validate", "schema")  # fmt: skip


class AloeGroup(TyperGroup):
    """The command group that turns every error into one clear message and a documented exit code."""

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
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitCode.OK) from None
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
        "Example: aloe events --year 2002"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"aloe {__version__}\n")
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
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """The history of the WSSE and ALOE (1997-2006), every fact with its source."""
    if not (2 <= len(lang) <= 3 and lang.isascii() and lang.isalpha() and lang.islower()):
        raise typer.BadParameter("use a language code such as en, fr, es or pt", param_hint="--lang")
    origin = "the bundled dataset"
    if data is not None:
        data_source = ctx.get_parameter_source("data")
        origin = "ALOE_DATA" if data_source is not None and data_source.name == "ENVIRONMENT" else "--data"
    ctx.obj = Settings(
        source=DatasetSource(data, origin),
        lang=lang,
        output=Output(no_color=no_color),
        debug=debug,
        use_cache=not no_cache,
    )

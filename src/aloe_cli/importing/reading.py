"""Reading an imported file: text from UTF-8 (a byte-order mark is fine), and the errors of this layer."""

from __future__ import annotations

from aloe_cli.errors import AloeError
from aloe_cli.i18n import _


class CannotImport(AloeError):
    """A file that cannot be imported at all."""


class NotTheFormat(CannotImport):
    """A file that is not the format named (or guessed): the message says what it lacks."""


def decoded(data: bytes, name: str) -> str:
    """The file as text: UTF-8, a byte-order mark dropped; otherwise one message naming the place."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CannotImport(
            _(
                "{file}: line {line}: byte {byte} is not UTF-8; save the file as UTF-8 (Excel: 'CSV UTF-8 "
                "(Comma delimited)'; Google Sheets always writes UTF-8)"
            ).format(file=name, line=line, byte=f"{data[error.start]:#04x}")
        ) from None

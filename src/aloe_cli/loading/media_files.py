"""Which media paths of a dataset name no file beside it: what `aloe validate` warns of."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aloe_cli.model.models import RECORD_KINDS

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset


def missing_media(dataset: Dataset, folder: Path) -> list[tuple[str, str]]:
    """(location, path) of each medium whose `path` is not a file in the dataset's folder.

    A warning, not a problem: the dataset is valid, but a page drawn from it would show a broken image.
    Checked when asked, never cached (the files beside a dataset change without the dataset changing).
    """
    missing = []
    for list_name in RECORD_KINDS:
        for index, record in enumerate(getattr(dataset, list_name) if list_name != "sources" else ()):
            for position, medium in enumerate(record.media):
                if medium.path is not None and not (folder / medium.path).is_file():
                    missing.append((f"{list_name}[{index}].media[{position}].path", medium.path))
    return missing

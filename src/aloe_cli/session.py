"""A dataset opened for one run: loaded once (from the cache when it can), read in one language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aloe_cli.errors import AloeError, ExitCode
from aloe_cli.loading.source import DatasetSource

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset
    from aloe_cli.presentation.build import Presentation


class UnknownLanguage(AloeError):
    """A language the dataset has no text in (a usage error: the option is wrong, not the data)."""

    exit_code = ExitCode.USAGE_ERROR


@dataclass
class Session:
    """The dataset a run reads, and the language its names and titles are shown in."""

    source: DatasetSource
    lang: str = "en"
    use_cache: bool = True
    _dataset: Dataset | None = field(default=None, repr=False)
    _lang_checked: bool = field(default=False, repr=False)
    _presentation: Presentation | None = field(default=None, repr=False)

    def dataset(self) -> Dataset:
        """The selected dataset, loaded and validated once per run (from the cache when it can)."""
        if self._dataset is None:
            from aloe_cli.loading.dataset import load_dataset

            self._dataset = load_dataset(self.source, use_cache=self.use_cache)
        return self._dataset

    def presentation(self) -> Presentation:
        """The dataset's views in the chosen language; a language it has no text in is UnknownLanguage."""
        from aloe_cli.model.models import languages_of
        from aloe_cli.presentation.build import Presentation

        dataset = self.dataset()
        if not self._lang_checked and self.lang != "en":  # English is always there: every text falls back
            known = languages_of(dataset)
            if self.lang not in known:
                raise UnknownLanguage(
                    f"--lang: the dataset has no text in '{self.lang}'; use one of {', '.join(sorted(known))}"
                )
            self._lang_checked = True
        if self._presentation is None:
            self._presentation = Presentation(dataset, self.lang)
        return self._presentation

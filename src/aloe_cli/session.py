"""A dataset opened for one run: loaded once (from the cache when it can), read in one language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aloe_cli.loading.source import DatasetSource

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset
    from aloe_cli.presentation.build import Presentation


@dataclass
class Session:
    """The dataset a run reads, and the language its names and titles are shown in."""

    source: DatasetSource
    lang: str = "en"
    use_cache: bool = True
    _dataset: Dataset | None = field(default=None, repr=False)
    _presentation: Presentation | None = field(default=None, repr=False)

    def dataset(self) -> Dataset:
        """The selected dataset, loaded and validated once per run (from the cache when it can)."""
        if self._dataset is None:
            from aloe_cli.loading.dataset import load_dataset

            self._dataset = load_dataset(self.source, use_cache=self.use_cache)
        return self._dataset

    def presentation(self) -> Presentation:
        """The dataset's views in the chosen language (a text the dataset lacks in it is in English)."""
        from aloe_cli.presentation.build import Presentation

        if self._presentation is None:
            self._presentation = Presentation(self.dataset(), self.lang)
        return self._presentation

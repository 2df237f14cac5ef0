"""A dataset opened for one run: loaded once (from the cache when it can), read in one language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aloe_cli.loading.source import DatasetSource

if TYPE_CHECKING:
    from aloe_cli.loading.store import DatasetStore
    from aloe_cli.model.models import Dataset
    from aloe_cli.presentation.build import Presentation


@dataclass
class Session:
    """The dataset a run reads, and the language its names and titles are shown in."""

    source: DatasetSource
    lang: str = "en"
    use_cache: bool = True
    _store: DatasetStore | None = field(default=None, repr=False)
    _presentation: Presentation | None = field(default=None, repr=False)

    def store(self) -> DatasetStore:
        """The selected dataset, loaded once per run, read as the questions ask (see `loading/store.py`)."""
        if self._store is None:
            # start-up: the loading code and the models load with the data, not for --help or an error
            from aloe_cli.loading.dataset import load_store

            self._store = load_store(self.source, use_cache=self.use_cache)
        return self._store

    def dataset(self) -> Dataset:
        """The selected dataset, whole: for the commands that read every kind of record."""
        return self.store().read_all()

    def presentation(self) -> Presentation:
        """The dataset's views in the chosen language (a text the dataset lacks in it is in English)."""
        from aloe_cli.presentation.build import Presentation  # start-up: as load_store above

        if self._presentation is None:
            # Built on the store's lists: a question about a period reads only the lists its views name.
            self._presentation = Presentation(self.store().lists(), self.lang)
        return self._presentation

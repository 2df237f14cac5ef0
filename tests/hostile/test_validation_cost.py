"""Validation work grows linearly with records and problems: counted in function calls, never timed."""

from __future__ import annotations

import random
import sys
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aloe_cli.errors import DatasetInvalid
from aloe_cli.loading.validation import validate_text
from conftest import examples

RELATIONS = ("emerged_within", "became", "supported_by")


def generated(size: int, seed: int, typo_share: float) -> str:
    """A dataset of `size` organisations in one lineage chain of mixed relations, with events naming
    places, a share of them mistyped (each a reference problem)."""
    rng = random.Random(seed)
    lines = ["format: aloe/1", "title: generated", "sources:", "  - {id: s, title: S}", "organisations:"]
    lines += [f"  - {{id: o{i}, name: O, sources: [{{source: s}}]}}" for i in range(size + 1)]
    lines.append("lineage:")
    for i in range(size):
        relation = rng.choice(RELATIONS)
        # Every relation points the same way down the chain, so the chain has no circle.
        child, parent = (f"o{i + 1}", f"o{i}")
        ends = (parent, child) if relation == "became" else (child, parent)
        lines.append(
            f"  - {{id: l{i}, relation: {relation}, from: {ends[0]}, to: {ends[1]}, sources: [{{source: s}}]}}"
        )
    lines.append("places:")
    lines += [f"  - {{id: place-{i}, name: P, sources: [{{source: s}}]}}" for i in range(size)]
    lines.append("events:")
    mistyped = set(rng.sample(range(size), round(typo_share * size)))
    for i in range(size):
        place = f"plcae-{i}" if i in mistyped else f"place-{i}"
        lines.append(f"  - {{id: e{i}, title: E, places: [{place}], sources: [{{source: s}}]}}")
    return "\n".join(lines) + "\n"


def calls_to_validate(text: str) -> int:
    """How many Python and built-in function calls validating the text takes."""
    count = 0

    def counter(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(counter)
    try:
        validate_text(text, "generated.yaml")
    except DatasetInvalid:
        pass
    finally:
        sys.setprofile(None)
    return count


@settings(max_examples=examples(2), deadline=None)
@given(seed=st.integers(0, 2**32), typo_share=st.sampled_from([0.0, 0.1, 0.5, 1.0]))
def test_validation_work_is_linear(seed: int, typo_share: float) -> None:
    # Sizes where even a tenth mistyped is more mistakes than get a "did you mean" (20): below that,
    # each suggestion compares with every id, which is linear per mistake by design.
    small = calls_to_validate(generated(250, seed, typo_share))
    large = calls_to_validate(generated(1000, seed, typo_share))
    # Four times the records and problems: about four times the work (quadratic would be sixteen).
    assert large <= 5.5 * small, (small, large)

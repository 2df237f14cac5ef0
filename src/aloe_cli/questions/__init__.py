"""Questions asked of a dataset: pure functions answering in the evidence model's terms."""

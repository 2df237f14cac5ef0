"""From a dataset file to a checked Dataset: reading, YAML, validation, checks, the cache."""

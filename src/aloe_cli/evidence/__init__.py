"""The typed presentation model every output reads: claims, citations, date wording, listings."""

"""The dataset's records (frozen dataclasses Pydantic validates), EDTF dates, and their JSON Schema."""

"""The dataset's records: Pydantic models, EDTF dates, and the JSON Schema they give."""

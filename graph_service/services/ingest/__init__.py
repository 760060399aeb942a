"""Reading, validating and writing entity and relationship records."""

"""Money lines of an option turned into flows (model.md §2)."""

"""timeline UI."""

"""measures UI."""

"""session_editor UI."""

"""Start-up: create a practice on first run, unlock it on later runs (key derivation off the GUI thread)."""

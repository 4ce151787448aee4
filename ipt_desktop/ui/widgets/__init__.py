"""Small reusable form widgets: an error label beside a field, an optional date, autosave."""

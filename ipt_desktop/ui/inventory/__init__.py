"""The interpersonal inventory tab: a table of people beside the closeness circle."""

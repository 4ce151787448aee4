"""IPT Desktop: offline charting for Interpersonal Psychotherapy."""

__version__ = "0.1.0"
APP_NAME = "IPT Desktop"

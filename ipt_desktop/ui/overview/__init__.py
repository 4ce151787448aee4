"""The Overview tab: client details, episode, formulation and goals."""

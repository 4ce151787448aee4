"""The progress tab: trend chart of rating scales, administrations, item-level view, goals."""

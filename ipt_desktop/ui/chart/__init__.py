"""The chart of the selected client: header (name, protocol, phase, risk) and the tab container."""

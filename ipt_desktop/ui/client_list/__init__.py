"""The client list: a table model of ClientSummary rows, a search/status filter proxy, the panel."""

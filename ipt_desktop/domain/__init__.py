"""Pure-Python IPT rules: no Qt, no SQL, no ReportLab. Unit-tested as plain functions."""

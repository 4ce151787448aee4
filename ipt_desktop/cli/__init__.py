"""The command line: the same services as the GUI, one small module per command group."""

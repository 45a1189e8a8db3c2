"""The commands' core: each takes settings and options, prints or writes its output, returns an exit code."""

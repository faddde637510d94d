"""Judging cards: the rule checks, the engine that runs them, and `check_file`,
the one call that reads a file and judges it."""

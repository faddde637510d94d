"""Findings: the rule catalogue and the engine that judges a card."""

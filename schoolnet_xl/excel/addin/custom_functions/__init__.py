"""No custom worksheet functions: the add-in only offers scripts (buttons)."""

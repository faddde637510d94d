"""How a school's network changes between two school years: verbreed, verdiept, afgebouwd."""

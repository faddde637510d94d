"""The network map: the school in the centre, its partners around it (matplotlib)."""

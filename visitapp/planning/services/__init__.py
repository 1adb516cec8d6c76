"""Planning a day for teams, publishing it, moving a visit, the live board."""

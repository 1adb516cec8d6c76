"""People and teams: the administrators' side of who works here (issue 13, PRODUCT flow 9)."""

"""Use cases. Each takes a session and keyword arguments, returns plain data or raises a DomainError."""

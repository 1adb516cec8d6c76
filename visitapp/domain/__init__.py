"""Pure business rules: no Reflex, no SQL."""

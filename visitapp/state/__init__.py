"""Thin Reflex states: parse input, call one service, store the result, toast or redirect."""

"""Benchmarks: one command per benchmark, each printing a table and writing JSON (see README)."""

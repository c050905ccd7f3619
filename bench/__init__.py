"""Benchmarks: large generated maps, our figures beside raw Qt and reportlab baselines."""

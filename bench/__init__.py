"""Throughput, memory and incremental cost of the warehouse build on real text (../shared/corpora)."""

"""Accuracy of the real pipeline against annotated corpora in ../shared/corpora (internal use only)."""

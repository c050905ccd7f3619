"""The journey document: plain Python and networkx, no Qt."""

"""sitrep: conflict news in, structured and sourced event records out."""

__version__ = "0.1.0"

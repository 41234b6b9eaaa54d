"""The HTTP API (FastAPI) over merged events: see docs/CONTRACTS.md."""

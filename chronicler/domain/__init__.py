"""The product's judgement, pure: chat messages and the modes that read them (no database, no I/O)."""

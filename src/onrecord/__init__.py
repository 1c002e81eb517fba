"""onrecord: an auditable ledger of who said what, when, from news coverage."""

__version__ = "0.1.0"

"""aloe: the history of the WSSE and ALOE (1997-2006) on the command line, every fact with its source."""

__version__ = "0.1.0"

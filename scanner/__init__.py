"""leakscan's scanner: read leaked files, run the detectors, count people, report."""

__version__ = "0.1.0"

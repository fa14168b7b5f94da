"""Chinese regional-industry news → validated, analysis-ready tables."""
__version__ = "0.1.0"

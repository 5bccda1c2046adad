"""speechkit: load, split and analyse corpora of Chinese political speeches."""

from speechkit.errors import SpeechkitError
from speechkit.loader import Corpus, Document, load
from speechkit.model import Speech

__all__ = ["Corpus", "Document", "Speech", "SpeechkitError", "load"]
__version__ = "0.1.0"

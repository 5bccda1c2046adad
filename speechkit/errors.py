"""The one exception type for mistakes a user can fix."""


class SpeechkitError(Exception):
    """A problem with the user's input, worded as: what is wrong, and what to do."""


class AnalysisError(Exception):
    """An analyzer (or cleaning) failed on one speech: the message starts with its id."""

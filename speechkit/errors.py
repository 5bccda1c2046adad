"""The one exception type for mistakes a user can fix; the CLI prints it as one line."""


class SpeechkitError(Exception):
    """A problem with the user's input, worded as: what is wrong, and what to do."""

class FileRefused(Exception):
    """The whole file is refused; the message is shown to the user as is."""

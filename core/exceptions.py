from django.utils.translation import gettext as _


class ConflictError(Exception):
    """Someone else saved the record after the caller read it; nothing was written.

    `changes` lists (field, value the caller saw, value now stored) so the caller can show what changed.
    """

    def __init__(self, instance, expected_version, changes):
        self.instance = instance
        self.expected_version = expected_version
        self.changes = changes
        super().__init__(
            _("Data ini telah diubah oleh pengguna lain (versi %(current)s, Anda membuka versi %(expected)s).")
            % {"current": instance.version, "expected": expected_version}
        )

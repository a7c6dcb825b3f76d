"""Reading uploaded sheets safely: refuse hostile files before a parser sees them, then read what the user sees.

Every refusal raises FileRefused with a sentence the user can act on; nothing is written before the whole
file has passed (the commit re-reads it inside its transaction when it must).
"""

from .book import Book, Sheet, SheetInfo
from .cells import cell_name, column_letter
from .detect import inspect, renamed_note
from .errors import FileRefused


def open_book(fileobj, name, size):
    """Check the file (again) and open it; the caller closes the book."""
    file_kind = inspect(fileobj, name, size)
    book = Book(fileobj, file_kind, name)
    note = renamed_note(name, file_kind)
    if note:
        book.notes.append(note)
    return book


__all__ = ["Book", "FileRefused", "Sheet", "SheetInfo", "cell_name", "column_letter", "inspect", "open_book"]

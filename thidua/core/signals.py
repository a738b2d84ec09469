"""Connection set-up. On SQLite, register a ``vi`` collation so ad-hoc ORDER BY ... COLLATE vi works too."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .vietnamese import sort_key


def _compare_vietnamese(left: str, right: str) -> int:
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


@receiver(connection_created)
def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation("vi", _compare_vietnamese)

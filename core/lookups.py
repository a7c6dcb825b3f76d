"""`field__any_of=[...]`: membership in a long list of values, as one array parameter on PostgreSQL.

`field__in` sends one placeholder per value, which psycopg rewrites one by one (about 7 microseconds each:
1.4 s of a 100,000-row import's look-ups). `= ANY(%s)` sends the list as one array and is served by the
same index. Other databases get the plain IN (...).
"""

from django.db.models import Field, ForeignObject, Lookup

# Values per `any_of` query for callers that split long lists: one array parameter on PostgreSQL whatever the
# size; the IN (...) elsewhere stays within SQLite's 32,766 variables.
ANY_OF_CHUNK = 20_000


@Field.register_lookup
@ForeignObject.register_lookup  # relations keep their own registry
class AnyOf(Lookup):
    lookup_name = "any_of"

    def get_prep_lookup(self):
        return [self.lhs.output_field.get_prep_value(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [self.lhs.output_field.get_db_prep_value(value, connection, prepared=True) for value in self.rhs]
        if not values:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


class OperatorLookup(Lookup):
    """A lookup written as one SQL expression of its two sides: `sql` with {lhs} and {rhs} (`ILIKE`, `&&`, ...).
    Used as `Subclass(expression, Value(...))` in filter(), where the left side is an expression, not a field."""

    sql = "{lhs} = {rhs}"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return self.sql.format(lhs=lhs, rhs=rhs), [*lhs_params, *rhs_params]

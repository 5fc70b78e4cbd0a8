// db.execute() answers differently per driver (PGlite: {rows}; node-postgres: QueryResult with rows).
export function rowsOf<T>(result: unknown): T[] {
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows))
    return result.rows;
  return [];
}

/**
 * The extensions better-sqlite3 compiles into SQLite (its deps/defines.gypi) that this app leaves out of the native
 * module it builds at installation (server/install.ts): full-text search (the app's search keeps its own index,
 * app/utils/search-text.server.ts), R*Tree and Geopoly. Each is undefined with -U after the package's -D.
 */
export const UNUSED_SQLITE_EXTENSIONS = [
  "SQLITE_ENABLE_FTS3",
  "SQLITE_ENABLE_FTS3_PARENTHESIS",
  "SQLITE_ENABLE_FTS4",
  "SQLITE_ENABLE_FTS5",
  "SQLITE_ENABLE_RTREE",
  "SQLITE_ENABLE_GEOPOLY",
] as const;

/** What the app does use of SQLite's compile options, which the build must keep. */
export const KEPT_SQLITE_OPTIONS = [
  // The planner's statistics on histograms (decision record 016).
  "ENABLE_STAT4",
  // better-sqlite3 needs it for its column metadata.
  "ENABLE_COLUMN_METADATA",
  "ENABLE_MATH_FUNCTIONS",
  "DEFAULT_FOREIGN_KEYS",
] as const;

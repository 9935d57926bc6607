// A SQLite database and its prepared statements, through SQLite's C API. Every failure becomes
// an SqlError naming the database (its file, or "the in-memory database") and quoting SQLite's
// message; a statement that does not compile also carries the byte offset SQLite points at.
//
// Ownership: SqlDatabase owns its connection and SqlStatement its statement; a statement must be
// destroyed before the database it was prepared on (members declared after the database, or
// locals in a narrower scope). Neither is thread-safe: one thread uses a connection at a time.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace csptrace {

class SqlError : public std::runtime_error {
 public:
  // offset: the byte of the SQL text the error is at, or -1 when SQLite names none.
  SqlError(const std::string& what, int offset = -1) : std::runtime_error(what), offset_(offset) {}
  int offset() const { return offset_; }

 private:
  int offset_;
};

// Where byte `offset` of a query's text is, for pointing at an SqlError's offset: its line and
// column (from 1; the column counts bytes) and the bytes of that line, [line_begin, line_end).
struct SqlPlace {
  size_t line = 1, column = 1, line_begin = 0, line_end = 0;
};
SqlPlace sql_place(std::string_view sql, size_t offset);

// The type SQLite gives a column's value in the current row.
enum class SqlType : uint8_t { Integer, Real, Text, Blob, Null };

class SqlStatement {
 public:
  SqlStatement() = default;
  SqlStatement(SqlStatement&& o) noexcept;
  SqlStatement& operator=(SqlStatement&& o) noexcept;
  ~SqlStatement();

  // Parameters are numbered from 1. Texts are not copied: they must stay valid and unchanged
  // until the next step() (the model's strings and the schema's names do).
  void bind_int(int param, int64_t v);
  void bind_text(int param, std::string_view v);
  // A text SQLite copies: for a temporary.
  void bind_text_copy(int param, std::string_view v);
  void bind_null(int param);

  // Runs to the next row: true when there is one, false when the statement is done.
  bool step();
  // Ready to run again (bindings stay).
  void reset();
  // Runs a statement that returns no rows (an INSERT), then resets it.
  void run();

  int columns() const;
  std::string_view column_name(int col) const;
  SqlType column_type(int col) const;
  int64_t column_int(int col) const;
  double column_real(int col) const;
  // Valid until the next step() or reset().
  std::string_view column_text(int col) const;

  // True when the statement changes nothing in the database (a SELECT, an EXPLAIN, ...).
  bool read_only() const;
  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class SqlDatabase;
  SqlStatement(sqlite3_stmt* stmt, std::string where) : stmt_(stmt), where_(std::move(where)) {}
  [[noreturn]] void fail(const char* doing) const;

  sqlite3_stmt* stmt_ = nullptr;
  std::string where_;  // the database's description, for errors
};

class SqlDatabase {
 public:
  enum class Mode : uint8_t {
    Create,    // creates the file (or opens it), read-write
    ReadOnly,  // an existing file
    Memory,    // a private in-memory database
    // A private database in a file of SQLite's temporary folder (SQLITE_TMPDIR, else TMPDIR,
    // else /var/tmp or /tmp), removed when it is closed: memory bounded by SQLite's page cache,
    // for a database as large as the trace it is built from. path is ignored.
    Temporary,
  };
  // Throws SqlError naming path when it cannot be opened.
  SqlDatabase(const std::string& path, Mode mode);
  SqlDatabase(SqlDatabase&& o) noexcept;
  SqlDatabase& operator=(SqlDatabase&& o) noexcept;
  ~SqlDatabase();

  // Runs one or more statements that return no rows.
  void exec(std::string_view sql);
  // Compiles the first statement of sql; `tail` (when given) receives the text after it.
  SqlStatement prepare(std::string_view sql, std::string_view* tail = nullptr);
  // The same for a user's query: also refuses an empty text, more than one statement, and a
  // statement that would change the database, each with an SqlError saying so.
  SqlStatement prepare_query(std::string_view sql);

  // From now on, a statement running when *flag (or *also) becomes true stops with an SqlError
  // (SQLITE_INTERRUPT) within a few thousand of SQLite's steps. Either may be null; both
  // outlive the database.
  void interrupt_when(const std::atomic<bool>* flag, const std::atomic<bool>* also = nullptr);

  // "FILE" or "the in-memory database": how errors name it.
  const std::string& description() const { return where_; }
  sqlite3* handle() const { return db_; }

 private:
  [[noreturn]] void fail(const std::string& doing, int offset = -1) const;

  sqlite3* db_ = nullptr;
  std::string where_;
  // What interrupt_when watches; on the heap, so that SQLite's pointer to it survives a move.
  std::unique_ptr<std::array<const std::atomic<bool>*, 2>> interrupt_;
};

}  // namespace csptrace

#include <csptrace/sql_database.hpp>

#include <algorithm>

#include <sqlite3.h>

#include <cctype>

namespace csptrace {

namespace {

std::string describe(const std::string& path, SqlDatabase::Mode mode) {
  switch (mode) {
    case SqlDatabase::Mode::Memory: return "the in-memory database";
    case SqlDatabase::Mode::Temporary:
      return "a temporary database (in SQLITE_TMPDIR, TMPDIR or /var/tmp; set TMPDIR to a "
             "folder with room for about the trace's size)";
    default: return path;
  }
}

// SQLite's words for a failure, and what the user can do about the ones that are theirs.
std::string reason(sqlite3* db, int rc) {
  std::string r = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  if (primary == SQLITE_FULL)
    r += " (free space on its file system and try again)";
  else if (primary == SQLITE_CANTOPEN)
    r += " (check that its folder exists and may be written)";
  else if (primary == SQLITE_READONLY)
    r += " (the file or its folder is read-only)";
  else if (primary == SQLITE_NOTADB)
    r += " (it is not a SQLite database)";
  return r;
}

}  // namespace

SqlStatement::SqlStatement(SqlStatement&& o) noexcept
    : stmt_(std::exchange(o.stmt_, nullptr)), where_(std::move(o.where_)) {}

SqlStatement& SqlStatement::operator=(SqlStatement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(o.stmt_, nullptr);
    where_ = std::move(o.where_);
  }
  return *this;
}

SqlStatement::~SqlStatement() { sqlite3_finalize(stmt_); }

void SqlStatement::fail(const char* doing) const {
  sqlite3* db = sqlite3_db_handle(stmt_);
  throw SqlError(std::string(doing) + " " + where_ + ": " +
                 reason(db, sqlite3_extended_errcode(db)));
}

void SqlStatement::bind_int(int param, int64_t v) {
  if (sqlite3_bind_int64(stmt_, param, v) != SQLITE_OK) fail("cannot bind a value in");
}

void SqlStatement::bind_text(int param, std::string_view v) {
  if (sqlite3_bind_text(stmt_, param, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) !=
      SQLITE_OK)
    fail("cannot bind a text in");
}

void SqlStatement::bind_text_copy(int param, std::string_view v) {
  if (sqlite3_bind_text(stmt_, param, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    fail("cannot bind a text in");
}

void SqlStatement::bind_null(int param) {
  if (sqlite3_bind_null(stmt_, param) != SQLITE_OK) fail("cannot bind a value in");
}

bool SqlStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("error in");
}

void SqlStatement::reset() { sqlite3_reset(stmt_); }

void SqlStatement::run() {
  const int rc = sqlite3_step(stmt_);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail("cannot write");
  sqlite3_reset(stmt_);
}

int SqlStatement::columns() const { return sqlite3_column_count(stmt_); }

std::string_view SqlStatement::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_, col);
  return n ? std::string_view(n) : std::string_view();
}

SqlType SqlStatement::column_type(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER: return SqlType::Integer;
    case SQLITE_FLOAT: return SqlType::Real;
    case SQLITE_TEXT: return SqlType::Text;
    case SQLITE_BLOB: return SqlType::Blob;
    default: return SqlType::Null;
  }
}

int64_t SqlStatement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }

double SqlStatement::column_real(int col) const { return sqlite3_column_double(stmt_, col); }

std::string_view SqlStatement::column_text(int col) const {
  // Blobs too: their bytes, which the caller shows as it shows any text.
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  if (sqlite3_column_type(stmt_, col) != SQLITE_BLOB)
    p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(p, static_cast<size_t>(n)) : std::string_view();
}

void SqlDatabase::interrupt_when(const std::atomic<bool>* flag, const std::atomic<bool>* also) {
  interrupt_ = std::make_unique<std::array<const std::atomic<bool>*, 2>>(
      std::array<const std::atomic<bool>*, 2>{flag, also});
  sqlite3_progress_handler(
      db_, 4096,
      [](void* flags) -> int {
        for (const std::atomic<bool>* f :
             *static_cast<std::array<const std::atomic<bool>*, 2>*>(flags))
          if (f && f->load(std::memory_order_relaxed)) return 1;
        return 0;
      },
      interrupt_.get());
}

bool SqlStatement::read_only() const { return sqlite3_stmt_readonly(stmt_) != 0; }

SqlDatabase::SqlDatabase(const std::string& path, Mode mode) : where_(describe(path, mode)) {
  // SQLite's memory statistics, which nothing here reads, take a global mutex on every
  // allocation (~10% of building a trace's tables); they can only be turned off before
  // SQLite initialises, so the first database of the process does it.
  static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memstatus;
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::Create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE;
      break;
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::Memory: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY; break;
    case Mode::Temporary: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  // An empty name is SQLite's private temporary file, created when the cache first spills.
  const std::string name = mode == Mode::Memory      ? std::string(":memory:")
                           : mode == Mode::Temporary ? std::string()
                                                     : path;
  const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = reason(db_, rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqlError("cannot open " + where_ + ": " + why);
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqlDatabase::SqlDatabase(SqlDatabase&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)),
      where_(std::move(o.where_)),
      interrupt_(std::move(o.interrupt_)) {}

SqlDatabase& SqlDatabase::operator=(SqlDatabase&& o) noexcept {
  if (this != &o) {
    sqlite3_close(db_);
    db_ = std::exchange(o.db_, nullptr);
    where_ = std::move(o.where_);
    interrupt_ = std::move(o.interrupt_);
  }
  return *this;
}

// sqlite3_close (not _v2) fails while statements are open: the ownership rule of the header
// makes that a bug, and the connection is then left to the process's end rather than freed
// under a live statement.
SqlDatabase::~SqlDatabase() { sqlite3_close(db_); }

void SqlDatabase::fail(const std::string& doing, int offset) const {
  throw SqlError(doing + " " + where_ + ": " + reason(db_, sqlite3_extended_errcode(db_)), offset);
}

void SqlDatabase::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail("cannot write");
}

SqlStatement SqlDatabase::prepare(std::string_view sql, std::string_view* tail) {
  sqlite3_stmt* stmt = nullptr;
  const char* rest = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &rest);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    throw SqlError(std::string(sqlite3_errmsg(db_)), sqlite3_error_offset(db_));
  }
  if (tail) *tail = sql.substr(static_cast<size_t>(rest - sql.data()));
  return SqlStatement(stmt, where_);
}

namespace {

// True when text holds nothing but white space, semicolons and SQL comments.
bool only_blank(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';') {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      const size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? text.size() : nl + 1;
    } else if (text.substr(i, 2) == "/*") {
      const size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

SqlStatement SqlDatabase::prepare_query(std::string_view sql) {
  std::string_view tail;
  SqlStatement s = prepare(sql, &tail);
  if (!s.stmt_)
    throw SqlError("the query is empty: give one SQL statement, e.g. SELECT * FROM processes", 0);
  if (!only_blank(tail))
    throw SqlError("one statement at a time: the text after the first ';' is a second statement",
                   static_cast<int>(sql.size() - tail.size()));
  if (!s.read_only())
    throw SqlError(
        "a query may only read: it would change the database (to change one, export it "
        "with 'csptrace export --format sqlite' and open that)",
        0);
  return s;
}

SqlPlace sql_place(std::string_view sql, size_t offset) {
  offset = std::min(offset, sql.size());
  SqlPlace p;
  const size_t begin = sql.rfind('\n', offset == 0 ? 0 : offset - 1);
  p.line_begin = begin == std::string_view::npos || begin >= offset ? 0 : begin + 1;
  p.line_end = sql.find('\n', offset);
  if (p.line_end == std::string_view::npos) p.line_end = sql.size();
  for (size_t i = 0; i < p.line_begin; ++i) p.line += sql[i] == '\n';
  p.column = offset - p.line_begin + 1;
  return p;
}

}  // namespace csptrace

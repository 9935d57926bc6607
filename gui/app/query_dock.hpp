// The Query dock (issue 27): SQL on the open trace's tables (docs/query.md), the same tables
// `csptrace query` and `csptrace export --format sqlite` give. Clicking a result cell that holds
// an event number (a column named seq or ending in _seq) moves the cursor to that event; a
// click elsewhere in the row uses the row's first such column.
//
// Threads: the database is built (on the first query after a trace is shown) and every query
// runs on the dock's one worker thread, so the window never waits for SQLite and the connection
// is used by one thread at a time. A result reaches the dock only when it belongs to the
// document still shown (the generation counter). Stop, a new trace and the destructor raise
// cancel_: the build and the query then end within a fraction of a second (SQLite's progress
// handler polls it), so neither the window nor its closing waits for a long build or query.
#pragma once

#include <QDockWidget>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace csptrace {
class SqlDatabase;
}

namespace cspview {

class MainWindow;
class TraceDocument;

// The rows a query returned, as text; at most kMaxRows of them.
struct QueryResult {
  static constexpr int kMaxRows = 10000;
  QStringList columns;
  std::vector<QStringList> rows;
  bool more = false;   // the query had more rows than kMaxRows
  QString error;       // SQLite's message with the line and column, or the build's error
  double seconds = 0;  // the query's time (and the build's, when it built the tables)
};

class QueryDock : public QDockWidget {
  Q_OBJECT
 public:
  explicit QueryDock(MainWindow& window);
  ~QueryDock() override;

  // Runs sql on the shown trace; the result arrives in result_shown.
  void run(const QString& sql);
  // Stops the build or query running: its result says "Stopped".
  void stop();
  const QueryResult& result() const { return result_; }
  // The event (model index) a click on (row, column) of the result goes to, if any.
  std::optional<size_t> event_at(int row, int column) const;

 signals:
  void result_shown();

 private:
  void document_changed();
  void show_result(QueryResult r, unsigned generation);

  MainWindow& window_;
  QPlainTextEdit* sql_;
  QPushButton* run_button_;
  QPushButton* stop_button_;
  QLabel* status_;
  QTableWidget* table_;
  QueryResult result_;
  // Worker state: db_ and built_for_ are touched only by jobs on pool_ (one thread), and by
  // the destructor after pool_ is done.
  QThreadPool pool_;
  std::unique_ptr<csptrace::SqlDatabase> db_;
  std::shared_ptr<const TraceDocument> built_for_;
  // Set by the GUI thread (stop(), a new trace, the destructor), cleared by it before a job
  // starts; read by the job. Jobs run one at a time and a job starts only when none runs
  // (Run is disabled meanwhile), so a clear never revives a stopped job.
  std::atomic<bool> cancel_{false};
  unsigned generation_ = 0;  // GUI thread: counts the documents shown
};

// Adds the Query dock to the window, hidden, with its toggle in the View menu.
QueryDock* add_query_dock(MainWindow& window);

}  // namespace cspview

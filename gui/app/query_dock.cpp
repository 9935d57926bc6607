#include "query_dock.hpp"

#include "event_number.hpp"
#include "main_window.hpp"
#include "trace_document.hpp"

#include <csptrace/trace_database.hpp>

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cspview {

namespace {

// " (line 2, column 7)", as csptrace query says it, for SQLite's byte offset into sql.
QString place_in(const QByteArray& sql, int offset) {
  if (offset < 0) return {};
  const csptrace::SqlPlace p =
      csptrace::sql_place(std::string_view(sql.constData(), size_t(sql.size())), size_t(offset));
  return QStringLiteral(" (line %1, column %2)").arg(p.line).arg(p.column);
}

QString cell_text(const csptrace::SqlStatement& st, int col) {
  switch (st.column_type(col)) {
    case csptrace::SqlType::Null: return {};
    case csptrace::SqlType::Integer: return QString::number(st.column_int(col));
    case csptrace::SqlType::Real: return QString::number(st.column_real(col));
    default: {
      const std::string_view t = st.column_text(col);
      return QString::fromUtf8(t.data(), qsizetype(t.size()));
    }
  }
}

bool names_event(const QString& column) {
  return column == QLatin1String("seq") || column.endsWith(QLatin1String("_seq"));
}

const char* kExample =
    "-- The tables are those of csptrace query (docs/query.md). Ctrl+Enter runs.\n"
    "SELECT p.label AS process, s.state, s.op, c.label AS channel,\n"
    "       s.t_end - s.t_begin AS ns, s.begin_seq, s.end_seq\n"
    "  FROM states s JOIN processes p ON p.id = s.proc LEFT JOIN channels c ON c.id = s.chan\n"
    " WHERE s.state IN ('parked', 'blocked', 'sleeping')\n"
    " ORDER BY ns DESC LIMIT 20;";

}  // namespace

QueryDock::QueryDock(MainWindow& window)
    : QDockWidget(QStringLiteral("Query (SQL)"), &window), window_(window) {
  setObjectName(QStringLiteral("query"));
  pool_.setMaxThreadCount(1);
  auto* body = new QWidget(this);
  auto* layout = new QVBoxLayout(body);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* split = new QSplitter(Qt::Vertical, body);
  sql_ = new QPlainTextEdit(split);
  sql_->setPlainText(QString::fromUtf8(kExample));
  table_ = new QTableWidget(split);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectItems);
  table_->verticalHeader()->setVisible(false);
  sql_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  split->setStretchFactor(1, 3);
  split->setSizes({110, 330});  // the SQL a few lines, the result the rest
  auto* bar = new QHBoxLayout;
  run_button_ = new QPushButton(QStringLiteral("Run (Ctrl+Enter)"), body);
  stop_button_ = new QPushButton(QStringLiteral("Stop"), body);
  stop_button_->setEnabled(false);
  status_ = new QLabel(body);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  bar->addWidget(run_button_);
  bar->addWidget(stop_button_);
  bar->addWidget(status_, 1);
  layout->addWidget(split, 1);
  layout->addLayout(bar);
  setWidget(body);

  connect(run_button_, &QPushButton::clicked, this, [this] { run(sql_->toPlainText()); });
  connect(stop_button_, &QPushButton::clicked, this, &QueryDock::stop);
  auto* shortcut = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Return")), sql_);
  connect(shortcut, &QShortcut::activated, this, [this] { run(sql_->toPlainText()); });
  connect(table_, &QTableWidget::cellClicked, this, [this](int row, int column) {
    if (const auto e = event_at(row, column)) window_.seek_event(*e);
  });
  connect(&window_, &MainWindow::document_shown, this, &QueryDock::document_changed);
}

QueryDock::~QueryDock() {
  cancel_ = true;
  pool_.waitForDone();
}

void QueryDock::stop() {
  cancel_ = true;
  status_->setText(QStringLiteral("Stopping…"));
}

void QueryDock::document_changed() {
  cancel_ = true;  // a build or query of the trace shown before: its result is not wanted
  ++generation_;
  result_ = {};
  table_->clear();
  table_->setRowCount(0);
  table_->setColumnCount(0);
  status_->clear();
}

void QueryDock::run(const QString& sql) {
  std::shared_ptr<const TraceDocument> doc = window_.shared_document();
  if (!doc) {
    status_->setText(QStringLiteral("Open a trace first: the query runs on its tables."));
    return;
  }
  status_->setText(built_for_ == doc
                       ? QStringLiteral("Running…")
                       : QStringLiteral("Building the tables of the trace, then running…"));
  run_button_->setEnabled(false);
  stop_button_->setEnabled(true);
  cancel_ = false;
  const unsigned gen = generation_;
  pool_.start([this, doc, sql, gen] {
    QueryResult r;
    QElapsedTimer clock;
    clock.start();
    try {
      if (built_for_ != doc) {
        db_.reset();
        built_for_.reset();
        // In a temporary file: the tables of a large trace are as large as the trace.
        auto db =
            std::make_unique<csptrace::SqlDatabase>("", csptrace::SqlDatabase::Mode::Temporary);
        csptrace::BuildControl control;
        control.cancel = &cancel_;
        csptrace::fill_trace_database(*db, doc->model(), {}, {}, control);
        db_ = std::move(db);
        db_->interrupt_when(&cancel_);  // queries too
        built_for_ = doc;
      }
      const QByteArray text = sql.toUtf8();
      csptrace::SqlStatement st =
          db_->prepare_query(std::string_view(text.constData(), size_t(text.size())));
      for (int c = 0; c < st.columns(); ++c) {
        const std::string_view name = st.column_name(c);
        r.columns << QString::fromUtf8(name.data(), qsizetype(name.size()));
      }
      while (st.step()) {
        if (int(r.rows.size()) == QueryResult::kMaxRows) {
          r.more = true;  // stop reading: the rest would only be counted
          break;
        }
        QStringList row;
        for (int c = 0; c < st.columns(); ++c) row << cell_text(st, c);
        r.rows.push_back(std::move(row));
      }
    } catch (const csptrace::BuildCancelled&) {
      r.error = QStringLiteral("Stopped while building the tables; Run builds them again.");
    } catch (const csptrace::SqlError& ex) {
      r.error = cancel_ ? QStringLiteral("Stopped.")
                        : QString::fromStdString(ex.what()) + place_in(sql.toUtf8(), ex.offset());
    } catch (const std::exception& ex) {
      r.error = QString::fromStdString(ex.what());
    }
    r.seconds = double(clock.nsecsElapsed()) / 1e9;
    QMetaObject::invokeMethod(
        this, [this, r = std::move(r), gen]() mutable { show_result(std::move(r), gen); },
        Qt::QueuedConnection);
  });
}

void QueryDock::show_result(QueryResult r, unsigned generation) {
  run_button_->setEnabled(true);
  stop_button_->setEnabled(false);
  if (generation != generation_) return;  // a trace shown since: its tables are not these
  result_ = std::move(r);
  table_->clear();
  table_->setColumnCount(int(result_.columns.size()));
  table_->setHorizontalHeaderLabels(result_.columns);
  table_->setRowCount(int(result_.rows.size()));
  for (int i = 0; i < int(result_.rows.size()); ++i)
    for (int c = 0; c < int(result_.rows[size_t(i)].size()); ++c)
      table_->setItem(i, c, new QTableWidgetItem(result_.rows[size_t(i)][c]));
  table_->resizeColumnsToContents();
  if (!result_.error.isEmpty()) {
    status_->setText(result_.error);
  } else {
    QString s =
        QStringLiteral("%1 rows in %2 s").arg(result_.rows.size()).arg(result_.seconds, 0, 'f', 2);
    if (result_.more)
      s = QStringLiteral(
              "the first %1 rows, in %2 s; the query has more: narrow it with WHERE or LIMIT")
              .arg(QueryResult::kMaxRows)
              .arg(result_.seconds, 0, 'f', 2);
    bool clickable = false;
    for (const QString& c : result_.columns) clickable = clickable || names_event(c);
    if (clickable) s += QStringLiteral("; click an event number (seq) to go there");
    status_->setText(s);
  }
  emit result_shown();
}

std::optional<size_t> QueryDock::event_at(int row, int column) const {
  const TraceDocument* doc = window_.document();
  if (!doc || row < 0 || row >= int(result_.rows.size())) return std::nullopt;
  const QStringList& cells = result_.rows[size_t(row)];
  auto event_in = [&](int c) -> std::optional<size_t> {
    if (c < 0 || c >= int(cells.size()) || !names_event(result_.columns[c])) return std::nullopt;
    bool ok = false;
    const qulonglong n = cells[c].toULongLong(&ok);
    if (!ok) return std::nullopt;
    return event_at_number(doc->model(), n);
  };
  if (const auto e = event_in(column)) return e;
  for (int c = 0; c < int(result_.columns.size()); ++c)
    if (const auto e = event_in(c)) return e;
  return std::nullopt;
}

QueryDock* add_query_dock(MainWindow& window) {
  auto* dock = new QueryDock(window);
  window.addDockWidget(Qt::BottomDockWidgetArea, dock);
  dock->hide();
  for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
    if (menu->title() == QLatin1String("&View")) {
      menu->addSeparator();
      QAction* toggle = dock->toggleViewAction();
      toggle->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+Q")));
      menu->addAction(toggle);
    }
  return dock;
}

}  // namespace cspview

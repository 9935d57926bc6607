#include "source_pane.hpp"

#include "source_text.hpp"

#include <QFile>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace cspview {

SourcePane::SourcePane(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  header_ = new QLabel(this);
  header_->setWordWrap(true);
  header_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  text_ = new SourceText(this);
  text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  pick_ = new QPushButton(QStringLiteral("Choose a source folder…"), this);
  pick_->hide();
  connect(pick_, &QPushButton::clicked, this, &SourcePane::pick_folder_requested);
  layout->addWidget(header_);
  layout->addWidget(text_, 1);
  layout->addWidget(pick_);
  show_message(QStringLiteral("No trace open."));
}

void SourcePane::set_trace_path(const QString& path) { trace_path_ = path; }

void SourcePane::set_search_dirs(const QStringList& dirs) {
  dirs_.clear();
  for (const QString& d : dirs)
    if (!d.isEmpty()) dirs_.push_back(d.toStdString());
}

void SourcePane::set_theme(const Theme& theme) {
  theme_ = theme;
  highlight();
}

QString SourcePane::header_text() const { return header_->text(); }

void SourcePane::show_message(const QString& text) {
  header_->setText(text);
  text_->clear();
  text_->hide();
  shown_file_.clear();
  line_ = 0;
}

void SourcePane::show_event(const TraceDocument* doc, std::optional<size_t> event) {
  pick_->hide();
  if (!doc) return show_message(QStringLiteral("No trace open."));
  if (!event) return show_message(QStringLiteral("Before the first event: no source line yet."));
  const auto ref = source_of_event(*doc, *event);
  if (!ref)
    return show_message(
        QStringLiteral("This event records no source line (the trace has no \"loc\" for it)."));
  const SourceLookup found = locate_source(ref->file, trace_path_.toStdString(), dirs_);
  if (!found.found) {
    pick_->show();
    return show_message(QString::fromStdString(found.message(*ref)) +
                        QStringLiteral(". Pass --source-dir DIR or choose the folder below."));
  }
  show_file(QString::fromStdString(*found.found), ref->line);
}

void SourcePane::show_file(const QString& path, int line) {
  if (path != shown_file_) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
      return show_message(QStringLiteral("%1: cannot read it (%2).").arg(path, f.errorString()));
    text_->setPlainText(QString::fromUtf8(f.readAll()));
    shown_file_ = path;
  }
  text_->show();
  line_ = line;
  const int lines = text_->document()->blockCount();
  header_->setText(
      line <= lines
          ? QStringLiteral("%1:%2").arg(path).arg(line)
          : QStringLiteral("%1:%2 (the file has only %3 lines: has it changed since the run?)")
                .arg(path)
                .arg(line)
                .arg(lines));
  highlight();
}

void SourcePane::resizeEvent(QResizeEvent* e) {
  QWidget::resizeEvent(e);
  // Centring needs the text's final height, known once the layout has run: a pane filled
  // while hidden (a tab behind the Inspector) centres its line when it is shown.
  QTimer::singleShot(0, this, [this] {
    if (!shown_file_.isEmpty()) text_->centerCursor();
  });
}

void SourcePane::highlight() {
  if (shown_file_.isEmpty() || line_ <= 0) return;
  const QTextBlock block = text_->document()->findBlockByNumber(line_ - 1);
  if (!block.isValid()) {
    text_->setExtraSelections({});
    return;
  }
  QTextEdit::ExtraSelection sel;
  sel.format.setBackground(theme_.match);
  sel.format.setForeground(Qt::black);
  sel.format.setProperty(QTextFormat::FullWidthSelection, true);
  sel.cursor = QTextCursor(block);
  text_->setExtraSelections({sel});
  text_->setTextCursor(QTextCursor(block));
  text_->centerCursor();
}

}  // namespace cspview

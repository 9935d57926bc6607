#include "compare_window.hpp"

#include "main_window.hpp"
#include "step_controller.hpp"

#include <csptrace/diff_text.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/run_alignment.hpp>
#include <csptrace/trace_diff.hpp>

#include <QAction>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace cspview {

namespace {

using Run = csptrace::RunAlignment::Run;

// Two panes in one window: each pane's shortcuts work while the focus is in it, instead of
// both panes' identical shortcuts being ambiguous (and neither firing).
void scope_shortcuts(MainWindow& pane) {
  for (QAction* a : pane.findChildren<QAction*>())
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

QString text(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

CompareWindow::CompareWindow(QWidget* parent)
    : QWidget(parent), a_(new MainWindow), b_(new MainWindow), caption_(new QLabel) {
  setWindowTitle(QStringLiteral("cspview: comparing two runs"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  caption_->setWordWrap(true);
  caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(caption_);
  auto* split = new QSplitter(Qt::Vertical);
  for (MainWindow* pane : {a_, b_}) {
    pane->setWindowFlags(Qt::Widget);
    pane->set_remember_recent(false);
    scope_shortcuts(*pane);
    split->addWidget(pane);
  }
  layout->addWidget(split, 1);
  connect(&a_->stepper(), &StepController::moved, this, [this] { follow(*a_, *b_, true); });
  connect(&b_->stepper(), &StepController::moved, this, [this] { follow(*b_, *a_, false); });
  connect(a_, &MainWindow::document_shown, this, [this] { compare(); });
  connect(b_, &MainWindow::document_shown, this, [this] { compare(); });
  auto* next = new QAction(QStringLiteral("Next difference"), this);
  next->setShortcut(QKeySequence(Qt::Key_BracketRight));
  connect(next, &QAction::triggered, this, [this] { step_difference(true); });
  auto* prev = new QAction(QStringLiteral("Previous difference"), this);
  prev->setShortcut(QKeySequence(Qt::Key_BracketLeft));
  connect(prev, &QAction::triggered, this, [this] { step_difference(false); });
  addActions({next, prev});
}

CompareWindow::~CompareWindow() = default;

bool CompareWindow::open_now(const QString& a, const QString& b, QString* error) {
  if (!a_->open_file_now(a, error) || !b_->open_file_now(b, error)) return false;
  compare();
  show_first_divergence();
  return true;
}

void CompareWindow::compare() {
  align_.reset();
  diff_.reset();
  if (!a_->document() || !b_->document()) {
    caption_->setText(QStringLiteral("Open a trace in both panes to compare them."));
    return;
  }
  const csptrace::TraceModel& ma = a_->document()->model();
  const csptrace::TraceModel& mb = b_->document()->model();
  diff_ = std::make_unique<csptrace::TraceDiff>(csptrace::diff_traces(ma, mb));
  align_ = std::make_unique<csptrace::RunAlignment>(ma, mb, *diff_);
  caption_->setText(caption());
}

QString CompareWindow::caption() const {
  if (!diff_) return caption_->text();
  const csptrace::TraceModel& ma = a_->document()->model();
  const csptrace::TraceModel& mb = b_->document()->model();
  QStringList parts;
  parts << QStringLiteral("<b>A</b> %1 (above) against <b>B</b> %2 (below).")
               .arg(text(ma.source()).toHtmlEscaped(), text(mb.source()).toHtmlEscaped());
  if (const std::string m = csptrace::match_text(ma, mb, diff_->match); !m.empty())
    parts << text(m).toHtmlEscaped() + QStringLiteral(".");
  if (const csptrace::ProcessDivergence* v = diff_->first_divergence())
    parts << QStringLiteral("First divergence: <b>%1</b>, step %2 (A #%3, B %4).")
                 .arg(text(csptrace::process_label(ma, v->proc_a)).toHtmlEscaped())
                 .arg(v->step + 1)
                 .arg(v->event_a < ma.size() ? QString::number(ma.seq(v->event_a))
                                             : QStringLiteral("-"))
                 .arg(v->event_b < mb.size()
                          ? QStringLiteral("#") + QString::number(mb.seq(v->event_b))
                          : QStringLiteral("-"));
  if (const std::string p = csptrace::parting_text(ma, mb, diff_->decisions); !p.empty())
    parts << text(p).toHtmlEscaped().replace(0, 1, QStringLiteral("T")) + QStringLiteral(".");
  QStringList only;
  for (const csptrace::Finding& f : diff_->outcome.only_a)
    only << QStringLiteral("%1 in A only").arg(text(std::string(to_string(f.kind))));
  for (const csptrace::Finding& f : diff_->outcome.only_b)
    only << QStringLiteral("%1 in B only").arg(text(std::string(to_string(f.kind))));
  if (!only.isEmpty())
    parts << QStringLiteral("Outcome: <b>%1</b>.").arg(only.join(QStringLiteral(", ")));
  parts << (diff_->equivalent() ? QStringLiteral("The runs are equivalent.")
                                : QStringLiteral("%1 differences; ] and [ step through them.")
                                      .arg(align_->differences(Run::A).size()));
  return parts.join(QLatin1Char(' '));
}

void CompareWindow::show_first_divergence() {
  if (!diff_) return;
  size_t ea = csptrace::kNone, eb = csptrace::kNone;
  if (const csptrace::ProcessDivergence* v = diff_->first_divergence()) {
    ea = v->event_a;
    eb = v->event_b;
  } else if (diff_->decisions.parted) {
    ea = diff_->decisions.event_a;
    eb = diff_->decisions.event_b;
  }
  // Both panes at their own side of the divergence, not at each other's aligned event: where a
  // side's steps ran out it shows its end.
  syncing_ = true;
  a_->seek_event(ea != csptrace::kNone ? ea : a_->document()->model().size());
  b_->seek_event(eb != csptrace::kNone ? eb : b_->document()->model().size());
  syncing_ = false;
}

void CompareWindow::follow(MainWindow& from, MainWindow& to, bool from_a) {
  if (syncing_ || !align_) return;
  const std::optional<size_t> e = from.stepper().current_event();
  if (!e) return;
  const size_t target = align_->aligned(from_a ? Run::A : Run::B, *e);
  if (target == csptrace::kNone) return;
  syncing_ = true;
  to.seek_event(target);
  syncing_ = false;
}

void CompareWindow::step_difference(bool forward) {
  if (!align_) return;
  const size_t cur = a_->stepper().current_event().value_or(0);
  const size_t next =
      forward ? align_->next_difference(Run::A, cur) : align_->previous_difference(Run::A, cur);
  if (next != csptrace::kNone) a_->seek_event(next);  // B follows through the move
}

}  // namespace cspview

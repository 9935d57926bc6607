#include "sequence_chart_view.hpp"

#include "sequence_painter.hpp"

#include <QContextMenuEvent>
#include <QJsonArray>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

namespace cspview {

SequenceChartView::SequenceChartView(QWidget* parent) : CursorView(parent) {
  setMinimumSize(320, 200);
  setMouseTracking(false);
  real_time_action_ = new QAction(QStringLiteral("Space rows by real time"), this);
  real_time_action_->setCheckable(true);
  connect(real_time_action_, &QAction::toggled, this, &SequenceChartView::set_real_time);
  channels_action_ = new QAction(QStringLiteral("Show channels as lifelines"), this);
  channels_action_->setCheckable(true);
  connect(channels_action_, &QAction::toggled, this, &SequenceChartView::set_channel_lifelines);
}

void SequenceChartView::set_document(std::shared_ptr<const TraceDocument> doc) {
  doc_ = std::move(doc);
  cursor_.reset();
  first_row_ = 0;
  scrolled_ = false;
  rebuild();
}

void SequenceChartView::rebuild() {
  stale_ = true;
  update();
}

bool SequenceChartView::channel_lifelines() const { return channels_action_->isChecked(); }

const SequenceLayout& SequenceChartView::layout() const {
  if (stale_) {
    SequenceOptions o;
    o.channel_lifelines = channel_lifelines();
    layout_ = doc_ ? SequenceLayout::build(*doc_, o) : SequenceLayout();
    stale_ = false;
  }
  return layout_;
}

void SequenceChartView::set_cursor(std::optional<size_t> event, const csptrace::ReplayState*) {
  cursor_ = event;
  scrolled_ = false;
  update();
}

void SequenceChartView::set_theme(const Theme& theme) {
  theme_ = theme;
  update();
}

void SequenceChartView::set_real_time(bool on) {
  real_time_ = on;
  if (real_time_action_->isChecked() != on) real_time_action_->setChecked(on);
  update();
}

void SequenceChartView::set_channel_lifelines(bool on) {
  if (channels_action_->isChecked() != on) channels_action_->setChecked(on);
  rebuild();  // only marks the chart stale: it is built again when next drawn
}

SequenceMetrics SequenceChartView::metrics() const {
  SequenceMetrics mx = SequenceMetrics{}.scaled(theme_.presentation ? 1.4 : 1.0);
  // The gutter holds the widest event number, "#1200002" in a big trace.
  if (doc_ && !doc_->model().empty()) {
    QFont f = font();
    f.setBold(true);
    f.setPixelSize(int(mx.row_max * 0.58));
    const QString widest = QStringLiteral("#%1").arg(doc_->model().seq(doc_->model().size() - 1));
    mx.gutter = std::max(mx.gutter, double(QFontMetrics(f).horizontalAdvance(widest)) + 10);
  }
  return mx;
}

SequenceFrame SequenceChartView::frame() const {
  if (!doc_) return {};
  const SequenceMetrics mx = metrics();
  const auto row = layout().row_at(cursor_);
  if (!scrolled_)
    first_row_ = window_start(layout().rows().size(), rows_that_fit(layout(), mx, height()), row,
                              first_row_);
  return frame_sequence(layout(), doc_->model(), mx, width(), height(), first_row_, row,
                        real_time_);
}

QSize SequenceChartView::frame_size() const { return size(); }

void SequenceChartView::paint_frame(QPainter& painter) const {
  if (!doc_) {
    painter.fillRect(QRect(QPoint(0, 0), size()), theme_.background);
    painter.setPen(theme_.text_dim);
    painter.drawText(QRect(QPoint(0, 0), size()), Qt::AlignCenter,
                     QStringLiteral("Open a trace to see its sequence chart"));
    return;
  }
  const SequenceFrame fr = frame();
  SequencePainter(layout(), fr, doc_->model(), theme_, font()).paint(painter);
}

void SequenceChartView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  paint_frame(p);
}

void SequenceChartView::mousePressEvent(QMouseEvent* e) {
  if (!doc_ || e->button() != Qt::LeftButton) return CursorView::mousePressEvent(e);
  // A click on a row (its arrow, its mark or anywhere across it) asks for the cursor there.
  if (const auto r = frame().row_at_y(e->position().y()))
    emit event_clicked(layout().rows()[*r].event);
}

void SequenceChartView::wheelEvent(QWheelEvent* e) {
  if (!doc_) return;
  const int steps = e->angleDelta().y() / 40;  // three rows a notch
  const SequenceFrame fr = frame();
  const size_t fit = fr.end_row - fr.first_row;
  if (fit >= fr.total_rows || steps == 0) return;
  const long next = std::clamp<long>(long(first_row_) - steps, 0, long(fr.total_rows - fit));
  first_row_ = size_t(next);
  scrolled_ = true;
  update();
}

void SequenceChartView::contextMenuEvent(QContextMenuEvent* e) {
  QMenu menu(this);
  menu.addAction(real_time_action_);
  menu.addAction(channels_action_);
  menu.exec(e->globalPos());
}

void SequenceChartView::resizeEvent(QResizeEvent* e) {
  CursorView::resizeEvent(e);
  scrolled_ = false;
}

QJsonObject SequenceChartView::describe() const {
  QJsonObject o{{QStringLiteral("view"), view_name()}};
  if (!doc_) {
    o[QStringLiteral("cursor_event")] = QJsonValue();
    return o;
  }
  const auto& m = doc_->model();
  const SequenceFrame fr = frame();
  o[QStringLiteral("cursor_event")] = cursor_ ? QJsonValue(qint64(m.seq(*cursor_))) : QJsonValue();
  o[QStringLiteral("real_time")] = real_time_;
  o[QStringLiteral("channel_lifelines")] = channel_lifelines();
  o[QStringLiteral("rows_total")] = qint64(fr.total_rows);
  o[QStringLiteral("rows_shown")] = QJsonArray{qint64(fr.first_row), qint64(fr.end_row)};
  o[QStringLiteral("row_height")] = fr.row_h;
  QJsonArray lanes;
  for (size_t l = 0; l < layout().lifelines().size(); ++l)
    if (fr.shown(uint32_t(l))) lanes.append(QString::fromStdString(layout().lifelines()[l].name));
  o[QStringLiteral("lifelines")] = lanes;
  o[QStringLiteral("lifelines_total")] = qint64(layout().lifelines().size());
  auto lane_name = [&](uint32_t l) {
    return l < layout().lifelines().size()
               ? QJsonValue(QString::fromStdString(layout().lifelines()[l].name))
               : QJsonValue();
  };
  QJsonArray arrows;
  for (size_t r = fr.first_row; r < fr.end_row; ++r) {
    const SeqRow& row = layout().rows()[r];
    if (!row.arrow() || row.kind != SeqRow::Kind::Message) continue;
    arrows.append(
        QJsonObject{{QStringLiteral("event"), qint64(m.seq(row.event))},
                    {QStringLiteral("from"), lane_name(row.from)},
                    {QStringLiteral("to"), lane_name(row.to)},
                    {QStringLiteral("label"), QString::fromStdString(layout().label(r))},
                    {QStringLiteral("value"), QString::fromStdString(layout().value(r))}});
  }
  o[QStringLiteral("arrows")] = arrows;
  if (fr.cursor_row) {
    const SeqRow& row = layout().rows()[*fr.cursor_row];
    o[QStringLiteral("current")] = QJsonObject{
        {QStringLiteral("event"), qint64(m.seq(row.event))},
        {QStringLiteral("label"), QString::fromStdString(layout().label(*fr.cursor_row))}};
  } else {
    o[QStringLiteral("current")] = QJsonValue();
  }
  QJsonArray stuck, cycle;
  for (const SeqLifeline& l : layout().lifelines())
    if (l.stuck) stuck.append(QString::fromStdString(l.name));
  for (const SeqCycleEdge& e : layout().cycle())
    cycle.append(QJsonObject{{QStringLiteral("waiter"), lane_name(e.waiter)},
                             {QStringLiteral("releaser"), lane_name(e.releaser)},
                             {QStringLiteral("label"), QString::fromStdString(e.label)}});
  o[QStringLiteral("stuck")] = stuck;
  o[QStringLiteral("cycle")] = cycle;
  return o;
}

}  // namespace cspview

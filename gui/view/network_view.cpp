#include "network_view.hpp"

#include "channel_badge.hpp"
#include "event_number.hpp"
#include "network_painter.hpp"
#include "process_state_colour.hpp"
#include "story.hpp"

#include <QFontMetricsF>
#include <QJsonArray>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace cspview {

using csptrace::kNone;

namespace {

// The first event of a lane after the cursor (lanes are sorted by time, not by index).
std::optional<size_t> next_after(LaneList lane, std::optional<size_t> cursor) {
  std::optional<size_t> best;
  for (uint32_t e : lane)
    if ((!cursor || e > *cursor) && (!best || e < *best)) best = e;
  return best;
}

// The widest state word a process box may have to hold.
double widest_state_word(const QFontMetricsF& fm) {
  double w = 0;
  for (int c = 0; c < kStateColourCount; ++c)
    w = std::max(w, fm.horizontalAdvance(state_colour_name(StateColour(c))));
  return w;
}

QString widest_fill(const csptrace::ChannelInfo& info) {
  QString s = QString::fromStdString(channel_kind_text(info));
  if (info.buffer == csptrace::BufferKind::Timer) return s + QStringLiteral(" armed");
  if (info.buffer == csptrace::BufferKind::Unbuffered) return s + QStringLiteral(" closed");
  if (info.cap > kMaxSlotGlyphs) return s + QStringLiteral(" %1/%1 closed").arg(info.cap);
  return s + QLatin1Char(' ') + QString(QChar(0x25AE)).repeated(int(std::max(1u, info.cap))) +
         QStringLiteral(" closed");
}

}  // namespace

NetworkView::NetworkView(QWidget* parent) : CursorView(parent) {
  setMouseTracking(false);
  animation_.setStartValue(0.0);
  animation_.setEndValue(1.0);
  animation_.setDuration(kAnimationMs);
  animation_.setEasingCurve(QEasingCurve::InOutQuad);
  connect(&animation_, &QVariantAnimation::valueChanged, this, [this] { update(); });
  connect(&animation_, &QVariantAnimation::finished, this, [this] { update(); });
}

void NetworkView::set_document(std::shared_ptr<const TraceDocument> doc) {
  animation_.stop();
  // The graph is the model's alone (a pass over every event): the analysed document that
  // follows a trace's first frame shares its model, and keeps the graph made for it.
  const bool same_model = doc && doc_ && &doc->model() == &doc_->model();
  doc_ = std::move(doc);
  cursor_.reset();
  caption_.clear();
  layout_stale_ = true;
  if (!same_model) {
    unmade_ = true;  // made on first use
  } else if (!unmade_) {
    cycle_ = doc_->has_analysis() ? network_cycle(*doc_, graph_) : NetworkCycle{};
    frame_ = network_frame(*doc_, graph_, cycle_, std::nullopt, nullptr);
  }
  update();
}

void NetworkView::made() const {
  if (!unmade_) return;
  unmade_ = false;
  graph_ = doc_ ? network_graph(doc_->model()) : NetworkGraph{};
  cycle_ = doc_ && doc_->has_analysis() ? network_cycle(*doc_, graph_) : NetworkCycle{};
  frame_ = NetworkFrame{};
  if (!doc_) return;
  // The state set_cursor would have been given: the replay's at the cursor, once it is in.
  std::optional<csptrace::ReplayState> state;
  if (doc_->has_analysis())
    state = cursor_ ? doc_->replay().state_at(*cursor_) : doc_->replay().initial_state();
  frame_at(cursor_, state ? &*state : nullptr);
}

void NetworkView::set_theme(const Theme& theme) {
  theme_ = theme;
  layout_stale_ = true;
  update();
}

const NetworkLayout& NetworkView::layout() const {
  made();
  if (layout_stale_) relayout();
  return layout_;
}

void NetworkView::relayout() const {
  layout_stale_ = false;  // first: scene() below asks layout() for its fonts' scene

  if (!doc_) {
    layout_ = {};
    return;
  }
  const NetworkScene fonts = scene(size(), 1.0);
  const QFontMetricsF nfm(fonts.name_font), dfm(fonts.detail_font);
  QFont cf = fonts.name_font;
  cf.setPointSizeF(cf.pointSizeF() * 0.9);
  const QFontMetricsF cfm(cf);
  const double state_w = widest_state_word(dfm);
  std::vector<NodeBox> pboxes, cboxes;
  for (uint32_t p : graph_.processes) {
    const double w =
        std::max(nfm.horizontalAdvance(QString::fromStdString(doc_->process_label(p))), state_w);
    pboxes.push_back({w + 28, nfm.height() + dfm.height() + 16});
  }
  for (uint32_t c : graph_.channels) {
    const auto& info = doc_->model().channels()[c];
    const double w = std::max(cfm.horizontalAdvance(QString::fromStdString(doc_->channel_label(c))),
                              dfm.horizontalAdvance(widest_fill(info)));
    cboxes.push_back({w + 18, cfm.height() + dfm.height() + 10});
  }
  // The frame's shape picks the layout; an unplaced view assumes 1024x768 less the bands.
  const double graph_h = height() - fonts.top_band() - fonts.bottom_band();
  const double aspect = width() >= 200 && graph_h >= 100 ? (width() - 24.0) / graph_h : 1.6;
  layout_ = layout_network(graph_, pboxes, cboxes, aspect);
}

void NetworkView::set_cursor(std::optional<size_t> event, const csptrace::ReplayState* state) {
  if (!doc_) return;
  cursor_ = event;
  if (unmade_ && !isVisible()) return;  // made, at this cursor, when first used
  made();
  frame_at(event, state);
  animation_.stop();
  // From the putter's end to where the message rests, so the last frame is the still frame.
  animation_.setEndValue(still_progress());
  if (animated_ && frame_.message && isVisible()) animation_.start();
  update();
}

void NetworkView::frame_at(std::optional<size_t> event, const csptrace::ReplayState* state) const {
  frame_ = network_frame(*doc_, graph_, cycle_, event, state);
  // The message is the story's hand-over: the cursor's transfer or buffer put, or for a wake the
  // transfer that caused it (one owner: story_at).
  const StoryStep story = story_at(*doc_, event);
  caption_ = QString::fromStdString(story.caption);
  if (story.focus && (!frame_.message || frame_.message->event != *story.focus)) {
    const NetworkFrame at_focus = network_frame(*doc_, graph_, cycle_, story.focus, nullptr);
    frame_.message = at_focus.message;
  }
}

// At rest the message sits halfway along the wire it is travelling last (a rendezvous: on its
// way from the channel to the taker), between two nodes where its label covers no name.
double NetworkView::still_progress() const {
  if (!frame_.message) return 1.0;
  return frame_.message->in && frame_.message->out ? 0.75 : 0.5;
}

NetworkScene NetworkView::scene(QSize size, double progress) const {
  made();
  NetworkScene s;
  s.doc = doc_.get();
  s.graph = &graph_;
  s.layout = &layout();
  s.cycle = &cycle_;
  s.frame = &frame_;
  s.theme = theme_;
  // Large enough to read from the back of a room at 1024x768 once the graph is fitted.
  s.name_font = theme_.font(font(), 1.6, true);
  s.detail_font = theme_.font(font(), 1.2);
  s.caption_font = theme_.font(font(), 1.5);
  s.caption = caption_;
  s.progress = progress;
  s.size = size;
  return s;
}

QSize NetworkView::frame_size() const {
  if (width() >= 200 && height() >= 150) return size();
  // Unplaced (an export without a window): the layout at its natural size with its bands.
  const NetworkScene s = scene(QSize(), 1.0);
  return QSize(int(layout().width) + 24, int(layout().height) + s.top_band() + s.bottom_band())
      .expandedTo({640, 480});
}

void NetworkView::paint_frame(QPainter& painter) const {
  paint_network(painter, scene(frame_size(), still_progress()));
}

void NetworkView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const double progress = animation_.state() == QAbstractAnimation::Running
                              ? animation_.currentValue().toDouble()
                              : still_progress();
  paint_network(p, scene(size(), progress));
}

std::optional<size_t> NetworkView::click_target(QPoint pos) const {
  if (!doc_) return std::nullopt;
  const NetworkScene s = scene(size(), still_progress());
  for (size_t i = 0; i < graph_.processes.size(); ++i)
    if (frame_.processes[i].shown && s.node_rect(layout().processes[i]).contains(pos))
      return next_after(doc_->lanes().process_events(graph_.processes[i]), frame_.cursor);
  for (size_t i = 0; i < graph_.channels.size(); ++i)
    if (frame_.channels[i].shown && s.node_rect(layout().channels[i]).contains(pos))
      return next_after(doc_->lanes().channel_events(graph_.channels[i]), frame_.cursor);
  return std::nullopt;
}

namespace {

// The centre of node `id` of a list of the graph (processes or channels), when shown.
template <typename Shown>
std::optional<QPoint> centre_of(const NetworkScene& s, const std::vector<uint32_t>& ids,
                                const std::vector<LaidNode>& nodes, const std::vector<Shown>& frame,
                                uint32_t id) {
  const auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id || !frame[size_t(it - ids.begin())].shown) return std::nullopt;
  return s.node_rect(nodes[size_t(it - ids.begin())]).center().toPoint();
}

}  // namespace

std::optional<QPoint> NetworkView::process_centre(uint32_t p) const {
  return centre_of(scene(size(), 1.0), graph_.processes, layout().processes, frame_.processes, p);
}

std::optional<QPoint> NetworkView::channel_centre(uint32_t c) const {
  return centre_of(scene(size(), 1.0), graph_.channels, layout().channels, frame_.channels, c);
}

void NetworkView::mousePressEvent(QMouseEvent* e) {
  if (e->button() != Qt::LeftButton) return;
  if (const auto target = click_target(e->position().toPoint())) emit event_clicked(*target);
}

QJsonObject NetworkView::describe() const {
  made();
  QJsonObject o;
  o[QStringLiteral("view")] = view_name();
  // Events are numbered as csptrace prints them (event_number.hpp), like the window's
  // --view-json; cursor_index is the model's index, the one set_cursor and event_clicked use.
  o[QStringLiteral("cursor_event")] = QJsonValue();
  o[QStringLiteral("cursor_index")] =
      frame_.cursor ? QJsonValue(qint64(*frame_.cursor)) : QJsonValue();
  if (!doc_) return o;
  const auto& m = doc_->model();
  if (frame_.cursor && *frame_.cursor < m.size())
    o[QStringLiteral("cursor_event")] = qint64(event_number(m, *frame_.cursor));
  o[QStringLiteral("note")] = QString::fromStdString(graph_.note);
  o[QStringLiteral("cycle_formed")] = frame_.cycle_formed;
  QJsonArray procs, chans, cycle;
  for (size_t i = 0; i < graph_.processes.size(); ++i) {
    const auto& fp = frame_.processes[i];
    const auto colour = fp.known ? process_state_colour(fp.state, fp.op) : std::nullopt;
    procs.append(QJsonObject{
        {QStringLiteral("name"), QString::fromStdString(doc_->process_label(graph_.processes[i]))},
        {QStringLiteral("shown"), fp.shown},
        {QStringLiteral("colour"), colour ? state_colour_name(*colour) : QString()},
        {QStringLiteral("stuck"), fp.stuck}});
  }
  for (size_t i = 0; i < graph_.channels.size(); ++i) {
    const auto& fc = frame_.channels[i];
    const uint32_t c = graph_.channels[i];
    chans.append(QJsonObject{
        {QStringLiteral("name"), QString::fromStdString(doc_->channel_label(c))},
        {QStringLiteral("kind"), QString::fromStdString(channel_kind_text(m.channels()[c]))},
        {QStringLiteral("shown"), fc.shown},
        {QStringLiteral("level"), qint64(fc.level)},
        {QStringLiteral("fill"), QString::fromStdString(fc.fill)},
        {QStringLiteral("closed"), fc.closed}});
  }
  for (size_t e : cycle_.edges) {
    const NetworkEdge& w = graph_.edges[e];
    cycle.append(QJsonObject{
        {QStringLiteral("process"), QString::fromStdString(doc_->process_label(w.proc))},
        {QStringLiteral("channel"), QString::fromStdString(doc_->channel_label(w.chan))},
        {QStringLiteral("put"), w.put}});
  }
  o[QStringLiteral("processes")] = procs;
  o[QStringLiteral("channels")] = chans;
  o[QStringLiteral("cycle")] = cycle;
  if (frame_.message) {
    QJsonArray wires;
    for (auto e : {frame_.message->in, frame_.message->out})
      if (e) {
        const NetworkEdge& w = graph_.edges[*e];
        const QString p = QString::fromStdString(doc_->process_label(w.proc)),
                      c = QString::fromStdString(doc_->channel_label(w.chan));
        wires.append(w.put ? p + QStringLiteral(" → ") + c : c + QStringLiteral(" → ") + p);
      }
    o[QStringLiteral("message")] =
        QJsonObject{{QStringLiteral("event"), qint64(event_number(m, frame_.message->event))},
                    {QStringLiteral("value"), QString::fromStdString(frame_.message->value)},
                    {QStringLiteral("wires"), wires}};
  }
  return o;
}

}  // namespace cspview

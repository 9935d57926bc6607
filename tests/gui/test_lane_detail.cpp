// What a lane shows where its changes are too dense to draw one by one (lane_detail.hpp, issue
// 26) against the full data of a recorded ping-pong: a channel's column holds every level and
// wait of its time, exactly where it spans whole summary buckets; a folded run's colours are
// the states held longest along it; and the window tells what it draws (view_json's "folds").
#include <catch2/catch.hpp>

#include "lane_detail.hpp"
#include "main_window.hpp"
#include "recorded_pingpong.hpp"
#include "timeline_widget.hpp"
#include "trace_document.hpp"
#include "window_fixture.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <csptrace/replay_state.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <string>

using namespace cspview;
using csptrace::ChannelBucket;

namespace {

// Channel c over [t0, t1) from its steps alone: the step in force at t0 and those that begin
// in the range.
ChannelBucket channel_truth(const csptrace::Timeline& tl, uint32_t c, int64_t t0, int64_t t1) {
  const auto steps = tl.occupancy(c);
  ChannelBucket x;
  std::optional<csptrace::OccupancyStep> in_force;
  for (size_t k = 0; k < steps.size() && steps[k].t < t1; ++k) {
    const csptrace::OccupancyStep s = steps[k];
    if (s.t < t0) {
      in_force = s;
      continue;
    }
    csptrace::include_step(x, s);
    ++x.steps;
  }
  if (in_force) csptrace::include_step(x, *in_force);
  return x;
}

// The (state, op) held longest over [t0, t1) by the intervals, first of the longest; nullopt
// when no interval of nonzero length overlaps the range.
std::optional<std::pair<csptrace::ProcState, csptrace::WaitOp>> held_longest_or_none(
    const csptrace::IntervalList& iv, int64_t t0, int64_t t1) {
  std::map<std::pair<csptrace::ProcState, csptrace::WaitOp>, int64_t> held;
  for (size_t k = 0; k < iv.size(); ++k) {
    const auto x = iv[k];
    const int64_t len = std::min(t1, x.t_end) - std::max(t0, x.t_begin);
    if (len > 0) held[{x.state, x.op}] += len;
  }
  if (held.empty()) return std::nullopt;
  auto best = held.begin();
  for (auto it = held.begin(); it != held.end(); ++it)
    if (it->second > best->second) best = it;
  return best->first;
}

std::pair<csptrace::ProcState, csptrace::WaitOp> held_longest(const csptrace::IntervalList& iv,
                                                              int64_t t0, int64_t t1) {
  const auto held = held_longest_or_none(iv, t0, t1);
  REQUIRE(held);
  return *held;
}

struct Recorded {
  QTemporaryDir dir;
  std::string path;
  std::shared_ptr<const TraceDocument> doc;
  Recorded() : path(record_pingpong(dir, 3000)), doc(load_document(path)) {}
};

}  // namespace

TEST_CASE("a channel column holds every level and wait of its time - recorded ping-pong",
          "[lane_detail]") {
  const Recorded r;
  const auto& tl = r.doc->timeline();
  const int64_t t_begin = tl.begin_time(), t_end = tl.end_time();
  std::mt19937_64 rng(26);
  size_t summarised = 0, exact = 0;
  for (uint32_t c = 0; c < r.doc->model().channels().size(); ++c) {
    INFO("channel " << c);
    const csptrace::ChannelLevels* summary = r.doc->summary().channel(c);
    summarised += summary != nullptr;
    for (int k = 0; k < 300; ++k) {
      const int64_t len = int64_t(1) << std::uniform_int_distribution<int>(0, 30)(rng);
      const int64_t t0 = std::uniform_int_distribution<int64_t>(t_begin - 10, t_end)(rng);
      const ChannelBucket col = channel_column(tl, summary, c, t0, t0 + len);
      const ChannelBucket truth = channel_truth(tl, c, t0, t0 + len);
      INFO("[" << t0 << ", " << t0 + len << ")");
      // Never less than the full data; more only from a bucket that reaches past the range.
      REQUIRE((col.covered || !truth.covered));
      if (!truth.covered) continue;
      CHECK(col.low <= truth.low);
      CHECK(col.high >= truth.high);
      CHECK((col.putters || !truth.putters));
      CHECK((col.takers || !truth.takers));
      CHECK(col.steps >= truth.steps);
    }
    if (!summary) continue;
    // Ranges of whole buckets: the column is the full data's answer.
    for (size_t level = 0; level < summary->levels(); ++level)
      for (size_t b = 0; b < summary->buckets(level).size(); b += 1 + b / 3, ++exact) {
        const int64_t w = summary->width(level), t0 = summary->origin() + int64_t(b) * w;
        const ChannelBucket col = channel_column(tl, summary, c, t0, t0 + w);
        const ChannelBucket truth = channel_truth(tl, c, t0, t0 + w);
        REQUIRE(col.covered == truth.covered);
        CHECK(col.steps == truth.steps);
        if (!truth.covered) continue;
        CHECK(col.low == truth.low);
        CHECK(col.high == truth.high);
        CHECK(col.putters == truth.putters);
        CHECK(col.takers == truth.takers);
      }
  }
  CHECK(summarised > 0);
  CHECK(exact > 100);
}

TEST_CASE("a folded run is coloured by the states held longest along it - recorded ping-pong",
          "[lane_detail]") {
  const Recorded r;
  const auto& tl = r.doc->timeline();
  size_t pieces_checked = 0, exact_folds = 0;
  for (const double width : {900.0, 3000.0, 10000.0, 40000.0, 150000.0, 400000.0}) {
    TimeScale scale = TimeScale::fit(double(tl.begin_time()), double(tl.end_time()), 900);
    scale = scale.zoomed(0, width / 900);
    for (uint32_t p = 0; p < r.doc->model().processes().size(); ++p) {
      const auto iv = tl.intervals(p);
      const csptrace::ProcessLevels* summary = r.doc->summary().process(p);
      for (const SpanMark& span : fold_spans(iv, scale)) {
        if (span.count == 1) continue;
        const auto pieces = fold_pieces(iv, summary, span, scale);
        REQUIRE(!pieces.empty());
        for (size_t k = 0; k < pieces.size(); ++k) {
          CHECK(pieces[k].x0 >= span.x0);
          CHECK(pieces[k].x1 <= span.x1);
          CHECK(pieces[k].x0 < pieces[k].x1);
          if (k > 0) CHECK(pieces[k - 1].x1 <= pieces[k].x0);
        }
        // Without a summary (a quiet lane's case; asked of every run here, so that it is
        // checked whatever the recording): one piece, the state held longest over the run's
        // own intervals. The same for a short run of a summarised lane.
        const int64_t t0 = iv[span.first].t_begin, t1 = iv[span.first + span.count - 1].t_end;
        const auto whole = fold_pieces(iv, nullptr, span, scale);
        if (held_longest_or_none(iv, t0, t1)) {
          REQUIRE(whole.size() == 1);
          CHECK(std::pair{whole[0].state, whole[0].op} == *held_longest_or_none(iv, t0, t1));
          CHECK((whole[0].x0 == span.x0 && whole[0].x1 == span.x1));
          ++exact_folds;
        } else {
          CHECK(whole.empty());
        }
        if (!summary || span.count <= kExactFold) {
          CHECK(pieces == whole);
          continue;
        }
        // A piece is a run of buckets that share the state held longest (clipped to the
        // run's edges), so that state is the one held longest over those whole buckets.
        const size_t level = summary->level_for(scale.ns_per_px);
        const int64_t w = summary->width(level), origin = summary->origin();
        for (const FoldPiece& piece : pieces) {
          const int64_t from = std::llround(scale.t_of(piece.x0)) - origin;
          const int64_t to = std::llround(scale.t_of(piece.x1)) - origin;
          const int64_t t0 = origin + from / w * w, t1 = origin + (to + w - 1) / w * w;
          CHECK(std::pair{piece.state, piece.op} == held_longest(iv, t0, t1));
          ++pieces_checked;
        }
      }
    }
  }
  CHECK(pieces_checked > 10);
  CHECK(exact_folds > 0);
}

TEST_CASE("the window tells the folded runs it draws and their states - recorded ping-pong",
          "[lane_detail][window]") {
  const Recorded r;
  OpenWindow o(QString::fromStdString(r.path));
  REQUIRE(o.ok);
  REQUIRE(wait_until([&] { return o.w.document() && o.w.document()->has_analysis(); }, 60'000));
  const QJsonObject view = o.w.view_json();
  const QJsonArray folds = view[QStringLiteral("folds")].toArray();
  REQUIRE(!folds.isEmpty());
  qint64 counted = 0;
  bool ping = false;
  for (const auto& f : folds) {
    const QJsonObject fold = f.toObject();
    counted += fold[QStringLiteral("count")].toInteger();
    ping = ping || fold[QStringLiteral("process")].toString().contains(QStringLiteral("ping"));
    const QJsonArray pieces = fold[QStringLiteral("pieces")].toArray();
    REQUIRE(!pieces.isEmpty());
    for (const auto& pc : pieces) {
      const QString state = pc.toObject()[QStringLiteral("state")].toString();
      CHECK(csptrace::parse_enum<csptrace::ProcState>(state.toStdString()).has_value());
    }
  }
  CHECK(ping);
  // The whole run is in view: the folds count most of the ping-pong's state changes.
  CHECK(counted > 3000);
  // And the legend under the lanes explains their colour.
  CHECK(view[QStringLiteral("legend")].toArray().contains(
      QStringLiteral("folded states: the one held longest")));

  // Under the mouse, a folded run says what it folds and what was held longest there.
  // The widest piece of the fold of most changes: away from the marks of spawns and exits.
  QJsonObject fold, piece;
  for (const auto& f : folds)
    if (f.toObject()[QStringLiteral("count")].toInteger() >
        fold[QStringLiteral("count")].toInteger())
      fold = f.toObject();
  auto width = [](const QJsonObject& pc) {
    const QJsonArray x = pc[QStringLiteral("x")].toArray();
    return x[1].toDouble() - x[0].toDouble();
  };
  for (const auto& pc : fold[QStringLiteral("pieces")].toArray())
    if (piece.isEmpty() || width(pc.toObject()) > width(piece)) piece = pc.toObject();
  const QJsonArray px = piece[QStringLiteral("x")].toArray();
  const TimelineScene scene = o.w.timeline()->scene();
  uint32_t p = 0;
  while (o.w.document()->process_label(p) !=
         fold[QStringLiteral("process")].toString().toStdString())
    ++p;
  const auto row = o.w.timeline()->lane_layout().process_row(p);
  REQUIRE(row);
  const QPoint at(int(scene.label_width() + (px[0].toDouble() + px[1].toDouble()) / 2),
                  scene.row_centre(*row));
  const QString tip = o.w.timeline()->tooltip(at);
  INFO(tip.toStdString());
  CHECK(tip.contains(QStringLiteral("state changes folded here")));
  CHECK(tip.contains(QStringLiteral("held longest here: ") +
                     piece[QStringLiteral("state")].toString()));
}

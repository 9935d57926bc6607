#include <catch2/catch.hpp>

#include "channel_badge.hpp"
#include "fixture_document.hpp"
#include "network_view.hpp"
#include "process_state_colour.hpp"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QSignalSpy>
#include <QSvgGenerator>
#include <QTest>

using namespace cspview;

namespace {

struct Net {
  std::shared_ptr<const TraceDocument> doc;
  NetworkView view;
  csptrace::ReplayState state;
  explicit Net(const char* name) : doc(fixture(name)) {
    view.set_animated(false);
    view.resize(1024, 768);
    view.set_document(doc);
  }
  // The cursor after event index e.
  void at(size_t e) {
    state = doc->replay().state_at(e);
    view.set_cursor(e, &state);
  }
  QJsonObject proc(const char* name) const { return find("processes", name); }
  QJsonObject chan(const char* name) const { return find("channels", name); }
  QJsonObject find(const char* list, const char* name) const {
    for (const auto& v : view.describe()[QLatin1String(list)].toArray())
      if (v.toObject()[QStringLiteral("name")].toString() == QLatin1String(name))
        return v.toObject();
    return {};
  }
};

QString svg_of(const NetworkView& v) {
  QBuffer buf;
  buf.open(QIODevice::WriteOnly);
  QSvgGenerator gen;
  gen.setOutputDevice(&buf);
  gen.setSize(v.frame_size());
  gen.setViewBox(QRect(QPoint(0, 0), v.frame_size()));
  {
    QPainter p(&gen);
    v.paint_frame(p);
  }
  return QString::fromUtf8(buf.data());
}

}  // namespace

TEST_CASE("the network's colours and buffers are the replay state's at every cursor", "[network]") {
  for (const char* name :
       {"hotdog.jsonl", "gui-philosophers-deadlock.jsonl", "gui-alts-timeout.jsonl"}) {
    Net n(name);
    const auto& m = n.doc->model();
    for (size_t e = 0; e < m.size(); ++e) {
      n.at(e);
      INFO(name << " after event " << e);
      const QJsonObject d = n.view.describe();
      CHECK(d[QStringLiteral("view")].toString() == QStringLiteral("network"));
      CHECK(d[QStringLiteral("cursor_index")].toInteger() == qint64(e));
      CHECK(d[QStringLiteral("cursor_event")].toInteger() == qint64(m.seq(e)));
      const QJsonArray procs = d[QStringLiteral("processes")].toArray();
      REQUIRE(size_t(procs.size()) == m.processes().size());
      for (uint32_t p = 0; p < m.processes().size(); ++p) {
        const csptrace::ProcessState& ps = n.state.processes[p];
        const auto colour = process_state_colour(ps.state, ps.wait.op);
        const QJsonObject o = procs[p].toObject();
        CHECK(o[QStringLiteral("shown")].toBool() == (ps.state != csptrace::ProcState::NotStarted));
        CHECK(o[QStringLiteral("colour")].toString() ==
              (colour ? state_colour_name(*colour) : QString()));
      }
      const QJsonArray chans = d[QStringLiteral("channels")].toArray();
      REQUIRE(size_t(chans.size()) == m.channels().size());
      for (uint32_t c = 0; c < m.channels().size(); ++c) {
        const QJsonObject o = chans[c].toObject();
        CHECK(o[QStringLiteral("shown")].toBool() == n.state.channels[c].made);
        CHECK(o[QStringLiteral("level")].toInteger() == n.state.channels[c].level());
        CHECK(o[QStringLiteral("fill")].toString().toStdString() ==
              channel_fill_text(m.channels()[c], n.state.channels[c]));
      }
    }
  }
}

TEST_CASE("the hot dog's network at chosen steps", "[network]") {
  Net n("hotdog.jsonl");
  n.at(2);  // seq 3: "out" made, the machine not spawned yet
  CHECK_FALSE(n.proc("hot-dog-machine")[QStringLiteral("shown")].toBool());
  CHECK(n.chan("out")[QStringLiteral("shown")].toBool());
  n.at(4);  // seq 5: the machine parks to take from "in"
  CHECK(n.proc("hot-dog-machine")[QStringLiteral("colour")].toString() ==
        QStringLiteral("parked: take"));
  CHECK(n.chan("in")[QStringLiteral("kind")].toString() == QStringLiteral("unbuffered"));
  n.at(6);  // seq 7: main hands "pocket lint" to the machine through "in"
  const QJsonObject msg = n.view.describe()[QStringLiteral("message")].toObject();
  CHECK(msg[QStringLiteral("value")].toString() == QStringLiteral("\"pocket lint\""));
  CHECK(msg[QStringLiteral("wires")].toArray() ==
        QJsonArray{QStringLiteral("main → in"), QStringLiteral("in → hot-dog-machine")});
  n.at(7);  // seq 8: the machine resumes; the message shown is the transfer that woke it
  CHECK(n.view.describe()[QStringLiteral("message")]
            .toObject()[QStringLiteral("event")]
            .toInteger() == 7);
}

TEST_CASE("a buffer's fill follows its puts and takes", "[network]") {
  Net n("gui-philosophers-deadlock.jsonl");
  n.at(10);  // seq 11: phil-0 puts its fork into fork-0
  CHECK(n.chan("fork-0")[QStringLiteral("kind")].toString() == QStringLiteral("fixed(1)"));
  CHECK(n.chan("fork-0")[QStringLiteral("fill")].toString() == QStringLiteral("\u25AE"));
  n.at(13);  // seq 14: phil-0 takes it back
  CHECK(n.chan("fork-0")[QStringLiteral("fill")].toString() == QStringLiteral("\u25AF"));
}

TEST_CASE("the deadlocked philosophers' wait-for cycle turns red once every wait has begun",
          "[network]") {
  Net n("gui-philosophers-deadlock.jsonl");
  n.at(20);  // seq 21: phil-1 parks; phil-2 has not yet
  CHECK_FALSE(n.view.describe()[QStringLiteral("cycle_formed")].toBool());
  CHECK_FALSE(n.proc("phil-2")[QStringLiteral("stuck")].toBool());
  n.at(21);  // seq 22: phil-2 parks on fork-0: the cycle is closed
  const QJsonObject d = n.view.describe();
  CHECK(d[QStringLiteral("cycle_formed")].toBool());
  QStringList cycle;
  for (const auto& v : d[QStringLiteral("cycle")].toArray())
    cycle << v.toObject()[QStringLiteral("process")].toString() + QLatin1Char('/') +
                 v.toObject()[QStringLiteral("channel")].toString();
  for (const char* wire : {"phil-0/fork-1", "phil-1/fork-1", "phil-1/fork-2", "phil-2/fork-2",
                           "phil-2/fork-0", "phil-0/fork-0"})
    CHECK(cycle.contains(QLatin1String(wire)));
  for (const char* p : {"phil-0", "phil-1", "phil-2"})
    CHECK(n.proc(p)[QStringLiteral("stuck")].toBool());
  // And the frame says so in red words, as text.
  CHECK(svg_of(n.view).contains(QStringLiteral("wait-for cycle")));
}

TEST_CASE("the network's SVG holds every process and channel name as text", "[network]") {
  for (const char* name :
       {"hotdog.jsonl", "gui-philosophers-deadlock.jsonl", "nearmiss-recorded-pubsub.jsonl"}) {
    Net n(name);
    n.at(n.doc->model().size() - 1);
    const QString svg = svg_of(n.view);
    INFO(name);
    for (uint32_t p = 0; p < n.doc->model().processes().size(); ++p)
      CHECK(svg.contains(QStringLiteral(">") +
                         QString::fromStdString(n.doc->process_label(p)).toHtmlEscaped() +
                         QStringLiteral("<")));
    for (uint32_t c = 0; c < n.doc->model().channels().size(); ++c)
      CHECK(svg.contains(QStringLiteral(">") +
                         QString::fromStdString(n.doc->channel_label(c)).toHtmlEscaped() +
                         QStringLiteral("<")));
  }
}

TEST_CASE("clicking a node moves the cursor to what it does next", "[network]") {
  Net n("hotdog.jsonl");
  n.at(4);  // the machine has parked on "in"
  QSignalSpy clicked(&n.view, &CursorView::event_clicked);
  const auto machine = n.view.process_centre(1);
  REQUIRE(machine);
  QTest::mouseClick(&n.view, Qt::LeftButton, {}, *machine);
  REQUIRE(clicked.size() == 1);
  CHECK(clicked[0][0].value<size_t>() == 7);  // seq 8: it resumes with the pocket lint
  const auto in = n.view.channel_centre(0);
  REQUIRE(in);
  QTest::mouseClick(&n.view, Qt::LeftButton, {}, *in);
  REQUIRE(clicked.size() == 2);
  CHECK(clicked[1][0].value<size_t>() == 6);  // seq 7: the value goes through "in"
  CHECK_FALSE(n.view.click_target(QPoint(2, 2)).has_value());
}

TEST_CASE("the network animates the message, and paints a still frame for export", "[network]") {
  Net n("hotdog.jsonl");
  n.view.set_animated(true);
  n.view.setAttribute(Qt::WA_DontShowOnScreen);
  n.view.show();
  n.at(6);
  QImage a(n.view.size(), QImage::Format_ARGB32), b(n.view.size(), QImage::Format_ARGB32);
  {
    QPainter p(&a);
    n.view.paint_frame(p);
  }
  QTest::qWait(NetworkView::kAnimationMs / 3);
  {
    QPainter p(&b);
    n.view.paint_frame(p);
  }
  CHECK(a == b);  // the export does not move with the animation
  const QImage moving = n.view.grab().toImage().convertToFormat(QImage::Format_ARGB32);
  QTest::qWait(NetworkView::kAnimationMs * 2);
  const QImage done = n.view.grab().toImage().convertToFormat(QImage::Format_ARGB32);
  CHECK(moving != done);
  CHECK(done == a);  // at rest the screen shows the still frame
}

TEST_CASE("presentation mode enlarges the network's boxes", "[network]") {
  Net n("hotdog.jsonl");
  const double before = n.view.layout().processes[0].h;
  n.view.set_theme(Theme::make(true, true));
  CHECK(n.view.layout().processes[0].h > before * 1.3);
}

TEST_CASE("a network view made on first use shows what one made at once shows, at every cursor",
          "[network]") {
  // A hidden view only keeps the cursor until it is used (the graph is a pass over every
  // event); then it makes the frame with the replay's state at that cursor.
  Net eager("gui-philosophers-deadlock.jsonl");
  REQUIRE_FALSE(eager.view.graph().processes.empty());  // made now
  const size_t n = eager.doc->model().size();
  for (size_t e = 0; e < n; e += 3) {
    INFO("cursor after event " << e);
    eager.at(e);
    NetworkView lazy;
    lazy.set_animated(false);
    lazy.resize(1024, 768);
    lazy.set_document(eager.doc);
    lazy.set_cursor(e, &eager.state);
    CHECK(lazy.describe() == eager.view.describe());
  }
  NetworkView at_start;
  at_start.set_document(eager.doc);
  eager.view.set_cursor(std::nullopt, nullptr);
  eager.state = eager.doc->replay().initial_state();
  eager.view.set_cursor(std::nullopt, &eager.state);
  CHECK(at_start.describe() == eager.view.describe());
}

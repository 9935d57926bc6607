#include <catch2/catch.hpp>

#include "channel_state_model.hpp"
#include "event_list_model.hpp"
#include "event_search.hpp"
#include "findings_model.hpp"
#include "fixture_document.hpp"
#include "process_state_model.hpp"

#include <QAbstractItemModelTester>

using namespace cspview;

namespace {
constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
}

TEST_CASE("the event list passes the model tester, filtered and not", "[models]") {
  EventListModel model;
  QAbstractItemModelTester tester(&model, kFatal);
  auto doc = fixture("hotdog.jsonl");
  model.set_document(doc);
  REQUIRE(model.rowCount() == int(doc->model().size()));
  CHECK(model.data(model.index(6, EventListModel::Kind)).toString() == "transfer");
  CHECK(model.data(model.index(6, EventListModel::Details)).toString().contains("pocket lint"));
  CHECK(model.data(model.index(4, EventListModel::Where)).toString() == "hotdog.cpp:17");

  // Only the matches of a search: the channel "out", and nothing else named so.
  auto only = std::make_shared<const SearchResult>(search_events(*doc, "out"));
  model.set_rows(only);
  REQUIRE(model.rowCount() == int(only->events.size()));
  REQUIRE(model.rowCount() > 0);
  for (int r = 0; r < model.rowCount(); ++r) {
    const QString row = model.data(model.index(r, EventListModel::Channel)).toString() +
                        model.data(model.index(r, EventListModel::Details)).toString();
    CHECK(row.contains("out", Qt::CaseInsensitive));
  }
  const size_t first = model.event_at_row(0);
  CHECK(model.row_of_event(first) == 0);
  CHECK_FALSE(model.row_of_event(0).has_value());  // spawn of main: not a match
  model.set_rows(std::make_shared<const SearchResult>(search_events(*doc, "lettuce")));
  CHECK(model.rowCount() == 1);
  model.set_rows(nullptr);
  CHECK(model.rowCount() == int(doc->model().size()));
  // The number column is the event's number as csptrace prints it, not its index.
  CHECK(model.data(model.index(6, EventListModel::Seq)).toULongLong() == doc->model().seq(6));
}

TEST_CASE("a scheduler decision's row says what was decided among how many options", "[models]") {
  EventListModel model;
  auto doc = fixture("gui-schedule-deviations.jsonl");
  model.set_document(doc);
  int decisions = 0;
  for (int r = 0; r < model.rowCount(); ++r) {
    if (model.data(model.index(r, EventListModel::Kind)).toString() != "decide") continue;
    ++decisions;
    const size_t i = model.event_at_row(r);
    const QString details = model.data(model.index(r, EventListModel::Details)).toString();
    CHECK(details.startsWith(
        QString::fromStdString(std::string(csptrace::to_string(doc->model().event(i).decision)))));
    CHECK(details.contains(QStringLiteral("chosen among %1").arg(doc->model().event(i).options)));
  }
  CHECK(decisions >= 3);
}

TEST_CASE("the state panels pass the model tester and follow the cursor", "[models]") {
  ProcessStateModel procs;
  ChannelStateModel chans;
  QAbstractItemModelTester t1(&procs, kFatal), t2(&chans, kFatal);
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  procs.set_state(doc, doc->replay().state_at(0));
  chans.set_state(doc, doc->replay().state_at(0));
  CHECK(procs.rowCount() == 4);
  CHECK(chans.rowCount() == 4);
  CHECK(procs.data(procs.index(1, ProcessStateModel::State)).toString() == "not-started");
  procs.set_state(doc, doc->replay().final_state());
  chans.set_state(doc, doc->replay().final_state());
  CHECK(procs.data(procs.index(1, ProcessStateModel::State)).toString() == "parked: take fork-1");
  CHECK(procs.data(procs.index(1, ProcessStateModel::Where)).toString() == "philosophers.cpp:42");
  CHECK(chans.data(chans.index(1, ChannelStateModel::Takers)).toString() == "phil-0");
  CHECK(chans.data(chans.index(1, ChannelStateModel::Contents)).toString() == "[] 0/1");
  procs.set_state(nullptr, {});
  CHECK(procs.rowCount() == 0);
}

TEST_CASE("the findings list passes the model tester", "[models][findings]") {
  FindingsModel model;
  QAbstractItemModelTester tester(&model, kFatal);
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  model.set_document(doc);
  REQUIRE(model.rowCount() == int(doc->findings().size()));
  CHECK(model.data(model.index(0)).toString().contains("global-deadlock"));
  CHECK(model.data(model.index(0), FindingsModel::ExplanationRole).toString().contains("phil-0"));
  CHECK(FindingsModel::finding_html(*doc, 0).contains("philosophers.cpp:42"));
  model.set_document(fixture("hotdog.jsonl"));
  CHECK(model.rowCount() == 0);
}

// The event list: one row per event (or per search match, when only matches are shown),
// columns number (as csptrace prints it), time, kind, process, channel, details, source. Rows
// are computed on demand from the columnar model, so millions of events cost nothing, and
// showing only matches costs the search result's index vector (the search itself runs off the
// GUI thread, see SearchJob).
#pragma once

#include "event_search.hpp"
#include "tone_colours.hpp"
#include "trace_document.hpp"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <vector>

namespace cspview {

class EventListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Seq, Time, Kind, Process, Channel, Details, Where, ColumnCount };

  explicit EventListModel(QObject* parent = nullptr);

  void set_document(std::shared_ptr<const TraceDocument> doc);
  // Shows only these events (a search result of the same document); null shows every event.
  void set_rows(std::shared_ptr<const SearchResult> only);
  bool filtered() const { return only_ != nullptr; }
  // Text colours for the dark theme's table (or the light one's).
  void set_dark(bool dark) { colours_ = ToneColours::make(dark); }

  // Event index of a row, and the row of an event (nullopt when filtered out).
  size_t event_at_row(int row) const;
  std::optional<int> row_of_event(size_t event) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  // The details column text of one event: "pocket lint  main → hot-dog-machine  direct".
  static QString details(const TraceDocument& doc, size_t event);

 private:
  std::shared_ptr<const TraceDocument> doc_;
  std::shared_ptr<const SearchResult> only_;  // rows are only_->events when set
  ToneColours colours_ = ToneColours::make(false);
};

}  // namespace cspview

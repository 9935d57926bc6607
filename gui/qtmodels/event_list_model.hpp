// The event list: one row per event (or per event matching the filter), columns seq, time,
// kind, process, channel and details. Rows are computed on demand from the columnar model, so
// millions of events cost only the filter's index vector.
#pragma once

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
  // Case-insensitive text; an event matches when its kind, process, channel or details
  // contain it. Empty shows every event.
  void set_filter(const QString& text);
  QString filter() const { return filter_; }

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
  QString filter_;
  bool filtered_ = false;
  std::vector<uint32_t> rows_;  // matching event indices while filtered_
};

}  // namespace cspview

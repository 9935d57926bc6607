// The findings panel's list: one row per analysis finding, "✖ wait-cycle (proven)" over the
// processes it involves; the explanation is the tooltip and the panel's detail text.
#pragma once

#include "trace_document.hpp"

#include <QAbstractListModel>

#include <memory>

namespace cspview {

class FindingsModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { ExplanationRole = Qt::UserRole + 1, EventRole };
  explicit FindingsModel(QObject* parent = nullptr);

  void set_document(std::shared_ptr<const TraceDocument> doc);
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  // "Error: wait-cycle (proven) at 11.000 µs, event 22" then the explanation, as HTML.
  static QString finding_html(const TraceDocument& doc, size_t f);

 private:
  std::shared_ptr<const TraceDocument> doc_;
};

}  // namespace cspview

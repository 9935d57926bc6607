#include "state_model_base.hpp"

namespace cspview {

void StateModelBase::set_state(std::shared_ptr<const TraceDocument> doc,
                               csptrace::ReplayState state) {
  const bool same_shape = doc_ && doc && doc.get() == doc_.get();
  if (!same_shape) beginResetModel();
  doc_ = std::move(doc);
  state_ = std::move(state);
  if (!same_shape) {
    endResetModel();
  } else if (rowCount() > 0) {
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
  }
}

// Rows exist only once a state is set (an empty state has no processes or channels).
int StateModelBase::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !doc_ ? 0 : rows_for(state_);
}

int StateModelBase::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(headers_.size());
}

QVariant StateModelBase::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= headers_.size())
    return {};
  return headers_[section];
}

}  // namespace cspview

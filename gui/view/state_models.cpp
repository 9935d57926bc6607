#include "state_models.hpp"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace cspview {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

void StateModelBase::set_state(std::shared_ptr<const TraceDocument> doc, csptrace::ReplayState state) {
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

int StateModelBase::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !doc_ ? 0 : rows_for(*doc_, state_);
}

int StateModelBase::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(headers_.size()); }

QVariant StateModelBase::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= headers_.size()) return {};
  return headers_[section];
}

ProcessStateModel::ProcessStateModel(QObject* parent)
    : StateModelBase({QStringLiteral("process"), QStringLiteral("state"), QStringLiteral("waits on"),
                      QStringLiteral("where")}, parent) {}

ChannelStateModel::ChannelStateModel(QObject* parent)
    : StateModelBase({QStringLiteral("channel"), QStringLiteral("buffer"), QStringLiteral("waiting putters"),
                      QStringLiteral("waiting takers")}, parent) {}

// Rows exist only once a state is set (an empty state has no processes or channels).
int ProcessStateModel::rows_for(const TraceDocument&, const csptrace::ReplayState& s) const {
  return int(s.processes.size());
}
int ChannelStateModel::rows_for(const TraceDocument&, const csptrace::ReplayState& s) const {
  return int(s.channels.size());
}
QVariant ProcessStateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto p = uint32_t(index.row());
  const auto& ps = state_.processes[p];
  if (role == Qt::DisplayRole) {
    if (index.column() == Name) return qs(doc_->process_label(p));
    const ProcessStateText t = describe_process(*doc_, state_, p);
    switch (index.column()) {
      case State: return qs(t.state);
      case WaitsOn: return qs(t.waits_on);
      case Where: return qs(t.where);
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole) {
    if (ps.state == csptrace::ProcState::ExitedError) return QBrush(QColor(0xd0, 0x10, 0x10));
    if (ps.state == csptrace::ProcState::NotStarted || csptrace::is_exited(ps.state))
      return QBrush(QColor(0x88, 0x88, 0x90));
  }
  if (role == Qt::FontRole && index.column() == State && ps.state == csptrace::ProcState::Running) {
    QFont f;
    f.setBold(true);
    return f;
  }
  return {};
}

QVariant ChannelStateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto c = uint32_t(index.row());
  if (role == Qt::DisplayRole) {
    if (index.column() == Name) return qs(doc_->channel_label(c));
    const ChannelStateText t = describe_channel(*doc_, state_, c);
    switch (index.column()) {
      case Contents: return qs(t.contents);
      case Putters: return qs(t.putters);
      case Takers: return qs(t.takers);
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole && (!state_.channels[c].made || state_.channels[c].closed))
    return QBrush(QColor(0x88, 0x88, 0x90));
  return {};
}


}  // namespace cspview

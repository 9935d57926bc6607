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

int ProcessStateModel::rows_for(const TraceDocument& doc) const { return int(doc.model().processes().size()); }
int ChannelStateModel::rows_for(const TraceDocument& doc) const { return int(doc.model().channels().size()); }

int ProcessStateModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !doc_ || state_.processes.empty() ? 0 : rows_for(*doc_);
}
int ProcessStateModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

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

QVariant ProcessStateModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name: return QStringLiteral("process");
    case State: return QStringLiteral("state");
    case WaitsOn: return QStringLiteral("waits on");
    case Where: return QStringLiteral("where");
    default: return {};
  }
}

int ChannelStateModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !doc_ || state_.channels.empty() ? 0 : rows_for(*doc_);
}
int ChannelStateModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

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

QVariant ChannelStateModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name: return QStringLiteral("channel");
    case Contents: return QStringLiteral("buffer");
    case Putters: return QStringLiteral("waiting putters");
    case Takers: return QStringLiteral("waiting takers");
    default: return {};
  }
}

}  // namespace cspview

#include "channel_state_model.hpp"

#include "state_text.hpp"

#include <QBrush>

namespace cspview {

ChannelStateModel::ChannelStateModel(QObject* parent)
    : StateModelBase({QStringLiteral("channel"), QStringLiteral("buffer"),
                      QStringLiteral("waiting putters"), QStringLiteral("waiting takers")},
                     parent) {}

QVariant ChannelStateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto c = uint32_t(index.row());
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    if (index.column() == Name) return QString::fromStdString(doc_->channel_label(c));
    const ChannelStateText t = describe_channel(*doc_, state_, c);
    switch (index.column()) {
      case Contents: return QString::fromStdString(t.contents);
      case Putters: return QString::fromStdString(t.putters);
      case Takers: return QString::fromStdString(t.takers);
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole && (!state_.channels[c].made || state_.channels[c].closed))
    return QBrush(colours_.dim);
  return {};
}

}  // namespace cspview

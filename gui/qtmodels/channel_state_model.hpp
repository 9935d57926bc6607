// The "At the cursor" channel table: each channel's buffer contents and its waiting putters and
// takers, in the words of describe_channel.
#pragma once

#include "state_model_base.hpp"

namespace cspview {

class ChannelStateModel : public StateModelBase {
  Q_OBJECT
 public:
  enum Column { Name, Contents, Putters, Takers };
  explicit ChannelStateModel(QObject* parent = nullptr);
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 protected:
  int rows_for(const csptrace::ReplayState& s) const override { return int(s.channels.size()); }
};

}  // namespace cspview

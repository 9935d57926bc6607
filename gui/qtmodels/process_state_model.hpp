// The "At the cursor" process table: each process's state with what it waits on ("parked: take
// fork-1"), and where (file:line; the full path in the tooltip), in the words of
// describe_process. Three columns, so that "where" is on screen in a narrow dock.
#pragma once

#include "state_model_base.hpp"

namespace cspview {

class ProcessStateModel : public StateModelBase {
  Q_OBJECT
 public:
  enum Column { Name, State, Where };
  explicit ProcessStateModel(QObject* parent = nullptr);
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 protected:
  int rows_for(const csptrace::ReplayState& s) const override { return int(s.processes.size()); }
};

}  // namespace cspview

// The "At the cursor" process table: each process's state, what it waits on and where, in the
// words of describe_process.
#pragma once

#include "state_model_base.hpp"

namespace cspview {

class ProcessStateModel : public StateModelBase {
  Q_OBJECT
 public:
  enum Column { Name, State, WaitsOn, Where };
  explicit ProcessStateModel(QObject* parent = nullptr);
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 protected:
  int rows_for(const csptrace::ReplayState& s) const override { return int(s.processes.size()); }
};

}  // namespace cspview

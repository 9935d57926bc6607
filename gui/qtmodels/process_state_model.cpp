#include "process_state_model.hpp"

#include "state_text.hpp"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace cspview {

ProcessStateModel::ProcessStateModel(QObject* parent)
    : StateModelBase({QStringLiteral("process"), QStringLiteral("state"), QStringLiteral("waits on"),
                      QStringLiteral("where")}, parent) {}

QVariant ProcessStateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto p = uint32_t(index.row());
  const auto& ps = state_.processes[p];
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    if (index.column() == Name) return QString::fromStdString(doc_->process_label(p));
    const ProcessStateText t = describe_process(*doc_, state_, p);
    switch (index.column()) {
      case State: return QString::fromStdString(t.state);
      case WaitsOn: return QString::fromStdString(t.waits_on);
      case Where: return QString::fromStdString(t.where);
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

}  // namespace cspview

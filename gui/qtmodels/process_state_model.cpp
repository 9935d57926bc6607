#include "process_state_model.hpp"

#include "state_text.hpp"

#include <QBrush>
#include <QFont>

namespace cspview {

ProcessStateModel::ProcessStateModel(QObject* parent)
    : StateModelBase({QStringLiteral("process"), QStringLiteral("state"), QStringLiteral("where")},
                     parent) {}

QVariant ProcessStateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto p = uint32_t(index.row());
  const auto& ps = state_.processes[p];
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    if (index.column() == Name) return QString::fromStdString(doc_->process_label(p));
    const ProcessStateText t = describe_process(*doc_, state_, p);
    switch (index.column()) {
      case State:
        return QString::fromStdString(t.waits_on.empty() ? t.state : t.state + ": " + t.waits_on);
      case Where: {
        // The file name and line; the folders only in the tooltip.
        const QString where = QString::fromStdString(t.where);
        return role == Qt::ToolTipRole ? where : where.section(QLatin1Char('/'), -1);
      }
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole) {
    if (ps.state == csptrace::ProcState::ExitedError) return QBrush(colours_.problem);
    if (ps.state == csptrace::ProcState::NotStarted || csptrace::is_exited(ps.state))
      return QBrush(colours_.dim);
  }
  if (role == Qt::FontRole && index.column() == State && ps.state == csptrace::ProcState::Running) {
    QFont f;
    f.setBold(true);
    return f;
  }
  return {};
}

}  // namespace cspview

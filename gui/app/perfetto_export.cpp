#include "perfetto_export.hpp"

#include <csptrace/chrome_export.hpp>

#include <stdexcept>

namespace cspview {

bool export_perfetto(const csptrace::TraceModel& model, const QString& path, QString* error) {
  try {
    csptrace::write_chrome_trace(model, path.toStdString());
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

}  // namespace cspview

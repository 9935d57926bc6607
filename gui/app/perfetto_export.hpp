// Writes the open trace as Chrome Trace Event JSON, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open: the same export as `csptrace export --format chrome`.
#pragma once

#include <csptrace/trace_model.hpp>

#include <QString>

namespace cspview {

// False with *error naming the file when it cannot be written.
bool export_perfetto(const csptrace::TraceModel& model, const QString& path, QString* error);

}  // namespace cspview

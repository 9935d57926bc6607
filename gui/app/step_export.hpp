// `cspview TRACE --export-steps DIR [--from N] [--to M] [--view NAME]`: the view shown, one PNG
// per step, for slides. File names carry the event number, zero-padded so they sort in order
// (step-0007.png); each image is what the view draws with the cursor after that event.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace cspview {

class MainWindow;

// More steps than this need an explicit --from / --to: nobody wants 100 000 slides by accident.
inline constexpr uint64_t kMaxExportSteps = 2000;

// Writes the steps from event number `from` (default: the first) to `to` (default: the last)
// into `dir` (made if missing). False with *error naming the folder or the range; *written is
// the number of files written either way.
bool export_steps(MainWindow& window, const QString& dir, std::optional<uint64_t> from,
                  std::optional<uint64_t> to, QString* error, int* written);

}  // namespace cspview

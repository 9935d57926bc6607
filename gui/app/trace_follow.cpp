// TraceLoadJob's follow: on the load's thread, csptrace::load_trace follows the file
// (LoadOptions::follow), a LiveTrace is fed from on_event, and a live document goes into the
// job's one-document mailbox every refresh interval while events come and whenever the writer
// pauses. When the load returns (the trace's end, or the writer gone) the whole trace is opened
// as start() opens one: the same document, the same analysis.
#include "trace_load_job.hpp"

#include "live_trace.hpp"

#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <chrono>
#include <optional>

namespace cspview {

namespace {

using Clock = std::chrono::steady_clock;

// How often a live document is made while events keep coming. The recorder writes a chunk
// at least every 20 ms and the reader looks for one every 20 ms, so a new event reaches the
// mailbox within about 100 ms. A refresh that took long (a trace whose events bring new
// strings, which a snapshot copies) spaces the next ones out: at most a third of the
// follower's time goes to them.
constexpr Clock::duration kRefresh = std::chrono::milliseconds(50);

}  // namespace

void TraceLoadJob::follow(const std::string& file, const QString& path, Load& load,
                          const Post& post) {
  std::optional<LiveTrace> live(std::in_place);
  const csptrace::TraceModel* so_far = nullptr;  // the loader's model, while load_trace runs
  Clock::time_point next = Clock::now();
  bool written = true;  // some process had the file open for writing when it was opened
  auto refresh = [&](bool caught_up) {
    if (!written || !so_far || so_far->size() == live->events()) return;
    const auto start = Clock::now();
    auto doc = live->snapshot(*so_far);
    bool was_empty = false;
    {
      std::lock_guard<std::mutex> lock(live_lock_);
      was_empty = !live_.doc;
      live_ = {std::move(doc), caught_up};
    }
    if (was_empty) post([path](TraceLoadJob* j) { emit j->live_ready(path); });
    const auto now = Clock::now();
    next = now + std::max(kRefresh, 2 * (now - start));
  };
  csptrace::LoadOptions opts;
  opts.cancel = &load.cancel;
  opts.follow = true;
  opts.notice = [&](const std::string& text) {
    // The reader's words for a file nobody writes (input_file_follow.cpp): it is read as it
    // is, like a normal open, and the window says so.
    if (text.find("is not being written") != std::string::npos) written = false;
    post([t = QString::fromStdString(text), path](TraceLoadJob* j) { emit j->notice(t, path); });
  };
  opts.on_event = [&](const csptrace::TraceModel& m, size_t event) {
    so_far = &m;
    if ((event & 255) == 0 && Clock::now() >= next) refresh(false);
  };
  opts.on_idle = [&] { refresh(true); };
  guarded(path, post, [&] {
    csptrace::TraceModel model = csptrace::load_trace(file, opts);
    so_far = nullptr;
    live.reset();  // its lanes: the whole trace's are built again, as a normal open builds them
    finish(std::make_shared<const TraceDocument>(std::move(model)), path, load, post);
  });
}

}  // namespace cspview

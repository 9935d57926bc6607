// A Recorder that writes JSON Lines. Simple and readable rather than fast: one mutex around
// stamping and formatting.
#pragma once

#include <csptrace/recorder.hpp>
#include <csptrace/string_table.hpp>

#include <chrono>
#include <cstdio>
#include <mutex>

namespace csptrace {

class JsonlRecorder final : public Recorder {
 public:
  // Throws std::runtime_error naming the path when it cannot be created.
  JsonlRecorder(const std::string& path, const TraceHeader& header);
  ~JsonlRecorder() override;

  StrId intern(std::string_view s) override;
  void record(Event& e) override;
  void flush() override;
  void finish(EndReason reason, std::string_view message) override;

 private:
  void write_locked(Event& e);

  std::mutex mu_;
  // Guarded by mu_:
  FILE* out_ = nullptr;
  StringTable strings_;
  uint64_t next_seq_ = 1;
  bool finished_ = false;
  // Immutable after construction:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace csptrace

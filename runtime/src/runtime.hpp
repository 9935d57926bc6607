// The state of one csp::run: recorder, scheduler, process registry, deadlock accounting.
//
// Deadlock accounting: `active_` counts what can still make progress: go processes that are
// running or runnable, threads (and main) outside a blocking channel operation, and armed
// timers. Whoever makes something active does so while itself active (a waker, a spawner, a
// timer), so the count reaches zero only when nothing can ever run again: a global deadlock.
//
// Pool workers keep their decrements in a counter of their own (`tl_activity`, always <= 0)
// and publish it when they run out of work; an increment on a worker first cancels a pending
// decrement there. So `active_` never counts less than the truth (it cannot reach zero early),
// and a rendezvous between processes of one worker (a park and a wake) touches no shared
// counter: before, every park and every wake was an atomic on one cache line that both
// workers wrote.
#pragma once

#include "scheduler.hpp"

#include <csp/detail/capture_log.hpp>
#include <csp/detail/process.hpp>
#include <csp/run.hpp>

#include <csptrace/binary_recorder.hpp>
#include <csptrace/recorder.hpp>

#include <atomic>
#include <csp/source_location.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace csp::detail {

// "64M" -> 64 MiB (K, M, G, KiB..., or plain bytes; options.cpp). Throws std::invalid_argument
// naming `what` when the text is not a size, or one below `at_least`.
uint64_t parse_byte_size(std::string_view what, std::string_view text, uint64_t at_least);
// The smallest flight recorder: below it a busy run would be cut every few milliseconds.
inline constexpr uint64_t kMinRingBytes = 64 << 10;

class DumpService;

class Runtime {
 public:
  explicit Runtime(const Options& opt);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Null when tracing is off: every event site tests it (the one branch tracing costs).
  csptrace::Recorder* const rec;
  // rec when it is the binary recorder (a .csptrace file), else null: the frequent events go
  // through its typed, inline path (record_as below).
  csptrace::BinaryRecorder* const bin;

  // rec->record(e) / rec->record_pair(a, b) for events whose kinds are known here: through
  // the binary recorder's typed path when that is the recorder. Call only when rec != nullptr.
  template <csptrace::EventKind K>
  void record_as(csptrace::Event& e) {
    if (bin) [[likely]]
      bin->record_as<K>(e);
    else
      rec->record(e);
  }
  template <csptrace::EventKind K1, csptrace::EventKind K2>
  void record_pair_as(csptrace::Event& first, csptrace::Event& second) {
    if (bin) [[likely]]
      bin->record_pair_as<K1, K2>(first, second);
    else
      rec->record_pair(first, second);
  }
  // record_as for a park or a block, whichever e was made as.
  void record_park_or_block(csptrace::Event& e) {
    if (e.kind == csptrace::EventKind::Park)
      record_as<csptrace::EventKind::Park>(e);
    else
      record_as<csptrace::EventKind::Block>(e);
  }

  csptrace::ProcId next_proc_id() noexcept {
    return next_proc_.fetch_add(1, std::memory_order_relaxed);
  }
  csptrace::ChanId next_chan_id() noexcept {
    return next_chan_.fetch_add(1, std::memory_order_relaxed);
  }
  std::size_t max_pending() const noexcept { return max_pending_; }
  bool deterministic() const noexcept { return deterministic_; }
  Scheduler& scheduler() noexcept { return *sched_; }
  bool stopping() const noexcept { return stopping_.load(std::memory_order_acquire); }
  bool deadlocked() const noexcept { return deadlocked_.load(std::memory_order_acquire); }

  // ---- tracing helpers (call only when rec != nullptr) ---------------------------------------
  csptrace::StrId loc_id(csp::SourceLocation loc);
  csptrace::Value value_of(const Preview& p);

  // ---- processes --------------------------------------------------------------------------
  void register_process(Process& p);  // records spawn (partner: the calling process)
  // Records `exit` (when given) and unregisters p.
  void unregister_process(Process& p, csptrace::Event* exit = nullptr);
  // Records that p holds a handle to each channel its callable captured (traced runs).
  void record_handles(const Process& p, const CaptureLog& captured);
  // Records resume / unblock of p (partner may be null: a timer) and makes it runnable.
  // Called by the partner under `chan`'s lock. Inline: it is on every rendezvous. `cause`, if
  // any, is the event that woke p: it is recorded with the resume, at one instant.
  void wake(Process& p, const ChannelCore& chan, Process* partner,
            csptrace::Event* cause = nullptr) {
    if (rec) record_wake(p, chan, partner, cause);
    activity_up();
    if (p.mode == csptrace::ProcMode::Go) {
      sched_->schedule(p);
    } else {
      sched_->unblock(p);
    }
  }
  // p committed to wait (its waiter is queued): one less active. Under the channel lock(s).
  void note_waiting() { activity_down(); }
  void activity_up() noexcept {
    if (int64_t* pending = tl_activity; pending != nullptr && *pending < 0) {
      ++*pending;
      return;
    }
    active_.fetch_add(1, std::memory_order_acq_rel);
  }
  void activity_down() {
    if (int64_t* pending = tl_activity) {
      --*pending;
      return;
    }
    add_activity(-1);
  }
  // A pool worker out of work: adds its pending decrements (and zeroes them).
  void publish_activity(int64_t& pending) {
    const int64_t change = pending;
    pending = 0;
    if (change != 0) add_activity(change);
  }
  // The calling pool worker's pending decrements (null on other threads): see the top.
  static inline thread_local int64_t* tl_activity __attribute__((tls_model("initial-exec"))) =
      nullptr;
  void add_error(const std::string& process, const std::string& message);
  // A process ended with an error, its exit recorded: a flight recorder writes its window.
  void note_failed_exit();

  // Nothing can run again: records deadlock and stuck events, ends the trace and releases
  // every blocked thread with Signal::Deadlock. Idempotent.
  void on_quiescent();
  // The run cannot go on (a replay that diverged from its trace): records the end with `why`,
  // makes the result an error and releases every blocked thread as on_quiescent does.
  void halt(csptrace::EndReason reason, const std::string& why);
  // main is done: no deadlock can be declared any more; operations of threads throw Shutdown.
  void begin_stop() noexcept { stopping_.store(true, std::memory_order_release); }
  // main is done: stop everything, release threads, free what is left, end the trace.
  void shutdown();
  // csp::thread bookkeeping (the OS threads are joined by shutdown()).
  void adopt_thread(std::unique_ptr<Process> p, std::thread t);

  // A copy of (name, loc, role) that lives as long as the program (one per distinct triple,
  // across runs).
  static const ProcSite& keep_site(std::string name, csp::SourceLocation loc,
                                   csptrace::ProcRole role);

  // ---- dumps (dump_service.cpp, state_cut.cpp, flight_window.cpp) -------------------------
  // The run can be dumped (Options::dump_on_signal, CSP_DUMP, or a flight recorder, which
  // starts each window from a dump): channels are registered (ChannelRegistry) and processes'
  // parents and handles kept. Constant for the run.
  //
  // A cut must see a process's spawn, handles and exit, and a channel's chan_make, on the same
  // side of its mark as the process's or channel's registration, or a window that starts at the
  // mark would spawn it twice or miss it: these events are recorded under the lock that
  // registers (reg_mu_ always; ChannelRegistry::mu() when dumps()).
  bool dumps() const noexcept { return dumps_; }
  // Null unless dumps() (and after shutdown began).
  DumpService* dump_service() noexcept { return dump_.get(); }
  // What a trace of this run says about it (a dump's header starts from it).
  const csptrace::TraceHeader& header() const noexcept { return header_; }

  RunResult& result() noexcept { return result_; }
  // Empty while the trace (if any) is complete; otherwise why it could not be created or
  // written, already reported on stderr once.
  std::string trace_failure() const;
  const std::string& program() const noexcept { return program_; }
  const std::string& trace_path() const noexcept { return trace_path_; }
  uint64_t generation() const noexcept { return generation_; }

 private:
  void add_activity(int64_t change);
  void record_wake(Process& p, const ChannelCore& chan, Process* partner, csptrace::Event* cause);

  friend class StateCut;  // reads the registry under reg_mu_

  std::unique_ptr<csptrace::Recorder> own_rec_;
  csptrace::TraceHeader header_;
  std::string trace_path_;    // "" when untraced
  std::string open_failure_;  // why own_rec_ could not be created, or ""
  std::unique_ptr<Scheduler> sched_;
  std::string program_;
  std::size_t max_pending_;
  bool deterministic_;
  uint64_t generation_;
  std::atomic<csptrace::ProcId> next_proc_{1};
  std::atomic<csptrace::ChanId> next_chan_{1};
  std::atomic<int64_t> active_{1};  // main
  std::atomic<bool> stopping_{false};
  std::atomic<bool> deadlocked_{false};

  std::mutex reg_mu_;
  // Guarded by reg_mu_: live processes in spawn order, the threads to join, the result's lists.
  Process* reg_head_ = nullptr;
  Process* reg_tail_ = nullptr;
  std::vector<std::pair<std::unique_ptr<Process>, std::thread>> threads_;
  RunResult result_;
  // Guarded by reg_mu_, filled only when dumps_: what a registered process's record does not
  // keep (Process stays 64 bytes): the process that spawned it and the channels it captured.
  struct Kept {
    csptrace::ProcId parent = 0;
    std::vector<csptrace::ChanId> handles;
  };
  std::unordered_map<const Process*, Kept> kept_;

  bool dumps_ = false;
  std::unique_ptr<DumpService> dump_;  // declared last: stopped first (~Runtime, shutdown)
};

// The run in progress (null outside csp::run). Written only by run_main.
extern std::atomic<Runtime*> g_runtime;

// The run a process belongs to: the one in progress, since a process exists only inside it
// (processes keep no pointer to their run, to stay small).
inline Runtime& the_runtime() noexcept { return *g_runtime.load(std::memory_order_acquire); }

// Builds a thread or main process.
std::unique_ptr<Process> make_thread_process(Runtime& rt, std::string name, csptrace::ProcMode mode,
                                             csp::SourceLocation loc,
                                             csptrace::ProcRole role = csptrace::ProcRole::User);

// "samples/hotdog/main.cpp:38" for a trace's loc field and error messages ("" without a line).
std::string format_loc(csp::SourceLocation loc);

}  // namespace csp::detail

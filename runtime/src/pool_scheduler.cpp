#include "pool_scheduler.hpp"

#include "runtime.hpp"

#include <algorithm>

namespace csp::detail {

namespace {
// The worker the calling thread is (null on other threads), and of which pool.
thread_local const void* tl_pool __attribute__((tls_model("initial-exec"))) = nullptr;
thread_local void* tl_worker __attribute__((tls_model("initial-exec"))) = nullptr;

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}
}  // namespace

void PoolScheduler::RunQueue::push(Process* p) {
  p->run_link = nullptr;
  std::lock_guard lk(mu);
  if (tail)
    tail->run_link = p;
  else
    head = p;
  tail = p;
  size.fetch_add(1, std::memory_order_release);
}

Process* PoolScheduler::RunQueue::pop() {
  if (size.load(std::memory_order_acquire) == 0) return nullptr;
  std::lock_guard lk(mu);
  Process* p = head;
  if (!p) return nullptr;
  head = p->run_link;
  if (!head) tail = nullptr;
  size.fetch_sub(1, std::memory_order_relaxed);
  return p;
}

PoolScheduler::PoolScheduler(Runtime& rt, unsigned workers, uint64_t seed)
    : rt_(rt), seed_(seed), timers_(rt) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < workers; ++i) workers_.push_back(std::make_unique<Worker>());
  for (unsigned i = 0; i < workers; ++i)
    workers_[i]->thread = std::thread([this, i] { worker_loop(i); });
}

PoolScheduler::~PoolScheduler() { stop(); }

void PoolScheduler::notify_sleeper() {
  epoch_.fetch_add(1, std::memory_order_seq_cst);
  // One wake-up in flight is enough: the woken worker looks for work before it sleeps again, and
  // the epoch check stops it from sleeping through work pushed meanwhile.
  if (sleepers_.load(std::memory_order_seq_cst) > 0 && !waking_.load(std::memory_order_relaxed) &&
      !waking_.exchange(true, std::memory_order_acq_rel)) {
    std::lock_guard lk(idle_mu_);
    idle_cv_.notify_one();
  }
}

void PoolScheduler::spawn(Process& p) {
  if (p.mode != csptrace::ProcMode::Go) return;  // threads run on their own
  if (tl_pool == this) {
    static_cast<Worker*>(tl_worker)->local.push(&p);
  } else {
    global_.push(&p);
  }
  notify_sleeper();
}

void PoolScheduler::schedule(Process& p) {
  if (tl_pool == this) {
    auto* w = static_cast<Worker*>(tl_worker);
    Process* displaced = w->run_next;
    w->run_next = &p;
    if (displaced == nullptr) return;  // runs here as soon as the waker parks
    // No wake-up for it: the waker's worker runs it soon, and moving it to another worker
    // would split a communicating group across cores (every hand-off a cache miss). A
    // sleeping worker still finds it within kIdleRecheck.
    w->local.push(displaced);
    return;
  }
  global_.push(&p);
  notify_sleeper();
}

// Behind this worker's queue (and its run-next process, which the yielder hands the worker to):
// Go's Gosched puts the goroutine on the global queue; here the local one, so that a yield does
// not move the process to another core. No wake-up: this worker runs it when its turn comes, and
// an idle one may steal it.
void PoolScheduler::yield(Process& p) {
  auto* w = static_cast<Worker*>(tl_worker);
  if (w == nullptr) {  // not on a worker: cannot happen for a go process; stay safe
    global_.push(&p);
    notify_sleeper();
    return;
  }
  w->local.push(&p);
}

void PoolScheduler::unblock(Process& p) {
  p.signal.store(static_cast<uint32_t>(Signal::Run), std::memory_order_release);
  p.signal.notify_one();
}

Signal PoolScheduler::block(Process& self) {
  uint32_t s = 0;
  for (int i = 0; i < 256; ++i) {  // a partner often answers within microseconds
    s = self.signal.load(std::memory_order_acquire);
    if (s != 0) break;
    cpu_relax();
  }
  while ((s = self.signal.load(std::memory_order_acquire)) == 0)
    self.signal.wait(0, std::memory_order_acquire);
  self.signal.store(0, std::memory_order_relaxed);
  return static_cast<Signal>(s);
}

uint64_t PoolScheduler::random() {
  thread_local SplitMix64 rng{0};
  thread_local bool seeded = false;
  if (!seeded) {
    rng.state = seed_ ^ (reinterpret_cast<uintptr_t>(&rng) * 0x9e3779b97f4a7c15ULL);
    seeded = true;
  }
  return rng.next();
}

namespace {
inline void count_switch(std::atomic<uint32_t>& switches) noexcept {
  switches.store(switches.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}
}  // namespace

void PoolScheduler::run(Process* p) {
  count_switch(static_cast<Worker*>(tl_worker)->switches);
  tl_current = p;
  p->resume_point.resume();  // until it parks or ends; p may be gone afterwards
  tl_current = nullptr;
}

std::coroutine_handle<> next_after_park() noexcept {
  auto* w = static_cast<PoolScheduler::Worker*>(tl_worker);
  if (w == nullptr || w->run_next == nullptr) return std::noop_coroutine();
  auto* pool = static_cast<const PoolScheduler*>(tl_pool);
  if (pool->stop_.load(std::memory_order_relaxed) || ++w->streak > PoolScheduler::kMaxStreak) {
    return std::noop_coroutine();  // back to the loop, which checks both
  }
  Process* p = w->run_next;
  w->run_next = nullptr;
  count_switch(w->switches);
  tl_current = p;
  return p->resume_point;
}

Process* PoolScheduler::find_work(Worker& self, unsigned index) {
  if (Process* p = self.run_next) {
    self.run_next = nullptr;
    if (self.streak <= kMaxStreak) return p;
    self.local.push(p);  // its turn is over: let the queue run first
  }
  self.streak = 0;
  if (Process* p = self.local.pop()) return p;
  // Work taken from a shared or another worker's queue: if more is left there, pass the wake-up
  // on (only one is in flight at a time, see notify_sleeper).
  if (Process* p = global_.pop()) {
    if (global_.size.load(std::memory_order_relaxed) > 0) notify_sleeper();
    return p;
  }
  const std::size_t n = workers_.size();
  for (std::size_t k = 1; k < n; ++k) {  // steal the oldest from a busy neighbour
    RunQueue& q = workers_[(index + k) % n]->local;
    if (Process* p = q.pop()) {
      if (q.size.load(std::memory_order_relaxed) > 0) notify_sleeper();
      return p;
    }
  }
  return nullptr;
}

Process* PoolScheduler::steal_from_stuck(Worker& self, unsigned index) {
  const std::size_t n = workers_.size();
  Process* found = nullptr;
  for (std::size_t k = 1; k < n; ++k) {
    const std::size_t v = (index + k) % n;
    const uint32_t now = workers_[v]->switches.load(std::memory_order_relaxed);
    if (!found && now == self.seen_switches[v]) found = workers_[v]->local.pop();
    self.seen_switches[v] = now;
  }
  return found;
}

void PoolScheduler::worker_loop(unsigned index) {
  Worker& self = *workers_[index];
  self.seen_switches.assign(workers_.size(), 0);
  tl_pool = this;
  tl_worker = &self;
  Runtime::tl_activity = &self.pending_activity;
  while (!stop_.load(std::memory_order_acquire)) {
    if (Process* p = find_work(self, index)) {
      run(p);
      continue;
    }
    rt_.publish_activity(self.pending_activity);  // may find the run deadlocked
    Process* p = nullptr;
    for (int i = 0; i < 64 && !p; ++i) {
      for (int j = 0; j < 16; ++j) cpu_relax();
      p = find_work(self, index);
    }
    if (p) {
      run(p);
      continue;
    }
    const uint64_t seen = epoch_.load(std::memory_order_seq_cst);
    if ((p = find_work(self, index))) {
      run(p);
      continue;
    }
    std::unique_lock lk(idle_mu_);
    waking_.store(false, std::memory_order_relaxed);  // a wake-up that found no sleeper is spent
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    auto woken = [&] {
      return epoch_.load(std::memory_order_seq_cst) != seen ||
             stop_.load(std::memory_order_acquire);
    };
    // Another worker may queue processes without waking anyone (see schedule): look again
    // after kIdleRecheck, backing off to kIdleRecheckMax while there is nothing to steal.
    for (auto recheck = kIdleRecheck; !woken(); recheck = std::min(recheck * 2, kIdleRecheckMax)) {
      if (idle_cv_.wait_for(lk, recheck, woken)) break;
      lk.unlock();
      p = steal_from_stuck(self, index);
      lk.lock();
      if (p) break;
    }
    sleepers_.fetch_sub(1, std::memory_order_seq_cst);
    waking_.store(false, std::memory_order_release);
    lk.unlock();
    if (p) run(p);
  }
  rt_.publish_activity(self.pending_activity);
  Runtime::tl_activity = nullptr;
  tl_pool = nullptr;
  tl_worker = nullptr;
}

void PoolScheduler::stop() {
  if (stop_.exchange(true)) return;
  {
    std::lock_guard lk(idle_mu_);
    idle_cv_.notify_all();
  }
  for (auto& w : workers_)
    if (w->thread.joinable()) w->thread.join();
  timers_.stop();
}

}  // namespace csp::detail

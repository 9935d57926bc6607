#include "pool_scheduler.hpp"

#include "runtime.hpp"

namespace csp::detail {

namespace {
// The worker the calling thread is (null on other threads), and of which pool.
thread_local const void* tl_pool = nullptr;
thread_local void* tl_worker = nullptr;

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}
}  // namespace

void PoolScheduler::RunQueue::push(Process* p) {
  p->run_link = nullptr;
  std::lock_guard lk(mu);
  if (tail) tail->run_link = p; else head = p;
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
  if (sleepers_.load(std::memory_order_seq_cst) > 0) {
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
    w->local.push(displaced);
  } else {
    global_.push(&p);
  }
  notify_sleeper();
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

void PoolScheduler::run(Process* p) {
  tl_current = p;
  p->resume_point.resume();  // until it parks or ends; p may be gone afterwards
  tl_current = nullptr;
}

Process* PoolScheduler::find_work(Worker& self, unsigned index) {
  if (Process* p = self.run_next) {
    self.run_next = nullptr;
    return p;
  }
  if (Process* p = self.local.pop()) return p;
  if (Process* p = global_.pop()) return p;
  const std::size_t n = workers_.size();
  for (std::size_t k = 1; k < n; ++k) {  // steal the oldest from a busy neighbour
    if (Process* p = workers_[(index + k) % n]->local.pop()) return p;
  }
  return nullptr;
}

void PoolScheduler::worker_loop(unsigned index) {
  Worker& self = *workers_[index];
  tl_pool = this;
  tl_worker = &self;
  while (!stop_.load(std::memory_order_acquire)) {
    if (Process* p = find_work(self, index)) {
      run(p);
      continue;
    }
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
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    idle_cv_.wait(lk, [&] {
      return epoch_.load(std::memory_order_seq_cst) != seen || stop_.load(std::memory_order_acquire);
    });
    sleepers_.fetch_sub(1, std::memory_order_seq_cst);
  }
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

#include "file_lease.hpp"

#include <csptrace/file_records.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace csptrace::file_lease {

namespace {

struct Registry {
  std::mutex mutex;
  std::unordered_map<int, std::weak_ptr<FileRecords>> leased;  // guarded by mutex
};
Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: the watcher may outlive main's statics
  return *r;
}

std::atomic<pid_t> g_watcher{0};  // the watcher thread's id once it waits, -1 if it cannot

// The watcher: SIGIO is blocked in this thread alone, and every leased descriptor sends its
// signal to this thread (F_SETOWN_EX), so sigwaitinfo takes it here; no handler is installed,
// and no other thread sees these signals. (A handler is not enough: a ThreadSanitizer build
// delays it until the interrupted thread next calls into the runtime, past the break time.)
void watch() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGIO);
  if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) {
    g_watcher = -1;
    g_watcher.notify_all();
    return;
  }
  g_watcher = ::gettid();
  g_watcher.notify_all();
  while (true) {
    siginfo_t info{};
    if (::sigwaitinfo(&set, &info) < 0) continue;  // EINTR
    if (info.si_code != POLL_MSG) continue;        // POLL_MSG: a lease is being broken
    std::shared_ptr<FileRecords> records;
    {
      Registry& r = registry();
      std::lock_guard lock(r.mutex);
      auto it = r.leased.find(info.si_fd);
      if (it != r.leased.end()) records = it->second.lock();
    }
    if (records) records->take_in();
  }
}

pid_t watcher() {
  static const pid_t tid = [] {
    std::thread(watch).detach();
    g_watcher.wait(0);
    return g_watcher.load();
  }();
  return tid;
}

}  // namespace

bool take(int fd, const std::weak_ptr<FileRecords>& records) {
  const pid_t tid = watcher();
  if (tid <= 0) return false;
  Registry& r = registry();
  {
    std::lock_guard lock(r.mutex);
    r.leased[fd] = records;
  }
  const f_owner_ex owner{F_OWNER_TID, tid};
  if (::fcntl(fd, F_SETOWN_EX, &owner) == 0 && ::fcntl(fd, F_SETSIG, SIGIO) == 0 &&
      ::fcntl(fd, F_SETLEASE, F_RDLCK) == 0)
    return true;
  forget(fd);
  return false;
}

void forget(int fd) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.leased.erase(fd);
}

}  // namespace csptrace::file_lease

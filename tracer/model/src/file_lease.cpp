#include "file_lease.hpp"

#include <csptrace/file_records.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <cerrno>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace csptrace::file_lease {

namespace {

int g_pipe[2] = {-1, -1};  // written by the handler, read by the watcher; set once
struct sigaction g_earlier {};

struct Registry {
  std::mutex mutex;
  std::unordered_map<int, std::weak_ptr<FileRecords>> leased;  // guarded by mutex
};
Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: the watcher may outlive main's statics
  return *r;
}

void on_signal(int sig, siginfo_t* info, void* context) {
  const int saved = errno;
  if (info && info->si_code == POLL_MSG) {  // what the kernel sends for a broken lease
    const int fd = info->si_fd;
    [[maybe_unused]] ssize_t n = ::write(g_pipe[1], &fd, sizeof fd);
  } else if (g_earlier.sa_flags & SA_SIGINFO) {
    if (g_earlier.sa_sigaction) g_earlier.sa_sigaction(sig, info, context);
  } else if (g_earlier.sa_handler != SIG_DFL && g_earlier.sa_handler != SIG_IGN) {
    g_earlier.sa_handler(sig);
  }
  errno = saved;
}

void watch() {
  int fd;
  while (true) {
    const ssize_t n = ::read(g_pipe[0], &fd, sizeof fd);
    if (n < 0 && errno == EINTR) continue;
    if (n != sizeof fd) return;
    std::shared_ptr<FileRecords> records;
    {
      Registry& r = registry();
      std::lock_guard lock(r.mutex);
      auto it = r.leased.find(fd);
      if (it != r.leased.end()) records = it->second.lock();
    }
    if (records) records->take_in();
  }
}

bool start() {
  if (::pipe2(g_pipe, O_CLOEXEC) != 0) return false;
  struct sigaction sa {};
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  if (::sigaction(SIGIO, &sa, &g_earlier) != 0) return false;
  std::thread(watch).detach();
  return true;
}

}  // namespace

bool take(int fd, const std::weak_ptr<FileRecords>& records) {
  static const bool started = start();
  if (!started) return false;
  Registry& r = registry();
  {
    std::lock_guard lock(r.mutex);
    r.leased[fd] = records;
  }
  if (::fcntl(fd, F_SETSIG, SIGIO) == 0 && ::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) return true;
  forget(fd);
  return false;
}

void forget(int fd) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.leased.erase(fd);
}

}  // namespace csptrace::file_lease

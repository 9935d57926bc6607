// How a caller follows and stops a load running in the background.
#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace csptrace {

struct LoadOptions {
  // Called now and then with the fraction of the input read so far (0..1), from the loading
  // thread. May be empty.
  std::function<void(double)> progress;
  // When set and it becomes true, the loader stops and throws LoadCancelled.
  const std::atomic<bool>* cancel = nullptr;
  // Told, from the loading thread, what the user should know while the load waits (a named
  // pipe with no writer yet). May be empty.
  std::function<void(const std::string&)> notice;
};

}  // namespace csptrace

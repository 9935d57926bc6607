// GoKer goker/blocking/kubernetes/38669 (kubernetes PR 38669, the watch cache's cacheWatcher).
//
// The watcher's goroutine first sends its initial events on c.result, which nobody reads in this
// test (and which has no buffer: chanSize 0). Stop() closes c.input, but the goroutine is not
// reading c.input yet: it waits forever on its first send. A goroutine leak at test exit.
// The fix: a done channel, only ever closed, which stop() closes; sendWatchCacheEvent sends in a
// select that also waits for it ("don't block on c.result if c.done is closed").
#include "../realbugs.hpp"

#include <memory>
#include <vector>

namespace {

using Event = int;
using watchCacheEvent = int;

struct cacheWatcher {
  csp::Chan<int> mu;  // the embedded sync.Mutex: one token
  csp::Chan<watchCacheEvent> input;
  csp::Chan<Event> result;
  csp::Chan<csp::Unit> done;      // the fix's done channel: only ever closed
  std::shared_ptr<bool> stopped;  // guarded by mu
  bool fixed = false;
};

csp::Proc<void> sendWatchCacheEvent(cacheWatcher c, watchCacheEvent event) {
  if (c.fixed) {
    co_await csp::alts(csp::put(c.result, Event(event)), csp::take(c.done));
  } else {
    co_await c.result.put(Event(event));
  }
}

csp::Proc<void> stop(cacheWatcher c) {
  co_await c.mu.take();  // c.Lock()
  if (!*c.stopped) {
    *c.stopped = true;
    if (c.fixed) c.done.close();
    c.input.close();
  }
  co_await c.mu.put(1);  // defer c.Unlock()
}

csp::Proc<void> Stop(cacheWatcher c) { co_await stop(c); }

csp::Proc<void> process(cacheWatcher c, std::vector<watchCacheEvent> initEvents) {
  for (watchCacheEvent event : initEvents) co_await sendWatchCacheEvent(c, event);
  for (;;) {
    std::optional<watchCacheEvent> e = co_await c.input.take();
    if (!e) break;
  }
  co_await Stop(c);  // defer c.Stop()
  c.result.close();  // defer close(c.result)
}

cacheWatcher newCacheWatcher(int chanSize, std::vector<watchCacheEvent> initEvents, bool fixed) {
  cacheWatcher w{csp::chan<int>("c.Mutex", csp::fixed(1)),
                 chanSize > 0 ? csp::chan<watchCacheEvent>("c.input", csp::fixed(chanSize))
                              : csp::chan<watchCacheEvent>("c.input"),
                 chanSize > 0 ? csp::chan<Event>("c.result", csp::fixed(chanSize))
                              : csp::chan<Event>("c.result"),
                 csp::chan<csp::Unit>("c.done"),
                 std::make_shared<bool>(false),
                 fixed};
  w.mu.offer(1);
  csp::spawn("G2 process",
             [w, initEvents]() -> csp::Proc<void> { co_await process(w, initEvents); });
  return w;
}

csp::Proc<void> TestKubernetes38669(realbugs::Flags f) {
  std::vector<watchCacheEvent> initEvents{1, 2};
  cacheWatcher w = newCacheWatcher(0, initEvents, f.fixed);
  co_await Stop(w);
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestKubernetes38669); }

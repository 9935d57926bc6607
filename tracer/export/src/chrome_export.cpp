#include <csptrace/chrome_export.hpp>
#include <csptrace/event_format.hpp>

#include <csptrace/json_text.hpp>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace csptrace {

namespace {

constexpr int kProcPid = 1, kChanPid = 2;

double micros(int64_t ns) { return double(ns) / 1000.0; }

// A JSON object written into `out` as its fields come: {"key":value,...}. Keys are the
// exporter's own, plain ASCII.
class Obj {
 public:
  explicit Obj(std::string& out) : out_(out) { out_ += '{'; }
  template <class V>
  Obj& field(const char* key, const V& v) {
    key_(key);
    json_text::append(out_, v);
    return *this;
  }
  // A value that is JSON text already (an object or an array).
  Obj& json(const char* key, std::string_view text) {
    key_(key);
    out_ += text;
    return *this;
  }
  void end() { out_ += '}'; }

 private:
  void key_(const char* k) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
  std::string& out_;
  bool first_ = true;
};

// Every present field of event i as args, with names instead of ids, as JSON text.
std::string event_args(const TraceModel& m, size_t i) {
  const Event e = m.event(i);
  std::string out;
  Obj a(out);
  auto put = [&](const char* key, const auto& v, FieldMask bit) {
    using T = std::decay_t<decltype(v)>;
    if (!(e.present & bit) || bit == f::seq || bit == f::t) return;
    if (bit == f::proc)
      a.field(key, process_label(m, m.proc_index(i)));
    else if (bit == f::partner)
      a.field(key, process_label(m, m.partner_index(i)));
    else if (bit == f::from)
      a.field(key, process_label(m, m.from_index(i)));
    else if (bit == f::to)
      a.field(key, process_label(m, m.to_index(i)));
    else if (bit == f::chan)
      a.field(key, channel_label(m, m.chan_index(i)));
    else if constexpr (std::is_same_v<T, Value>)
      a.field(key, m.value_text(v));
    else if constexpr (std::is_enum_v<T>)
      a.field(key, to_string(v));
    else if constexpr (std::is_same_v<T, StrId>) {
      if (kTextFields & bit)
        a.field(key, m.str(v));
      else
        a.field(key, v);
    } else
      a.field(key, v);
  };
#define CSPTRACE_CHROME_ARG(member, key, type, doc) put(key, e.member, f::member);
  CSPTRACE_FIELDS(CSPTRACE_CHROME_ARG)
#undef CSPTRACE_CHROME_ARG
  a.field("seq", e.seq);
  a.end();
  return out;
}

// args (an object's text) with one more field at its end.
std::string with_field(std::string args, const char* key, std::string_view json) {
  args.pop_back();  // '}'; args always holds "seq"
  args += ",\"";
  args += key;
  args += "\":";
  args += json;
  args += '}';
  return args;
}

}  // namespace

// Writes as ChromeTraceStream says; m_ is the model of the latest add() or finish().
class ChromeTraceStream::Writer {
 public:
  Writer(const TraceModel& names, std::ostream& out) : out_(out) {
    buf_ = "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
    meta(kProcPid, 0, "process_name", "processes");
    meta(kChanPid, 0, "process_name", "channels");
    for (uint32_t p = 0; p < names.processes().size(); ++p)
      meta(kProcPid, p + 1, "thread_name", process_label(names, p));
    for (uint32_t c = 0; c < names.channels().size(); ++c)
      meta(kChanPid, c + 1, "thread_name", channel_label(names, c));
  }

  size_t add(const TraceModel& m, size_t end) {
    m_ = &m;
    if (wait_start_.size() < m.processes().size()) wait_start_.resize(m.processes().size(), kNone);
    for (; next_ < end; ++next_) event(next_);
    // The oldest park or block still open is the first event a later slice reads.
    drop_closed();
    return open_.empty() ? end : open_.front().first;
  }

  void finish(const TraceModel& m, size_t end) {
    add(m, end);
    close_open_slices(end);
    buf_ += "\n]}\n";
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  const TraceModel& m() const { return *m_; }
  void drop_closed() {
    while (!open_.empty() && wait_start_[open_.front().second] != open_.front().first)
      open_.pop_front();
  }

  // Starts the next entry of traceEvents; the caller writes one object.
  std::string& next() {
    if (buf_.size() >= kFlushBytes) {
      out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
      buf_.clear();
    }
    if (!first_) buf_ += ",\n";
    first_ = false;
    return buf_;
  }
  void meta(int pid, uint32_t tid, const char* what, const std::string& name) {
    std::string args;
    Obj(args).field("name", name).end();
    Obj(next())
        .field("ph", "M")
        .field("pid", pid)
        .field("tid", tid)
        .field("name", what)
        .json("args", args)
        .end();
  }
  void instant(int pid, uint32_t track, size_t i, std::string_view name, std::string_view args) {
    Obj(next())
        .field("ph", "i")
        .field("s", "t")
        .field("pid", pid)
        .field("tid", track + 1)
        .field("ts", micros(m().time(i)))
        .field("name", name)
        .json("args", args)
        .end();
  }
  void slice(uint32_t proc, size_t from, int64_t end_ns, const std::string& name,
             std::string_view args) {
    Obj(next())
        .field("ph", "X")
        .field("pid", kProcPid)
        .field("tid", proc + 1)
        .field("ts", micros(m().time(from)))
        .field("dur", micros(end_ns - m().time(from)))
        .field("name", name)
        .json("args", args)
        .end();
  }
  void flow(const char* ph, uint32_t proc, size_t i, double ts) {
    Obj o(next());
    o.field("ph", ph);
    if (ph[0] == 'f') o.field("bp", "e");
    o.field("pid", kProcPid)
        .field("tid", proc + 1)
        .field("ts", ts)
        .field("id", i)
        .field("name", "rendezvous")
        .field("cat", "transfer")
        .end();
  }
  // The guards of p's latest alt as a JSON array.
  std::string guards(uint32_t p) const {
    auto it = alt_guards_.find(p);
    return "[" + (it == alt_guards_.end() ? std::string() : it->second) + "]";
  }

  void event(size_t i) {
    const EventKind k = m().kind(i);
    const uint32_t p = m().proc_index(i), c = m().chan_index(i);
    const std::string_view kname = to_string(k);
    switch (k) {
      case EventKind::Park:
      case EventKind::Block:
        wait_start_[p] = i;
        open_.emplace_back(i, p);
        drop_closed();  // so that open_ stays as short when a whole model comes at once
        return;
      case EventKind::Resume:
      case EventKind::Unblock: end_wait(p, m().time(i), &i); return;
      case EventKind::Exit: {
        end_wait(p, m().time(i), nullptr);
        const auto& info = m().processes()[p];
        slice(p, info.spawn_event, m().time(i), process_label(m(), p), event_args(m(), i));
        return;
      }
      case EventKind::AltOffer: alt_guards_[p].clear(); break;
      case EventKind::AltGuard: {
        std::string& g = alt_guards_[p];
        if (!g.empty()) g += ',';
        g += event_args(m(), i);
        return;
      }
      case EventKind::AltChoice:
        instant(kProcPid, p, i, "alt_choice", with_field(event_args(m(), i), "guards", guards(p)));
        return;
      case EventKind::Transfer: {
        instant(kChanPid, c, i, kname, event_args(m(), i));
        if (m().event(i).via == Via::Direct) {
          const double ts = micros(m().time(i));
          flow("s", m().from_index(i), i, ts);
          flow("f", m().to_index(i), i, ts);
        }
        return;
      }
      case EventKind::BufPut:
      case EventKind::BufTake:
      case EventKind::BufDrop: {
        instant(kChanPid, c, i, kname, event_args(m(), i));
        std::string level;
        Obj(level).field("level", m().event(i).level).end();
        Obj(next())
            .field("ph", "C")
            .field("pid", kChanPid)
            .field("tid", c + 1)
            .field("ts", micros(m().time(i)))
            .field("name", "level " + channel_label(m(), c))
            .json("args", level)
            .end();
        return;
      }
      default: break;
    }
    if (p != kNone)
      instant(kProcPid, p, i, kname, event_args(m(), i));
    else if (c != kNone)
      instant(kChanPid, c, i, kname, event_args(m(), i));
    else
      Obj(next())
          .field("ph", "i")
          .field("s", "g")
          .field("pid", kProcPid)
          .field("tid", 0)
          .field("ts", micros(m().time(i)))
          .field("name", kname)
          .json("args", event_args(m(), i))
          .end();
  }

  void end_wait(uint32_t p, int64_t end_ns, const size_t* resume) {
    size_t start = wait_start_[p];
    if (start == kNone) return;
    wait_start_[p] = kNone;
    std::string args = event_args(m(), start);
    const Event e = m().event(start);
    if (e.op == WaitOp::Alts) args = with_field(std::move(args), "guards", guards(p));
    if (resume) args = with_field(std::move(args), "woken_by", event_args(m(), *resume));
    std::string name = std::string(to_string(m().kind(start))) + " " + std::string(to_string(e.op));
    if (m().chan_index(start) != kNone) name += " " + channel_label(m(), m().chan_index(start));
    slice(p, start, end_ns, name, args);
  }

  // Waits and lives still open when the trace ends run to its last event, end - 1.
  void close_open_slices(size_t end) {
    const int64_t t = end == 0 ? 0 : m().time(end - 1);
    for (uint32_t p = 0; p < m().processes().size(); ++p) {
      const auto& info = m().processes()[p];
      if (info.spawn_event >= end) break;  // spawned after the events written
      end_wait(p, t, nullptr);
      if (info.exit_event == kNone || info.exit_event >= end)
        slice(p, info.spawn_event, t, process_label(m(), p), "{\"alive_at_end\":true}");
    }
  }

  static constexpr size_t kFlushBytes = size_t{1} << 20;
  const TraceModel* m_ = nullptr;  // set by add(), before any event is written
  std::ostream& out_;
  std::string buf_;  // written to out_ a megabyte at a time
  bool first_ = true;
  size_t next_ = 0;                 // the next event to write
  std::vector<size_t> wait_start_;  // per process: event index of its open park / block
  // The parks and blocks in event order, as (event, process); an entry whose process's
  // wait_start_ differs is closed and skipped when it reaches the front.
  std::deque<std::pair<size_t, uint32_t>> open_;
  // The guards of each process's latest alt, as JSON objects joined by commas (only for the
  // processes that offered one: a run may have millions of processes and no alt).
  std::unordered_map<uint32_t, std::string> alt_guards_;
};

ChromeTraceStream::ChromeTraceStream(const TraceModel& names, std::ostream& out)
    : w_(std::make_unique<Writer>(names, out)) {}
ChromeTraceStream::~ChromeTraceStream() = default;
size_t ChromeTraceStream::add(const TraceModel& m, size_t end) { return w_->add(m, end); }
void ChromeTraceStream::finish(const TraceModel& m, size_t end) { w_->finish(m, end); }

void write_chrome_trace(const TraceModel& m, std::ostream& out) {
  ChromeTraceStream s(m, out);
  s.finish(m, m.size());
}

void write_chrome_trace(const TraceModel& m, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  errno = 0;
  write_chrome_trace(m, out);
  out.close();
  if (out.fail())
    throw std::runtime_error("error writing " + path + ": " +
                             (errno != 0 ? std::strerror(errno) : "a write failed"));
}

}  // namespace csptrace

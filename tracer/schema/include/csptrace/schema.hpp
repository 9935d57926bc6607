// The one definition of the cspscope trace schema.
//
// Everything that knows about event kinds and their fields (the recorder, the JSON Lines and
// binary encodings, the reader's validation, the CLI, the viewer and docs/trace-format.md) is
// generated from, or checked against, the X-macro tables in this file. Adding a kind or a field
// means adding one line here; nothing else spells a kind name or a field key.
//
// Invariants the tables encode:
//  - every event has `seq` (strictly increasing in file order) and `t` (ns since trace start);
//  - a kind's required fields must be present, its optional fields may be, any other field is
//    an error (so a typo in a hand-written trace is reported, not ignored);
//  - process and channel references point at an earlier `spawn` / `chan_make` of that id.
#pragma once

#include <csptrace/enum_table.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string_view>

namespace csptrace {

// Bumped on any change that an older reader could misread. Readers refuse newer versions.
inline constexpr uint32_t kFormatVersion = 3;
inline constexpr std::string_view kFormatName = "cspscope-trace";

// ---- enumerations used by fields ---------------------------------------------------------------
// X(Enumerator, "name in the trace", "one-line meaning")

#define CSPTRACE_PROC_MODES(X)                                       \
  X(Main, "main", "the program's main thread")                       \
  X(Go, "go", "a lightweight process (coroutine) started with go()") \
  X(Thread, "thread", "a real OS thread started with thread()")

#define CSPTRACE_BUFFER_KINDS(X)                                                          \
  X(Unbuffered, "unbuffered", "rendezvous: a put completes only when a taker takes")      \
  X(Fixed, "fixed", "holds up to cap values; puts park when full")                        \
  X(Dropping, "dropping", "holds up to cap values; a put when full drops the new value")  \
  X(Sliding, "sliding", "holds up to cap values; a put when full drops the oldest value") \
  X(Promise, "promise", "keeps the first value forever; every take gets it")              \
  X(Timer, "timer", "a timeout channel: closes when its duration has passed")

#define CSPTRACE_WAIT_OPS(X)                 \
  X(Put, "put", "waiting to put a value")    \
  X(Take, "take", "waiting to take a value") \
  X(Alts, "alts", "waiting on several guards at once")

#define CSPTRACE_VIAS(X)                                      \
  X(Direct, "direct", "handed straight from putter to taker") \
  X(Buffer, "buffer", "taken from the channel's buffer")

#define CSPTRACE_ALT_RULES(X)                                                         \
  X(Random, "random", "several guards were ready; one was picked at random (seeded)") \
  X(Priority, "priority", "several guards were ready; the first listed won")          \
  X(Only, "only", "exactly one guard was ready")                                      \
  X(Default, "default", "no guard was ready, so the default was taken")               \
  X(Waited, "waited", "no guard was ready; the alt parked and this one completed first")

#define CSPTRACE_PROC_ROLES(X)                                                                    \
  X(User, "user", "a process of the program (the default: a spawn without the field)")            \
  X(Daemon, "daemon", "declared to outlive main: its waits when the program ends are no finding") \
  X(Internal, "internal",                                                                         \
    "the runtime's own, e.g. the thread that joins a go main; never named in a finding")

#define CSPTRACE_EXIT_STATUSES(X)  \
  X(Ok, "ok", "returned normally") \
  X(Error, "error", "an exception escaped; message holds its text")

#define CSPTRACE_END_REASONS(X)                                                                 \
  X(Normal, "normal", "the program finished")                                                   \
  X(Deadlock, "deadlock", "the runtime detected that nothing could ever run again")             \
  X(Crash, "crash", "a fatal signal or std::terminate ended the program")                       \
  X(Truncated, "truncated", "the recording was cut short (set by readers)")                     \
  X(Diverged, "diverged", "a replay stopped: the program no longer made the trace's decisions") \
  X(Snapshot, "snapshot", "a dump of a program's state while it still ran (header field snapshot)")

#define CSPTRACE_DECISIONS(X)                                                                  \
  X(Run, "run", "which runnable process runs next, or whether a due timer fires first")        \
  X(Guard, "guard", "which guard an alt tries first (ready guards, or the order it parks in)") \
  X(Timer, "timer", "which of several timers due at one instant fires first")

CSPTRACE_ENUM(ProcMode, CSPTRACE_PROC_MODES)
CSPTRACE_ENUM(BufferKind, CSPTRACE_BUFFER_KINDS)
CSPTRACE_ENUM(WaitOp, CSPTRACE_WAIT_OPS)
CSPTRACE_ENUM(Via, CSPTRACE_VIAS)
CSPTRACE_ENUM(AltRule, CSPTRACE_ALT_RULES)
CSPTRACE_ENUM(ProcRole, CSPTRACE_PROC_ROLES)
CSPTRACE_ENUM(ExitStatus, CSPTRACE_EXIT_STATUSES)
CSPTRACE_ENUM(EndReason, CSPTRACE_END_REASONS)
CSPTRACE_ENUM(Decision, CSPTRACE_DECISIONS)

// ---- fields ------------------------------------------------------------------------------------
// X(Member, "key", Type, "meaning"). Type is the C++ type of Event::Member; references to
// processes and channels are ProcId / ChanId, strings are interned (StrId), values are Value.

using ProcId = uint32_t;  // 0 means "no process"
using ChanId = uint32_t;  // 0 means "no channel"
using StrId = uint32_t;   // index into the trace's string table; 0 is the empty string

struct Value;  // event.hpp

#define CSPTRACE_FIELDS(X)                                                                         \
  X(seq, "seq", uint64_t, "global sequence number: total order of events, respects causality")     \
  X(t, "t", int64_t, "time in nanoseconds since the trace started (monotonic clock)")              \
  X(thread, "thread", uint32_t, "OS thread / worker index that recorded the event")                \
  X(proc, "proc", ProcId, "the process the event is about")                                        \
  X(chan, "chan", ChanId, "the channel the event is about")                                        \
  X(partner, "partner", ProcId,                                                                    \
    "the other process: parent on spawn, waker on resume, owner of a result channel on chan_make") \
  X(from, "from", ProcId, "transfer: the process that put the value")                              \
  X(to, "to", ProcId, "transfer: the process that took the value")                                 \
  X(name, "name", StrId, "name of a process or channel (shown in the viewer)")                     \
  X(mode, "mode", ProcMode, "how a process runs")                                                  \
  X(buffer, "buffer", BufferKind, "buffer policy of a channel")                                    \
  X(cap, "cap", uint32_t, "buffer capacity (0 for unbuffered)")                                    \
  X(op, "op", WaitOp, "what a process waits for")                                                  \
  X(value, "value", Value, "preview of the value moved: a number or a bounded text")               \
  X(level, "level", uint32_t, "number of values in the buffer after the event")                    \
  X(via, "via", Via, "how a transfer happened")                                                    \
  X(alt, "alt", uint32_t, "alt number, unique within its process")                                 \
  X(index, "index", int32_t, "guard index within an alt (-1: the default)")                        \
  X(ready, "ready", bool, "whether the guard was ready when the alt was offered")                  \
  X(rule, "rule", AltRule, "why the alt chose what it chose")                                      \
  X(duration, "duration", int64_t, "timer duration in nanoseconds")                                \
  X(status, "status", ExitStatus, "how a process ended")                                           \
  X(message, "message", StrId, "human-readable detail (error text, deadlock summary)")             \
  X(label, "label", StrId, "a user mark's text")                                                   \
  X(reason, "reason", EndReason, "why the trace ended")                                            \
  X(loc, "loc", StrId, "source location, \"file:line\"")                                           \
  X(role, "role", ProcRole,                                                                        \
    "how the analysis treats a process: user (when absent), daemon or internal")                   \
  X(decision, "decision", Decision, "what a scheduler decision chose between")                     \
  X(options, "options", uint32_t, "how many choices a scheduler decision had")

enum class Field : uint8_t {
#define CSPTRACE_FIELD_ENUMERATOR(member, key, type, doc) member,
  CSPTRACE_FIELDS(CSPTRACE_FIELD_ENUMERATOR)
#undef CSPTRACE_FIELD_ENUMERATOR
      count_
};
inline constexpr int kFieldCount = static_cast<int>(Field::count_);

using FieldMask = uint32_t;
static_assert(kFieldCount <= 32, "FieldMask must hold every field");

namespace f {  // one mask bit per field, for the kind table below
#define CSPTRACE_FIELD_BIT(member, key, type, doc) \
  inline constexpr FieldMask member = FieldMask{1} << static_cast<int>(Field::member);
CSPTRACE_FIELDS(CSPTRACE_FIELD_BIT)
#undef CSPTRACE_FIELD_BIT
inline constexpr FieldMask none = 0;
}  // namespace f

std::string_view field_key(Field fl) noexcept;
std::string_view field_doc(Field fl) noexcept;
std::optional<Field> parse_field(std::string_view key) noexcept;

// ---- event kinds -------------------------------------------------------------------------------
// X(Enumerator, "name", required fields, optional fields, "meaning", example JSONL line)
// A kind's position is its number in the binary encoding: new kinds go at the end (so does a
// new enumerator of a field's enumeration, and a new field).
// seq and t are required on every kind and are left out of the masks; thread is always optional.

#define CSPTRACE_KINDS(X)                                                                                                      \
  X(Spawn, "spawn", f::proc | f::name | f::mode, f::partner | f::loc | f::role,                                                \
    "a process started; partner is its parent; role daemon or internal when it is one",                                        \
    R"({"seq":2,"t":1500,"kind":"spawn","proc":2,"partner":1,"name":"machine","mode":"go","loc":"main.cpp:31"})")              \
  X(Exit, "exit", f::proc | f::status, f::message,                                                                             \
    "a process ended, normally or with an exception",                                                                          \
    R"({"seq":40,"t":90000,"kind":"exit","proc":2,"status":"ok"})")                                                            \
  X(ChanMake, "chan_make", f::chan | f::name | f::buffer | f::cap,                                                             \
    f::proc | f::partner | f::loc | f::duration,                                                                               \
    "a channel was created; timer channels carry their duration, a process's result channel its "                              \
    "owner as partner",                                                                                                        \
    R"({"seq":1,"t":900,"kind":"chan_make","proc":1,"chan":1,"name":"money","buffer":"unbuffered","cap":0})")                  \
  X(ChanClose, "chan_close", f::chan, f::proc | f::loc,                                                                        \
    "a channel was closed; proc is who closed it (none for a timer)",                                                          \
    R"({"seq":39,"t":88000,"kind":"chan_close","proc":2,"chan":1,"loc":"main.cpp:44"})")                                       \
  X(Park, "park", f::proc | f::op, f::chan | f::value | f::alt | f::loc,                                                       \
    "a process parked (released its worker) waiting to put or take on chan, or in an alt",                                     \
    R"({"seq":5,"t":2100,"kind":"park","proc":2,"chan":1,"op":"take","loc":"main.cpp:35"})")                                   \
  X(Resume, "resume", f::proc, f::partner | f::chan,                                                                           \
    "a parked process became runnable again; partner woke it, on chan",                                                        \
    R"({"seq":9,"t":4000,"kind":"resume","proc":2,"chan":1,"partner":1})")                                                     \
  X(Block, "block", f::proc | f::op, f::chan | f::value | f::alt | f::loc,                                                     \
    "a thread blocked (holding its OS thread) waiting to put or take on chan, or in an alt",                                   \
    R"({"seq":6,"t":2300,"kind":"block","proc":1,"chan":1,"op":"put","value":"pocket lint","loc":"main.cpp:52"})")             \
  X(Unblock, "unblock", f::proc, f::partner | f::chan,                                                                         \
    "a blocked thread was released; partner released it, on chan",                                                             \
    R"({"seq":10,"t":4100,"kind":"unblock","proc":1,"chan":1,"partner":2})")                                                   \
  X(Transfer, "transfer", f::chan | f::from | f::to | f::via, f::value,                                                        \
    "a value moved from one process to another through chan",                                                                  \
    R"({"seq":8,"t":3900,"kind":"transfer","chan":1,"from":1,"to":2,"value":"pocket lint","via":"direct"})")                   \
  X(BufPut, "buf_put", f::chan | f::proc | f::level, f::value,                                                                 \
    "a value entered chan's buffer; level is the fill after",                                                                  \
    R"({"seq":12,"t":5000,"kind":"buf_put","proc":2,"chan":3,"value":"ketchup","level":1})")                                   \
  X(BufTake, "buf_take", f::chan | f::proc | f::level, f::value,                                                               \
    "a value left chan's buffer; level is the fill after",                                                                     \
    R"({"seq":13,"t":5200,"kind":"buf_take","proc":4,"chan":3,"value":"ketchup","level":0})")                                  \
  X(BufDrop, "buf_drop", f::chan | f::level, f::proc | f::value,                                                               \
    "a value was dropped by a dropping (the new one) or sliding (the oldest) buffer",                                          \
    R"({"seq":14,"t":5300,"kind":"buf_drop","proc":2,"chan":3,"value":"mustard","level":2})")                                  \
  X(Refused, "refused", f::proc | f::op | f::chan, f::value | f::loc,                                                          \
    "a put found chan closed (it returned false), or a take found it closed and drained (it "                                  \
    "returned nothing)",                                                                                                       \
    R"({"seq":33,"t":70000,"kind":"refused","proc":1,"chan":1,"op":"put","value":3,"loc":"main.cpp:58"})")                     \
  X(AltOffer, "alt_offer", f::proc | f::alt, f::loc,                                                                           \
    "a process began an alt; its guards follow as alt_guard events",                                                           \
    R"({"seq":20,"t":7000,"kind":"alt_offer","proc":1,"alt":1,"loc":"main.cpp:60"})")                                          \
  X(AltGuard, "alt_guard", f::proc | f::alt | f::index | f::op | f::chan | f::ready, f::value,                                 \
    "one guard of the alt just offered: a take or a put (with its value) on chan",                                             \
    R"({"seq":21,"t":7000,"kind":"alt_guard","proc":1,"chan":4,"op":"take","alt":1,"index":0,"ready":false})")                 \
  X(AltChoice, "alt_choice", f::proc | f::alt | f::index | f::rule, f::chan | f::value,                                        \
    "the alt completed: which guard won (-1: default) and the rule that chose it",                                             \
    R"({"seq":25,"t":9000,"kind":"alt_choice","proc":1,"chan":4,"value":"headshot-1.jpg","alt":1,"index":0,"rule":"waited"})") \
  X(TimerArm, "timer_arm", f::chan | f::duration, f::proc,                                                                     \
    "a timeout channel's timer was started",                                                                                   \
    R"({"seq":22,"t":7100,"kind":"timer_arm","proc":1,"chan":5,"duration":20000000})")                                         \
  X(TimerFire, "timer_fire", f::chan, f::none, "a timer expired; its channel closes next",                                     \
    R"({"seq":30,"t":20007100,"kind":"timer_fire","chan":5})")                                                                 \
  X(Mark, "mark", f::label, f::proc | f::loc,                                                                                  \
    "a label the program (or a lecturer) put into the run",                                                                    \
    R"({"seq":3,"t":1600,"kind":"mark","proc":1,"label":"customer arrives"})")                                                 \
  X(Deadlock, "deadlock", f::message, f::none,                                                                                 \
    "the runtime found that nothing can ever run again; stuck events follow",                                                  \
    R"({"seq":50,"t":99000,"kind":"deadlock","message":"2 processes can never run again"})")                                   \
  X(Stuck, "stuck", f::proc | f::op, f::chan | f::alt | f::loc,                                                                \
    "one process that the deadlock left waiting forever, with what it waits on",                                               \
    R"({"seq":51,"t":99000,"kind":"stuck","proc":2,"chan":1,"op":"take","loc":"main.cpp:35"})")                                \
  X(End, "end", f::reason, f::message, "the last event of a complete trace",                                                   \
    R"({"seq":60,"t":100000,"kind":"end","reason":"normal"})")                                                                 \
  X(Handle, "handle", f::proc | f::chan, f::none,                                                                              \
    "proc holds a handle to chan: it captured the channel in its closure when it was spawned",                                 \
    R"({"seq":4,"t":1600,"kind":"handle","proc":2,"chan":1})")                                                                 \
  X(Decide, "decide", f::decision | f::options, f::proc | f::chan | f::alt | f::index,                                         \
    "the deterministic scheduler chose: run proc next (or fire the timer of chan), the guard "                                 \
    "index of proc's alt, or which due timer (chan) fires",                                                                    \
    R"({"seq":7,"t":2400,"kind":"decide","proc":2,"decision":"run","options":3})")

enum class EventKind : uint8_t {
#define CSPTRACE_KIND_ENUMERATOR(E, name, req, opt, doc, example) E,
  CSPTRACE_KINDS(CSPTRACE_KIND_ENUMERATOR)
#undef CSPTRACE_KIND_ENUMERATOR
      count_
};
inline constexpr int kKindCount = static_cast<int>(EventKind::count_);

std::string_view to_string(EventKind k) noexcept;
std::optional<EventKind> parse_EventKind(std::string_view s) noexcept;
std::string_view kind_doc(EventKind k) noexcept;
std::string_view kind_example(EventKind k) noexcept;

// Fields every event carries, whatever its kind.
inline constexpr FieldMask kCommonRequired = f::seq | f::t;
inline constexpr FieldMask kCommonOptional = f::thread;

// The fields a kind must carry (required, includes kCommonRequired) and may carry (optional,
// includes kCommonOptional), as one table generated from CSPTRACE_KINDS: the one per-kind layout
// every encoding, the reader's checks and the model's record reader use. constexpr: the binary
// encoder lays out each kind's record at compile time.
struct KindFields {
  FieldMask required, optional;
  constexpr FieldMask allowed() const { return required | optional; }
  // Bit i of a binary record's presence bits stands for the i-th optional field (schema order).
  constexpr int optional_rank(Field fl) const {
    return std::popcount(optional & ((FieldMask{1} << static_cast<int>(fl)) - 1));
  }
};
inline constexpr std::array<KindFields, kKindCount> kKindFields{{
#define CSPTRACE_KIND_FIELDS(E, name, req, opt, doc, example) \
  {kCommonRequired | FieldMask(req), kCommonOptional | FieldMask(opt)},
    CSPTRACE_KINDS(CSPTRACE_KIND_FIELDS)
#undef CSPTRACE_KIND_FIELDS
}};
constexpr KindFields kind_fields(EventKind k) noexcept {
  return static_cast<int>(k) < kKindCount ? kKindFields[static_cast<int>(k)]
                                          : KindFields{kCommonRequired, kCommonOptional};
}
constexpr FieldMask required_fields(EventKind k) noexcept { return kind_fields(k).required; }
constexpr FieldMask optional_fields(EventKind k) noexcept { return kind_fields(k).optional; }

// A field may not be both required and optional for one kind.
constexpr bool kinds_consistent() {
  for (const KindFields& k : kKindFields)
    if (k.required & k.optional) return false;
  return true;
}
static_assert(kinds_consistent(), "a kind lists a field as both required and optional");

// Header line / record: what is known about the whole recording. X(member, "key", type, "meaning")
// New fields go at the end: a binary header lists them in this order, and a reader fills the
// fields an older writer did not know with their defaults.
#define CSPTRACE_HEADER_FIELDS(X)                                                                 \
  X(program, "program", std::string, "name of the traced program")                                \
  X(scheduler, "scheduler", std::string, "\"pool\" or \"deterministic\"")                         \
  X(seed, "seed", uint64_t, "seed of the deterministic scheduler and of alts")                    \
  X(clock, "clock", std::string, "the clock behind t, e.g. \"steady_ns\"")                        \
  X(start_unix_ns, "start_unix_ns", int64_t, "wall-clock time the trace started (ns since 1970)") \
  X(strategy, "strategy", std::string,                                                            \
    "how the deterministic scheduler decided, e.g. \"random\", \"pct:depth=3\", \"replay\"")      \
  X(snapshot, "snapshot", std::string,                                                            \
    "set when the trace starts from a snapshot of a running program: why and when it was taken")  \
  X(window, "window", std::string,                                                                \
    "set when the trace is a flight recorder's window (--trace-ring): what it keeps of the run")

}  // namespace csptrace

// The loaded trace: immutable, columnar, built once by TraceModelBuilder from any reader.
// Analysis, CLI and viewer read it through the accessors below and never see the storage layout.
//
// Storage (~20 bytes per event on ping-pong): hot columns for kind, t, the dense process index
// (proc, or `to` for kinds that carry `to` instead), the dense channel index and the other
// process (partner, or `from`); every other field lives in a compact per-event record (the
// binary encoding's record without its kind, seq and t, which the columns hold: the optional
// fields' bits, then the fields as varints) reached through RecordOffsets; seq is stored as
// runs of consecutive numbers. event(i) and present(i) decode that record. A model loaded with
// LoadOptions::records_in_file from a binary file it could lease keeps no record bytes: its
// offsets are the file's, of the whole binary records, read on demand (file_records.hpp).
//
// Invariants (enforced by the builder, so every consumer may rely on them):
//  - events are in strictly increasing seq order;
//  - every process / channel reference names an id declared by an earlier spawn / chan_make,
//    and processes() / channels() list them densely in declaration order;
//  - an `end` event, if present, is the last event.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/file_records.hpp>
#include <csptrace/huge_page_allocator.hpp>
#include <csptrace/index_column.hpp>
#include <csptrace/packed_times.hpp>
#include <csptrace/record_offsets.hpp>
#include <csptrace/shared_column.hpp>
#include <csptrace/string_table.hpp>
#include <csptrace/time_column.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace csptrace {

inline constexpr uint32_t kNone = 0xffffffffu;  // "no process / channel / event" as an index

// The C++ type of field F, as Event declares it.
template <Field F>
struct FieldTypeOf;
#define CSPTRACE_FIELD_TYPE(member, key, T, doc) \
  template <>                                    \
  struct FieldTypeOf<Field::member> {            \
    using type = T;                              \
  };
CSPTRACE_FIELDS(CSPTRACE_FIELD_TYPE)
#undef CSPTRACE_FIELD_TYPE
template <Field F>
using FieldType = typename FieldTypeOf<F>::type;

struct ProcessInfo {          // members ordered by size, so that no padding is left
  size_t spawn_event = 0;     // event index of its spawn
  size_t exit_event = kNone;  // event index of its exit, or kNone while alive at the end
  ProcId id = 0;
  StrId name = 0;           // TraceModel::str; a string id, not a copy: a run may spawn millions
  uint32_t parent = kNone;  // dense index of the parent process, or kNone
  StrId loc = 0;            // where it was spawned (TraceModel::str; 0: not known)
  StrId error = 0;          // exception text when status == Error (TraceModel::str)
  ProcMode mode = ProcMode::Go;
  ProcRole role = ProcRole::User;  // a daemon (meant to outlive main), the runtime's own, or user
  ExitStatus status = ExitStatus::Ok;
  bool shared_name = false;  // another process has this name: labels add "#id"
};

struct ChannelInfo {
  ChanId id = 0;
  StrId name = 0;  // TraceModel::str
  BufferKind buffer = BufferKind::Unbuffered;
  uint32_t cap = 0;
  int64_t duration = 0;        // timer channels only
  uint32_t result_of = kNone;  // the process whose result it carries (go / thread), or kNone
  StrId loc = 0;               // where it was made (TraceModel::str; 0: not known)
  size_t make_event = 0;
  size_t close_event = kNone;  // event index of its (first) close, or kNone
  bool shared_name = false;    // another channel has this name: labels add "#id"
};

namespace model_layout {
// Kinds that take `to` keep it in the proc column, kinds that take `from` keep it in the
// partner column: no kind takes both proc and to, or both partner and from (checked below).
constexpr bool holds_to(EventKind k) { return kKindFields[static_cast<int>(k)].allowed() & f::to; }
constexpr bool holds_from(EventKind k) {
  return kKindFields[static_cast<int>(k)].allowed() & f::from;
}
constexpr bool columns_fit() {
  for (const KindFields& k : kKindFields) {
    const FieldMask m = k.allowed();
    if (((m & f::proc) && (m & f::to)) || ((m & f::partner) && (m & f::from))) return false;
  }
  return true;
}
static_assert(columns_fit(), "a kind takes both proc and to, or partner and from");
}  // namespace model_layout

class TraceModel {
 public:
  TraceModel();
  TraceModel(TraceModel&&) noexcept = default;
  TraceModel& operator=(TraceModel&&) noexcept = default;

  const TraceHeader& header() const { return header_; }
  const std::string& source() const { return source_; }  // file it came from
  size_t size() const { return first_held_ + kind_.size(); }
  bool empty() const { return size() == 0; }
  // Events [held_from(), size()) are held whole. It is 0 but in a model whose reader retired
  // the events before it once they were used (TraceModelBuilder::retire_before: a streaming
  // pass such as `csptrace check`); of a retired event only seq() remains, and time() unless
  // the pass had them forgotten (RetiredTimes::Forget).
  size_t held_from() const { return first_held_; }

  // Columns. Precondition for all: held_from() <= i < size(); for time() and seq(), i < size().
  EventKind kind(size_t i) const { return kind_[i - first_held_]; }
  int64_t time(size_t i) const { return i >= first_held_ ? t_[i - first_held_] : retired_time(i); }
  uint64_t seq(size_t i) const;
  FieldMask present(size_t i) const;
  // Dense process index of the event's proc / partner / from / to field, or kNone.
  uint32_t proc_index(size_t i) const {
    i -= first_held_;
    return holds_to(kind_[i]) ? kNone : proc_[i];
  }
  uint32_t partner_index(size_t i) const {
    i -= first_held_;
    return holds_from(kind_[i]) ? kNone : other_[i];
  }
  uint32_t from_index(size_t i) const {
    i -= first_held_;
    return holds_from(kind_[i]) ? other_[i] : kNone;
  }
  uint32_t to_index(size_t i) const {
    i -= first_held_;
    return holds_to(kind_[i]) ? proc_[i] : kNone;
  }
  uint32_t chan_index(size_t i) const { return chan_[i - first_held_]; }

  // The whole event as recorded (original ids, interned strings resolve through str()).
  Event event(size_t i) const;
  // One field of event i, equal to event(i).<F> (its default value when the event lacks it),
  // read from the event's record alone: no Event is built, no other field decoded past F, and
  // seq is not looked up. For the replay, which needs one or two fields of most events.
  template <Field F>
  FieldType<F> field(size_t i) const;
  // Event i with only the `wanted` fields decoded, in one pass over its record: kind is set, each
  // wanted field equals event(i)'s, the others keep their defaults, and present is event(i)'s
  // present mask restricted to `wanted`. For steps that need several fields of one event.
  Event event(size_t i, FieldMask wanted) const;

  std::string_view str(StrId id) const { return strings_->get(id); }
  const StringTable& strings() const { return *strings_; }
  // A value preview as text: numbers in decimal, texts quoted.
  std::string value_text(const Value& v) const;

  const std::vector<ProcessInfo>& processes() const { return processes_; }
  const std::vector<ChannelInfo>& channels() const { return channels_; }
  // kNone if undeclared. Inline for the small ids runtimes use: a reader looks up every event's.
  uint32_t process_index(ProcId id) const {
    return id < proc_by_small_id_.size() ? proc_by_small_id_[id] : large_process_index(id);
  }
  uint32_t channel_index(ChanId id) const {
    return id < chan_by_small_id_.size() ? chan_by_small_id_[id] : large_channel_index(id);
  }

  // True when no event's time is earlier than the time of the event before it: then every list
  // of events in event order is in time order too (a pool recording may stamp two threads'
  // events out of order, and a hostile trace anything).
  bool times_in_order() const { return times_in_order_; }
  // True when the trace ends with an `end` event; otherwise it was cut short.
  bool complete() const { return complete_; }
  EndReason end_reason() const { return end_reason_; }
  // Things the loader noticed that do not make the trace unusable (truncation, ...).
  const std::vector<std::string>& warnings() const { return warnings_; }

  // The bytes the events, seq runs and strings take in a model that holds every event (the
  // columns at their present widths): what a whole load needs, also when this model retired
  // events (it then holds less). Records left in the file count as the blocks cached of them.
  size_t memory_bytes() const;
  // True when the records are read from the trace's file on demand (LoadOptions::records_in_file).
  bool records_in_file() const { return file_records_ != nullptr; }
  // The bytes of the file that the records left in it span (0 when the model holds its own):
  // for a projection of what the events will need besides the model.
  uint64_t file_record_bytes() const {
    if (!file_records_ || record_at_.size() == 0) return 0;
    return record_at_[record_at_.size() - 1] - record_at_[0];
  }

  // The events so far as a model of their own that shares this one's event storage (the
  // viewer's live follow takes one per refresh while TraceModelBuilder goes on adding, on the
  // builder's thread): O(processes + channels + seq runs) work and memory, not O(events), plus
  // a copy of the strings unless `strings` (an earlier snapshot's shared_strings()) still has
  // them all.
  // The snapshot never changes; it may be read on any thread once handed over. Shared names are
  // not marked (the builder settles them in finish()).
  TraceModel snapshot(std::shared_ptr<const StringTable> strings = nullptr) const;
  // The string table, shared: a snapshot's, for the next snapshot()'s `strings`.
  std::shared_ptr<const StringTable> shared_strings() const { return strings_; }

 private:
  friend class TraceModelBuilder;

  static constexpr bool holds_to(EventKind k) { return model_layout::holds_to(k); }
  static constexpr bool holds_from(EventKind k) { return model_layout::holds_from(k); }

  struct SeqRun {
    size_t first;  // event index where the run starts
    uint64_t seq;  // seq of that event; the run continues with seq + 1, seq + 2, ...
  };

  TraceHeader header_;
  std::string source_;
  // Never null (but in a moved-from model). A snapshot's is a copy, shared only with later
  // snapshots, which never change it; the builder's is its own.
  std::shared_ptr<StringTable> strings_;
  // Event storage, shared with snapshots (shared_column.hpp); no column changes an element once
  // written. Element k of each column is event first_held_ + k; the times of the events before
  // it are in retired_t_ from packed_from_ on (retired_t_[k] is event packed_from_ + k's,
  // retired_t_.size() == first_held_ - packed_from_) and before it in kept_t_ for the events a
  // pass still named when it compacted them (TraceModelBuilder::keep_retired_times), unless
  // retired_times_forgotten_ (then both are empty).
  size_t first_held_ = 0;
  PackedTimes retired_t_;
  struct KeptTime {
    size_t event;
    int64_t t;
  };
  std::vector<KeptTime> kept_t_;  // sorted by event, all before packed_from_
  size_t packed_from_ = 0;
  bool retired_times_forgotten_ = false;
  uint32_t large_process_index(ProcId id) const;  // ids past the small range
  uint32_t large_channel_index(ChanId id) const;
  // Throws std::logic_error when the time was let go (forgotten, or not kept by a compaction).
  int64_t retired_time(size_t i) const;
  // The record of held event k (i - first_held_): the model's own (bits, then fields), or, with
  // records in the file, the whole binary record (kind, bits, seq and t deltas, fields).
  const uint8_t* record(size_t k) const {
    return file_records_ ? file_records_->at(record_at_[k]) : records_.data() + record_at_[k];
  }
  size_t retired_record_bytes_ = 0;  // records_ bytes of the retired events
  SharedColumn<EventKind> kind_;
  TimeColumn t_;                     // about 4 bytes an event (time_column.hpp)
  IndexColumn proc_, chan_, other_;  // 1, 2 or 4 bytes an event, as the indices need
  RecordOffsets record_at_;          // offset of each event's record in records_ (about 2 bytes)
  SharedColumn<uint8_t> records_;    // empty when file_records_ holds them
  std::shared_ptr<const FileRecords> file_records_;  // null but with LoadOptions::records_in_file
  std::vector<SeqRun> seq_runs_;
  std::vector<ProcessInfo> processes_;
  std::vector<ChannelInfo> channels_;
  std::vector<uint32_t> proc_by_small_id_, chan_by_small_id_;  // id -> index, or kNone
  std::unordered_map<ProcId, uint32_t> proc_by_id_;            // ids past the small range
  std::unordered_map<ChanId, uint32_t> chan_by_id_;
  bool complete_ = false;
  bool times_in_order_ = true;
  EndReason end_reason_ = EndReason::Truncated;
  std::vector<std::string> warnings_;
};

// Which processes and channels share their name with another (ProcessInfo::shared_name), by
// dense index: what a model read to its end knows and a pass over its events as they load does
// not yet.
// Hashes of the names' texts tell a second read of a file that it reads the same trace (texts,
// not string ids: a first read that interned only the names numbers them otherwise).
struct SharedNames {
  std::vector<bool> processes, channels;
  std::vector<uint64_t> process_names, channel_names;
  static SharedNames of(const TraceModel& m);
};

// Builds a TraceModel event by event. add() checks the event against the schema and against
// what came before; on a violation it throws std::invalid_argument with a message that says
// what is wrong, and the reader adds the file and place.
class TraceModelBuilder {
 public:
  explicit TraceModelBuilder(std::string source = {});

  void set_header(const TraceHeader& h) { model_.header_ = h; }
  StringTable& strings() { return *model_.strings_; }
  void reserve(size_t events);
  void add(const Event& e);
  // The same, for an event the binary reader just decoded from `record` (its bytes in the
  // chunk, at file_offset in the file): stores them instead of encoding e again, or, after
  // keep_records_in, only file_offset.
  void add(const Event& e, const uint8_t* record, size_t len, uint64_t file_offset);
  // From now on the records stay in `file` (the binary reader's file, leased): add() keeps their
  // offsets only. Before the first event.
  void keep_records_in(std::shared_ptr<const FileRecords> file);
  void warn(std::string w) { model_.warnings_.push_back(std::move(w)); }
  size_t size() const { return model_.size(); }
  // For LoadOptions::on_skipped: from now on the reader add()s only the events that declare
  // lanes and hands every other, unchecked, to skip(), which passes it to `skipped`. Before the
  // first event.
  void keep_only_lanes(std::function<void(const TraceModel&, const Event&)> skipped);
  static constexpr bool declares_lanes(EventKind k) {
    return k == EventKind::Spawn || k == EventKind::ChanMake || k == EventKind::End;
  }
  // An event that does not declare lanes, as far as the reader decoded it (the binary reader:
  // its kind, seq, t, proc and chan), straight to the sink. Precondition: keep_only_lanes.
  void skip(const Event& e) {
    ++skipped_;
    skip_(model_, e);
  }
  // Events added, kept or skipped.
  size_t events_read() const { return model_.size() + skipped_; }
  // Lets go of the whole events before event k (held_from() <= k <= size()), keeping their
  // times (about 1.5 bytes an event) unless told to Forget them too: for a pass that has used
  // them and never looks back (a streaming check, which still names the times of retired
  // events; stats and validate, which do not), so that its memory is bounded by the events it
  // holds, not by the trace. Not for a model that handed out snapshots. It waits while fewer
  // events would go than stay (held_from() stays below k then), so the events held are at most
  // twice those from k on, and a pass that retires a few events a batch under many kept costs
  // O(events) in all. A model retires with one choice of times throughout.
  enum class RetiredTimes { Keep, Forget };
  void retire_before(size_t k, RetiredTimes times = RetiredTimes::Keep);
  // The memory the kept times of retired events take; a time kept by keep_retired_times takes
  // kKeptTimeBytes.
  size_t retired_time_bytes() const;
  static constexpr size_t kKeptTimeBytes = 16;
  // Keeps, of the retired events' times, only those of the events in `named` (sorted; events
  // not retired are skipped), when that takes less memory than what is kept now: for a pass
  // that names a set of earlier events bounded by its state (a streaming check: its waits'
  // parks, spawns, exits, closes, last uses), so that the times it keeps are bounded by that
  // set instead of growing with the trace. Afterwards the time of any other retired event
  // throws std::logic_error. O(named + kept). `always` compacts even when it saves nothing (for
  // tests that hold a pass to naming every event it reads).
  void keep_retired_times(const std::vector<size_t>& named, bool always = false);
  uint64_t last_seq() const { return last_seq_; }
  // True once the end event was added (nothing may follow it).
  bool ended() const { return ended_; }
  // The model so far, for a caller that shows events as they load (LoadOptions::on_event):
  // every added event and the names known so far; shared names are not yet marked.
  const TraceModel& so_far() const { return model_; }

  // Marks the processes and channels added so far as `names` (the same trace's, read to its
  // end) marks them: a pass that labels events as they load (csptrace print, reading a file a
  // second time) then labels them as the whole model does. O(entries added since the last call).
  // False when an entry's name is not the one `names` has for it: this is another trace (the
  // file was rewritten between the reads).
  bool mark_shared_names(const SharedNames& names);

  // Completes the model; a trace without an end event gets a warning and complete() == false.
  TraceModel finish() &&;

 private:
  uint32_t require_proc(ProcId id, std::string_view field, bool allow_none) const;
  uint32_t require_chan(ChanId id) const;
  void add_checked(const Event& e, const uint8_t* record, size_t len, uint64_t file_offset);

  TraceModel model_;
  size_t procs_marked_ = 0, chans_marked_ = 0;  // mark_shared_names' progress
  bool ended_ = false;
  uint64_t last_seq_ = 0;
  int64_t last_t_ = 0;  // time of the last event added, for times_in_order_
  std::function<void(const TraceModel&, const Event&)> skip_;  // keep_only_lanes', or empty
  size_t skipped_ = 0;
};

}  // namespace csptrace

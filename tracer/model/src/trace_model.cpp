#include <csptrace/binary_codec.hpp>
#include <csptrace/trace_model.hpp>

#include "model_record.hpp"

#include <sys/resource.h>
#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace csptrace {

namespace {

// Copies a binary record (kind byte, optional fields' bits, seq and t deltas, fields) as the
// model keeps it, the bits and the fields: rec's len bytes less the kind, seq and t. Returns the
// end of what it wrote.
uint8_t* slim_record(uint8_t* out, const uint8_t* rec, size_t len) noexcept {
  const uint8_t* p = rec + 1;
  binary::get_varint_unchecked(p);  // the optional fields' bits
  const size_t bits = size_t(p - (rec + 1));
  std::memcpy(out, rec + 1, bits);
  binary::get_varint_unchecked(p);  // seq delta
  binary::get_varint_unchecked(p);  // t delta
  const size_t fields = len - size_t(p - rec);
  std::memcpy(out + bits, p, fields);
  return out + bits + fields;
}

// The inverse, for the codec's decoder: the model's record of a kind-k event (len bytes) as a
// binary record with seq and t deltas of 0. Returns the end of what it wrote (at most len + 3
// bytes).
uint8_t* whole_record(uint8_t* out, EventKind k, const uint8_t* rec, size_t len) noexcept {
  const uint8_t* fields = rec;
  binary::get_varint_unchecked(fields);  // the optional fields' bits
  const size_t bits = size_t(fields - rec);
  out[0] = static_cast<uint8_t>(k);
  std::memcpy(out + 1, rec, bits);
  out[1 + bits] = 0;
  out[2 + bits] = 0;
  std::memcpy(out + 3 + bits, fields, len - bits);
  return out + 3 + len;
}

}  // namespace

// ---- storage ------------------------------------------------------------------------------------

TraceModel::TraceModel() : strings_(std::make_shared<StringTable>()) {}

TraceModel TraceModel::snapshot(std::shared_ptr<const StringTable> strings) const {
  TraceModel s;
  s.header_ = header_;
  s.source_ = source_;
  if (strings && strings->size() == strings_->size()) {
    // Never changed through a snapshot: the const_cast only lets both kinds of model hold it.
    s.strings_ = std::const_pointer_cast<StringTable>(std::move(strings));
  } else {
    // Ids are handed out in order, so interning every string in id order keeps each id.
    for (size_t id = 0; id < strings_->size(); ++id)
      s.strings_->intern(strings_->get(static_cast<StrId>(id)));
  }
  s.first_held_ = first_held_;
  s.retired_t_ = retired_t_;
  s.retired_times_forgotten_ = retired_times_forgotten_;
  s.kept_t_ = kept_t_;
  s.packed_from_ = packed_from_;
  s.retired_record_bytes_ = retired_record_bytes_;
  s.kind_ = kind_.share();
  s.t_ = t_.share();
  s.proc_ = proc_.share();
  s.chan_ = chan_.share();
  s.other_ = other_.share();
  s.record_at_ = record_at_.share();
  s.records_ = records_.share();
  s.file_records_ = file_records_;
  s.seq_runs_ = seq_runs_;
  s.processes_ = processes_;
  s.channels_ = channels_;
  s.proc_by_small_id_ = proc_by_small_id_;
  s.chan_by_small_id_ = chan_by_small_id_;
  s.proc_by_id_ = proc_by_id_;
  s.chan_by_id_ = chan_by_id_;
  s.complete_ = complete_;
  s.times_in_order_ = times_in_order_;
  s.end_reason_ = end_reason_;
  s.warnings_ = warnings_;
  return s;
}

uint64_t TraceModel::seq(size_t i) const {
  // The last run that starts at or before i.
  auto it = std::upper_bound(seq_runs_.begin(), seq_runs_.end(), i,
                             [](size_t x, const SeqRun& r) { return x < r.first; });
  const SeqRun& r = *(it - 1);
  return r.seq + (i - r.first);
}

FieldMask TraceModel::present(size_t i) const {
  const uint8_t* p = record(i - first_held_) + (file_records_ ? 1 : 0);
  return binary::present_fields(kind(i), binary::get_varint_unchecked(p));
}

Event TraceModel::event(size_t i) const {
  const size_t k = i - first_held_;
  // A whole binary record: the file's own, or the model's with seq and t deltas of 0. Either
  // way its deltas are not this event's: the columns give seq and t.
  uint8_t whole[binary::kMaxRecordBytes + 3];
  const uint8_t *rec = whole, *end;
  if (file_records_) {
    rec = file_records_->at(record_at_[k]);
    end = rec + FileRecords::kTailBytes;
  } else {
    const uint64_t at = record_at_[k];
    const size_t len = (k + 1 < kind_.size() ? record_at_[k + 1] : records_.size()) - at;
    end = whole_record(whole, kind_[k], records_.data() + at, len);
  }
  Event e;
  binary::Cursor c{rec, rec, end};
  uint64_t prev_seq = 0;
  int64_t prev_t = 0;
  binary::decode_record(c, e, prev_seq, prev_t);
  e.seq = seq(i);
  e.t = t_[k];
  return e;
}

Event TraceModel::event(size_t i, FieldMask wanted) const {
  Event e(kind(i));
  const FieldMask highest = wanted & ~(f::seq | f::t);
  const FieldMask upto = highest ? ~FieldMask{0} >> __builtin_clz(highest) : 0;
  ModelRecord r(record(i - first_held_), e.kind, upto, file_records_ != nullptr);
  for (FieldMask rest = r.present(); rest; rest &= rest - 1) {
    const auto fl = static_cast<Field>(__builtin_ctz(rest));
    if (!(wanted & (FieldMask{1} << static_cast<int>(fl)))) {
      r.skip(fl);
      continue;
    }
    switch (fl) {
#define CSPTRACE_READ_FIELD(member, key, T, doc) \
  case Field::member: e.member = r.next<T>(); break;
      CSPTRACE_FIELDS(CSPTRACE_READ_FIELD)
#undef CSPTRACE_READ_FIELD
      case Field::count_: break;
    }
  }
  e.present = (r.present() & wanted) | (wanted & (f::seq | f::t));
  if (wanted & f::seq) e.seq = seq(i);
  if (wanted & f::t) e.t = time(i);
  return e;
}

template <Field F>
FieldType<F> TraceModel::field(size_t i) const {
  if constexpr (F == Field::seq) {
    return seq(i);
  } else if constexpr (F == Field::t) {
    return time(i);
  } else {
    constexpr FieldMask bit = FieldMask{1} << static_cast<int>(F);
    ModelRecord r(record(i - first_held_), kind(i), bit | (bit - 1), file_records_ != nullptr);
    if (!(r.present() & bit)) return FieldType<F>{};
    for (FieldMask rest = r.present() & (bit - 1); rest; rest &= rest - 1)
      r.skip(static_cast<Field>(__builtin_ctz(rest)));
    return r.next<FieldType<F>>();
  }
}

#define CSPTRACE_FIELD_INSTANCE(member, key, T, doc) \
  template T TraceModel::field<Field::member>(size_t) const;
CSPTRACE_FIELDS(CSPTRACE_FIELD_INSTANCE)
#undef CSPTRACE_FIELD_INSTANCE

std::string TraceModel::value_text(const Value& v) const {
  switch (v.kind) {
    case Value::Kind::None: return {};
    case Value::Kind::Int: return std::to_string(v.num);
    case Value::Kind::Text: return "\"" + std::string(str(v.text)) + "\"";
  }
  return {};
}

uint32_t TraceModel::large_process_index(ProcId id) const {
  auto it = proc_by_id_.find(id);
  return it == proc_by_id_.end() ? kNone : it->second;
}

uint32_t TraceModel::large_channel_index(ChanId id) const {
  auto it = chan_by_id_.find(id);
  return it == chan_by_id_.end() ? kNone : it->second;
}

namespace {
// Ids up to this bound are looked up in a vector (runtimes number densely from 1); larger ones,
// as a hand-written trace may use, in a hash map.
constexpr uint32_t kSmallIdLimit = 1u << 22;

void map_id(uint32_t id, uint32_t ix, std::vector<uint32_t>& small,
            std::unordered_map<uint32_t, uint32_t>& big) {
  if (id < kSmallIdLimit) {
    if (id >= small.size()) small.resize(std::max<size_t>(id + 1, small.size() * 2), kNone);
    small[id] = ix;
  } else {
    big.emplace(id, ix);
  }
}
}  // namespace

size_t TraceModel::memory_bytes() const {
  // Every column as it would hold size() events at its present width (times kept whole beside
  // their column, after hostile jumps, are left out).
  const size_t n = size();
  return n * sizeof(EventKind) + TimeColumn::bytes_for(n) + proc_.bytes_for(n) +
         chan_.bytes_for(n) + other_.bytes_for(n) + RecordOffsets::bytes_for(n) +
         record_at_.far_bytes() + retired_record_bytes_ + records_.size() +
         (file_records_ ? file_records_->memory_bytes() : 0) + seq_runs_.size() * sizeof(SeqRun) +
         strings_->bytes();
}

TraceModelBuilder::TraceModelBuilder(std::string source) { model_.source_ = std::move(source); }

void TraceModelBuilder::reserve(size_t n) {
  // Capped so that a huge or lying size estimate cannot reserve absurd memory up front, and
  // under an address-space limit (ulimit -v) to a quarter of it: reserved capacity is address
  // space even while untouched, and the replay and the analysis need the rest.
  n = std::min<size_t>(n, size_t{1} << 26);
  constexpr size_t kBytesPerEvent = sizeof(EventKind) + sizeof(int64_t) + 4 * sizeof(uint32_t) + 8;
  if (rlimit as; getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
    n = std::min<size_t>(n, as.rlim_cur / 4 / kBytesPerEvent);
  model_.kind_.reserve(n);
  model_.t_.reserve(n);
  for (auto* v : {&model_.proc_, &model_.chan_, &model_.other_}) v->reserve(n);
  model_.record_at_.reserve(n);
  if (!model_.file_records_) model_.records_.reserve(n * 8);  // address space until written
}

void TraceModelBuilder::retire_before(size_t k, RetiredTimes times) {
  auto& m = model_;
  const size_t drop = k - m.first_held_;
  // Letting go moves the events kept to the front of their columns: it waits until at least as
  // many go as stay, so that a pass whose oldest needed event creeps forward under millions
  // kept (the chrome export under 5 M open waits) moves each event O(1) times in all, not once
  // a batch.
  if (drop == 0 || drop < m.size() - k) return;
  if (times == RetiredTimes::Forget) {
    // Every retired event's time is forgotten or none is: time() knows which without a table.
    if (m.first_held_ > 0 && !m.retired_times_forgotten_)
      throw std::logic_error("retire_before: the times of earlier retired events were kept");
    m.retired_times_forgotten_ = true;
  } else {
    if (m.retired_times_forgotten_)
      throw std::logic_error("retire_before: the times of earlier retired events were forgotten");
    for (size_t j = 0; j < drop; ++j) m.retired_t_.push_back(m.t_[j]);
  }
  // The records of the events kept start at the first kept one's: their offsets move down by
  // as much.
  const uint64_t base = m.file_records_         ? 0
                        : drop < m.kind_.size() ? m.record_at_[drop]
                                                : m.records_.size();
  m.records_.drop_front(base);
  m.retired_record_bytes_ += base;
  m.record_at_.drop_front(drop, base);
  m.kind_.drop_front(drop);
  m.t_.drop_front(drop);
  for (auto* c : {&m.proc_, &m.chan_, &m.other_}) c->drop_front(drop);
  m.first_held_ = k;
}

int64_t TraceModel::retired_time(size_t i) const {
  if (retired_times_forgotten_)
    throw std::logic_error("event " + std::to_string(i) +
                           ": its time was let go with the event (RetiredTimes::Forget)");
  if (i >= packed_from_) return retired_t_[i - packed_from_];
  const auto it = std::lower_bound(kept_t_.begin(), kept_t_.end(), i,
                                   [](const KeptTime& k, size_t e) { return k.event < e; });
  if (it == kept_t_.end() || it->event != i)
    throw std::logic_error("event " + std::to_string(i) +
                           ": its time was let go (the pass did not name it when its times were "
                           "compacted)");
  return it->t;
}

size_t TraceModelBuilder::retired_time_bytes() const {
  static_assert(sizeof(TraceModel::KeptTime) == kKeptTimeBytes);
  return model_.retired_t_.memory_bytes() +
         model_.kept_t_.capacity() * sizeof(TraceModel::KeptTime);
}

void TraceModelBuilder::keep_retired_times(const std::vector<size_t>& named, bool always) {
  auto& m = model_;
  if (m.retired_times_forgotten_) return;
  std::vector<TraceModel::KeptTime> kept;
  size_t last = kNone;
  for (size_t e : named) {
    if (e >= m.first_held_) break;  // sorted: the rest are held
    if (e == last) continue;
    last = e;
    kept.push_back({e, m.retired_time(e)});
  }
  if (!always && kept.size() * kKeptTimeBytes >= retired_time_bytes()) return;
  kept.shrink_to_fit();
  m.kept_t_ = std::move(kept);
  m.retired_t_ = PackedTimes();
  m.packed_from_ = m.first_held_;
}

uint32_t TraceModelBuilder::require_proc(ProcId id, std::string_view field, bool allow_none) const {
  if (id == 0 && allow_none) return kNone;
  const uint32_t ix = model_.process_index(id);
  if (ix == kNone)
    throw std::invalid_argument(std::string(field) + " " + std::to_string(id) +
                                " refers to a process that no earlier spawn event declared");
  return ix;
}

uint32_t TraceModelBuilder::require_chan(ChanId id) const {
  const uint32_t ix = model_.channel_index(id);
  if (ix == kNone)
    throw std::invalid_argument("chan " + std::to_string(id) +
                                " refers to a channel that no earlier chan_make event declared");
  return ix;
}

namespace {

std::string missing_fields(FieldMask missing) {
  std::string out;
  for (int i = 0; i < kFieldCount; ++i)
    if (missing & (FieldMask{1} << i)) {
      if (!out.empty()) out += ", ";
      out += field_key(static_cast<Field>(i));
    }
  return out;
}

}  // namespace

void TraceModelBuilder::add(const Event& e) { add_checked(e, nullptr, 0, 0); }

void TraceModelBuilder::add(const Event& e, const uint8_t* record, size_t len,
                            uint64_t file_offset) {
  add_checked(e, record, len, file_offset);
}

void TraceModelBuilder::keep_records_in(std::shared_ptr<const FileRecords> file) {
  if (!model_.empty())
    throw std::logic_error("keep_records_in: the model already holds events of its own");
  model_.file_records_ = std::move(file);
  model_.records_ = {};
}

void TraceModelBuilder::keep_only_lanes(
    std::function<void(const TraceModel&, const Event&)> skipped) {
  if (!model_.empty()) throw std::logic_error("keep_only_lanes: the model already holds events");
  skip_ = std::move(skipped);
}

void TraceModelBuilder::add_checked(const Event& e, const uint8_t* record, size_t len,
                                    uint64_t file_offset) {
  auto& m = model_;
  if (m.file_records_ && !record)  // before anything is added: the model stays as it was
    throw std::logic_error("add: records kept in the file need the file's record");
  if (static_cast<int>(e.kind) >= kKindCount) throw std::invalid_argument("unknown event kind");
  auto kname = [&] { return to_string(e.kind); };  // only on the error paths
  if (ended_) throw std::invalid_argument("event after the end event (end must be last)");
  const FieldMask req = kKindFields[static_cast<int>(e.kind)].required;
  const FieldMask opt = kKindFields[static_cast<int>(e.kind)].optional;
  if (FieldMask miss = req & ~e.present)
    throw std::invalid_argument(std::string(kname()) +
                                " event lacks required field(s): " + missing_fields(miss));
  if (FieldMask extra = e.present & ~(req | opt))
    throw std::invalid_argument(std::string(kname()) +
                                " event does not take field(s): " + missing_fields(extra));
  // seq counts from 1: event(i) decodes a record relative to seq - 1.
  if (e.seq == 0) throw std::invalid_argument("seq 0 is not allowed; seq counts from 1");
  if (!m.empty() && e.seq <= last_seq_)
    throw std::invalid_argument("seq " + std::to_string(e.seq) +
                                " does not increase (previous event has seq " +
                                std::to_string(last_seq_) + ")");
  if (e.t < 0) throw std::invalid_argument("t is negative (" + std::to_string(e.t) + ")");
  auto check_str = [&](StrId s, const char* what) {
    if (!m.strings_->contains(s))
      throw std::invalid_argument(std::string(what) + " refers to an unknown string");
  };
  if (e.present & kTextFields) {
    if (e.present & f::name) check_str(e.name, "name");
    if (e.present & f::message) check_str(e.message, "message");
    if (e.present & f::label) check_str(e.label, "label");
    if (e.present & f::loc) check_str(e.loc, "loc");
  }
  if ((e.present & f::value) && e.value.kind == Value::Kind::Text) check_str(e.value.text, "value");

  const size_t index = m.size();
  uint32_t proc_ix = kNone, chan_ix = kNone;
  switch (e.kind) {
    case EventKind::Spawn: {
      if (e.proc == 0) throw std::invalid_argument("spawn: proc 0 is reserved for \"no process\"");
      if (m.process_index(e.proc) != kNone)
        throw std::invalid_argument("spawn: process " + std::to_string(e.proc) +
                                    " was already spawned");
      ProcessInfo p;
      p.id = e.proc;
      p.name = e.has(Field::name) ? e.name : 0;
      p.mode = e.mode;
      p.role = e.has(Field::role) ? e.role : ProcRole::User;
      p.parent = e.has(Field::partner) ? require_proc(e.partner, "partner", true) : kNone;
      p.loc = e.has(Field::loc) ? e.loc : 0;
      p.spawn_event = index;
      proc_ix = static_cast<uint32_t>(m.processes_.size());
      map_id(e.proc, proc_ix, m.proc_by_small_id_, m.proc_by_id_);
      m.processes_.push_back(std::move(p));
      break;
    }
    case EventKind::ChanMake: {
      if (e.chan == 0)
        throw std::invalid_argument("chan_make: chan 0 is reserved for \"no channel\"");
      if (m.channel_index(e.chan) != kNone)
        throw std::invalid_argument("chan_make: channel " + std::to_string(e.chan) +
                                    " was already made");
      ChannelInfo c;
      c.id = e.chan;
      c.name = e.has(Field::name) ? e.name : 0;
      c.buffer = e.buffer;
      c.cap = e.cap;
      c.duration = e.duration;
      c.result_of = e.has(Field::partner) ? require_proc(e.partner, "partner", true) : kNone;
      c.loc = e.has(Field::loc) ? e.loc : 0;
      c.make_event = index;
      chan_ix = static_cast<uint32_t>(m.channels_.size());
      map_id(e.chan, chan_ix, m.chan_by_small_id_, m.chan_by_id_);
      m.channels_.push_back(std::move(c));
      break;
    }
    default: break;
  }
  // proc 0 means "no process": allowed where proc is optional (a timer's close), refused where
  // the kind is about a process, since the model and the replay index that process.
  if (e.has(Field::proc) && e.proc == 0 && (req & f::proc))
    throw std::invalid_argument(std::string(kname()) +
                                ": proc 0 is reserved for \"no process\"; this kind needs the "
                                "id of the process it is about");
  if (proc_ix == kNone && e.has(Field::proc)) proc_ix = require_proc(e.proc, "proc", true);
  if (chan_ix == kNone && e.has(Field::chan)) chan_ix = require_chan(e.chan);
  uint32_t partner_ix = e.has(Field::partner) ? require_proc(e.partner, "partner", true) : kNone;
  uint32_t from_ix = e.has(Field::from) ? require_proc(e.from, "from", false) : kNone;
  uint32_t to_ix = e.has(Field::to) ? require_proc(e.to, "to", false) : kNone;

  if ((e.kind == EventKind::Park || e.kind == EventKind::Block || e.kind == EventKind::Stuck) &&
      e.op != WaitOp::Alts && !e.has(Field::chan))
    throw std::invalid_argument(std::string(kname()) + " with op " + std::string(to_string(e.op)) +
                                " needs the chan it waits on");
  if (e.kind == EventKind::Exit) {
    auto& p = m.processes_[proc_ix];
    if (p.exit_event != kNone)
      throw std::invalid_argument("exit: process " + std::to_string(e.proc) + " (" +
                                  std::string(m.str(p.name)) + ") already exited at event " +
                                  std::to_string(p.exit_event));
    p.exit_event = index;
    p.status = e.status;
    p.error = e.has(Field::message) ? e.message : 0;
  }
  if (e.kind == EventKind::ChanClose && m.channels_[chan_ix].close_event == kNone)
    m.channels_[chan_ix].close_event = index;
  if (e.kind == EventKind::End) {
    ended_ = true;
    m.complete_ = true;
    m.end_reason_ = e.reason;
  }

  // Event indices are 32-bit everywhere past the model (kNone is the largest).
  if (index >= kNone - 1)
    throw std::invalid_argument("the trace has more events than one model holds (4 294 967 294)");
  if (m.empty() || e.seq != last_seq_ + 1) m.seq_runs_.push_back({index, e.seq});
  last_seq_ = e.seq;
  if (e.t < last_t_) m.times_in_order_ = false;
  last_t_ = e.t;
  m.kind_.push_back(e.kind);
  m.t_.push_back(e.t);
  m.proc_.push_back(TraceModel::holds_to(e.kind) ? to_ix : proc_ix);
  m.chan_.push_back(chan_ix);
  m.other_.push_back(TraceModel::holds_from(e.kind) ? from_ix : partner_ix);
  if (m.file_records_) {
    m.record_at_.push_back(file_offset);
    return;
  }
  m.record_at_.push_back(m.records_.size());
  // The record without the kind, seq and t that the columns hold; event(i) puts them back.
  uint8_t* p = m.records_.reserve_tail(binary::kMaxRecordBytes);
  if (record) {
    m.records_.commit(slim_record(p, record, len));
  } else {
    uint8_t whole[binary::kMaxRecordBytes];
    uint64_t prev_seq = e.seq - 1;
    int64_t prev_t = e.t;
    const uint8_t* end = binary::encode_record(whole, e, prev_seq, prev_t);
    m.records_.commit(slim_record(p, whole, size_t(end - whole)));
  }
}

namespace {

// Sets shared_name on every entry whose name another entry has too: one pass with a hash map,
// so that labels cost O(1) each (a scan per label was quadratic in the number of processes).
template <class Info>
void mark_repeated_names(std::vector<Info>& all) {
  std::unordered_map<StrId, uint32_t> first;  // strings are interned: equal ids, equal names
  first.reserve(all.size());
  for (uint32_t i = 0; i < all.size(); ++i) {
    auto [it, fresh] = first.try_emplace(all[i].name, i);
    if (!fresh) all[it->second].shared_name = all[i].shared_name = true;
  }
}

}  // namespace

namespace {

uint64_t name_hash(std::string_view name) { return std::hash<std::string_view>{}(name); }

}  // namespace

SharedNames SharedNames::of(const TraceModel& m) {
  SharedNames n;
  n.processes.reserve(m.processes().size());
  n.process_names.reserve(m.processes().size());
  for (const ProcessInfo& p : m.processes()) {
    n.processes.push_back(p.shared_name);
    n.process_names.push_back(name_hash(m.str(p.name)));
  }
  n.channels.reserve(m.channels().size());
  n.channel_names.reserve(m.channels().size());
  for (const ChannelInfo& c : m.channels()) {
    n.channels.push_back(c.shared_name);
    n.channel_names.push_back(name_hash(m.str(c.name)));
  }
  return n;
}

namespace {

// Marks all[from..) as `shared` says, checking each name against its hash in `names`; entries
// past them (a trace that grew since) are left unmarked. False on a name that differs.
template <class Info>
bool mark_as(const TraceModel& m, std::vector<Info>& all, size_t& from,
             const std::vector<bool>& shared, const std::vector<uint64_t>& names) {
  for (; from < all.size(); ++from) {
    if (from >= shared.size()) continue;
    if (name_hash(m.str(all[from].name)) != names[from]) return false;
    all[from].shared_name = shared[from];
  }
  return true;
}

}  // namespace

bool TraceModelBuilder::mark_shared_names(const SharedNames& names) {
  return mark_as(model_, model_.processes_, procs_marked_, names.processes, names.process_names) &&
         mark_as(model_, model_.channels_, chans_marked_, names.channels, names.channel_names);
}

TraceModel TraceModelBuilder::finish() && {
  mark_repeated_names(model_.processes_);
  mark_repeated_names(model_.channels_);
  if (!ended_) {
    model_.complete_ = false;
    model_.end_reason_ = EndReason::Truncated;
    model_.warnings_.push_back("the trace has no end event: the recording was cut short after " +
                               std::to_string(events_read()) + " events");
  }
  // Capacity beyond size was reserved but never touched, so it costs address space, not memory;
  // the columns give it back without a copy (a ulimit -v counts it), and the processes, whose
  // vector doubled, are copied once when that frees more than a quarter of it.
  for (auto* c : {&model_.proc_, &model_.chan_, &model_.other_}) c->shrink_to_fit();
  model_.record_at_.shrink_to_fit();
  model_.kind_.shrink_to_fit();
  model_.t_.shrink_to_fit();
  model_.records_.shrink_to_fit();
  auto& procs = model_.processes_;
  if (procs.capacity() - procs.size() > procs.capacity() / 4) procs.shrink_to_fit();
  return std::move(model_);
}

}  // namespace csptrace

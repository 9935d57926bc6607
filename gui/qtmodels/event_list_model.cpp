#include "event_list_model.hpp"

#include "event_tone.hpp"

#include <csptrace/event_format.hpp>

#include <QColor>
#include <QFont>

#include <algorithm>

namespace cspview {

using csptrace::EventKind;
using csptrace::kNone;

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

}  // namespace

EventListModel::EventListModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventListModel::set_document(std::shared_ptr<const TraceDocument> doc) {
  beginResetModel();
  doc_ = std::move(doc);
  only_.reset();
  endResetModel();
}

void EventListModel::set_rows(std::shared_ptr<const SearchResult> only) {
  beginResetModel();
  only_ = doc_ ? std::move(only) : nullptr;
  endResetModel();
}

size_t EventListModel::event_at_row(int row) const {
  return only_ ? only_->events[size_t(row)] : size_t(row);
}

std::optional<int> EventListModel::row_of_event(size_t event) const {
  if (!doc_ || event >= doc_->model().size()) return std::nullopt;
  if (!only_) return int(event);
  auto it = std::lower_bound(only_->events.begin(), only_->events.end(), event);
  if (it == only_->events.end() || *it != event) return std::nullopt;
  return int(it - only_->events.begin());
}

int EventListModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !doc_) return 0;
  const size_t n = only_ ? only_->events.size() : doc_->model().size();
  return int(std::min<size_t>(n, size_t(std::numeric_limits<int>::max())));
}

int EventListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString EventListModel::details(const TraceDocument& doc, size_t i) {
  const auto& m = doc.model();
  const auto e = m.event(i);
  QStringList parts;
  auto proc = [&](uint32_t ix) {
    return qs(ix == kNone ? std::string("?") : doc.process_label(ix));
  };
  using csptrace::Field;
  if (e.kind == EventKind::Transfer)
    parts << QStringLiteral("%1 → %2").arg(proc(m.from_index(i)), proc(m.to_index(i)));
  if (e.has(Field::decision)) parts << qs(csptrace::to_string(e.decision));
  if (e.has(Field::options)) parts << QStringLiteral("chosen among %1").arg(e.options);
  if (e.has(Field::op)) parts << qs(csptrace::to_string(e.op));
  if (e.has(Field::value)) parts << qs(m.value_text(e.value));
  if (e.has(Field::via)) parts << qs(csptrace::to_string(e.via));
  if (e.has(Field::level)) parts << QStringLiteral("level %1").arg(e.level);
  if (e.has(Field::alt)) parts << QStringLiteral("alt %1").arg(e.alt);
  if (e.has(Field::index)) parts << QStringLiteral("guard %1").arg(e.index);
  if (e.has(Field::ready))
    parts << (e.ready ? QStringLiteral("ready") : QStringLiteral("not ready"));
  if (e.has(Field::rule)) parts << qs(csptrace::to_string(e.rule));
  if (e.has(Field::partner) && e.kind != EventKind::Transfer)
    parts << QStringLiteral("by %1").arg(proc(m.partner_index(i)));
  if (e.has(Field::duration)) parts << qs(csptrace::format_duration(e.duration));
  if (e.has(Field::status)) parts << qs(csptrace::to_string(e.status));
  if (e.has(Field::reason)) parts << qs(csptrace::to_string(e.reason));
  if (e.has(Field::name) && e.kind != EventKind::Spawn && e.kind != EventKind::ChanMake)
    parts << qs(m.str(e.name));
  if (e.has(Field::label)) parts << QStringLiteral("\"%1\"").arg(qs(m.str(e.label)));
  if (e.has(Field::message)) parts << qs(m.str(e.message));
  return parts.join(QStringLiteral("  "));
}

QVariant EventListModel::data(const QModelIndex& index, int role) const {
  if (!doc_ || !index.isValid() || index.row() >= rowCount()) return {};
  const size_t i = event_at_row(index.row());
  const auto& m = doc_->model();
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Seq: return QVariant::fromValue<qulonglong>(m.seq(i));
      case Time: return qs(csptrace::format_duration(m.time(i)));
      case Kind: return qs(csptrace::to_string(m.kind(i)));
      case Process: {
        const uint32_t p = m.proc_index(i) != kNone ? m.proc_index(i) : m.from_index(i);
        return p == kNone ? QString() : qs(doc_->process_label(p));
      }
      case Channel:
        return m.chan_index(i) == kNone ? QString() : qs(doc_->channel_label(m.chan_index(i)));
      case Details: return details(*doc_, i);
      case Where: {
        const auto e = m.event(i);
        return e.has(csptrace::Field::loc) ? qs(m.str(e.loc)) : QString();
      }
      default: return {};
    }
  }
  if (role == Qt::TextAlignmentRole && (index.column() == Seq || index.column() == Time))
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ForegroundRole) {
    // Red for problems only (event_tone.hpp): a take refused by a closed channel is a normal end.
    switch (tone_of(m, i)) {
      case Tone::Problem:
      case Tone::Notice: return colours_.of(tone_of(m, i));
      case Tone::Normal: break;
    }
  }
  if (role == Qt::FontRole && index.column() == Kind && m.kind(i) == EventKind::Transfer) {
    QFont f;
    f.setBold(true);
    return f;
  }
  return {};
}

QVariant EventListModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Seq: return QStringLiteral("#");
    case Time: return QStringLiteral("time");
    case Kind: return QStringLiteral("kind");
    case Process: return QStringLiteral("process");
    case Channel: return QStringLiteral("channel");
    case Details: return QStringLiteral("details");
    case Where: return QStringLiteral("where");
    default: return {};
  }
}

}  // namespace cspview

#include "event_inspector.hpp"

#include "state_text.hpp"

#include <csptrace/event_format.hpp>

namespace cspview {

using csptrace::Field;
using csptrace::kNone;

namespace {

QString esc(std::string_view s) {
  return QString::fromUtf8(s.data(), qsizetype(s.size())).toHtmlEscaped();
}

// Why an alt chose its guard, in the words of the schema's one definition.
std::string_view rule_doc(csptrace::AltRule r) {
  switch (r) {
#define CSPVIEW_RULE_DOC(E, name, doc) \
  case csptrace::AltRule::E: return doc;
    CSPTRACE_ALT_RULES(CSPVIEW_RULE_DOC)
#undef CSPVIEW_RULE_DOC
  }
  return {};
}

}  // namespace

EventInspector::EventInspector(QWidget* parent) : QTextBrowser(parent) {
  setOpenLinks(false);
  setPlaceholderText(
      QStringLiteral("Click an event on the timeline or in the list to see it here."));
}

void EventInspector::show_event(const TraceDocument& doc, size_t event,
                                const csptrace::ReplayState& after) {
  setHtml(event_html(doc, event, after));
}

void EventInspector::show_text(const QString& html) { setHtml(html); }

QString EventInspector::event_html(const TraceDocument& doc, size_t i,
                                   const csptrace::ReplayState& after) {
  const auto& m = doc.model();
  if (i >= m.size()) return {};
  const auto e = m.event(i);
  QString h;
  h += QStringLiteral(
           "<h3 style='margin:0'>#%1 %2</h3><p style='margin-top:2px'><i>%3</i></p><table "
           "cellspacing=2>")
           .arg(e.seq)
           .arg(esc(csptrace::to_string(e.kind)), esc(csptrace::kind_doc(e.kind)));
  auto row = [&h](const QString& k, const QString& v) {
    h += QStringLiteral("<tr><td style='color:gray;padding-right:8px'>%1</td><td>%2</td></tr>")
             .arg(k, v);
  };
  row(QStringLiteral("time"), esc(csptrace::format_duration(e.t)));
  if (e.has(Field::thread)) row(QStringLiteral("thread"), QString::number(e.thread));
  auto proc = [&](uint32_t ix) {
    return ix == kNone ? QStringLiteral("?")
                       : QStringLiteral("<b>%1</b>").arg(esc(doc.process_label(ix)));
  };
  if (m.proc_index(i) != kNone) row(QStringLiteral("process"), proc(m.proc_index(i)));
  if (m.chan_index(i) != kNone) {
    const auto& c = m.channels()[m.chan_index(i)];
    QString kind = esc(csptrace::to_string(c.buffer));
    if (c.cap) kind += QStringLiteral("(%1)").arg(c.cap);
    row(QStringLiteral("channel"),
        QStringLiteral("<b>%1</b> %2").arg(esc(doc.channel_label(m.chan_index(i))), kind));
  }
  if (e.has(Field::from)) row(QStringLiteral("from"), proc(m.from_index(i)));
  if (e.has(Field::to)) row(QStringLiteral("to"), proc(m.to_index(i)));
  if (e.has(Field::partner)) {
    // "W: go there" only where W finds the waker's event (the same function W uses).
    const bool wake =
        e.kind == csptrace::EventKind::Resume || e.kind == csptrace::EventKind::Unblock;
    const QString hint = wake && doc.waker_of(i)
                             ? QStringLiteral(" <span style='color:gray'>(W: go there)</span>")
                             : QString();
    row(e.kind == csptrace::EventKind::Spawn ? QStringLiteral("parent")
        : wake                               ? QStringLiteral("woken by")
                                             : QStringLiteral("by"),
        proc(m.partner_index(i)) + hint);
  }
  if (e.has(Field::value))
    row(QStringLiteral("value"), QStringLiteral("<b>%1</b>").arg(esc(m.value_text(e.value))));
  if (e.has(Field::op)) row(QStringLiteral("operation"), esc(csptrace::to_string(e.op)));
  if (e.has(Field::via)) row(QStringLiteral("via"), esc(csptrace::to_string(e.via)));
  if (e.has(Field::level)) row(QStringLiteral("buffer level"), QString::number(e.level));
  if (e.has(Field::alt)) row(QStringLiteral("alt"), QString::number(e.alt));
  if (e.has(Field::index))
    row(QStringLiteral("guard"),
        e.index < 0 ? QStringLiteral("default") : QString::number(e.index));
  if (e.has(Field::ready))
    row(QStringLiteral("ready"), e.ready ? QStringLiteral("yes") : QStringLiteral("no"));
  if (e.has(Field::rule))
    row(QStringLiteral("why"),
        QStringLiteral("%1 — %2").arg(esc(csptrace::to_string(e.rule)), esc(rule_doc(e.rule))));
  if (e.has(Field::duration))
    row(QStringLiteral("duration"), esc(csptrace::format_duration(e.duration)));
  if (e.has(Field::status)) row(QStringLiteral("status"), esc(csptrace::to_string(e.status)));
  if (e.has(Field::label))
    row(QStringLiteral("label"), QStringLiteral("“%1”").arg(esc(m.str(e.label))));
  if (e.has(Field::message)) row(QStringLiteral("message"), esc(m.str(e.message)));
  if (e.has(Field::reason)) row(QStringLiteral("reason"), esc(csptrace::to_string(e.reason)));
  if (e.has(Field::loc))
    row(QStringLiteral("source"), QStringLiteral("<b>%1</b>").arg(esc(m.str(e.loc))));
  h += QStringLiteral("</table>");

  // What the event left behind.
  if (after.processes.empty()) return h;
  const int before = int(h.size());
  auto proc_line = [&](uint32_t p) {
    if (p == kNone || p >= after.processes.size()) return;
    const ProcessStateText t = describe_process(doc, after, p);
    QString line = QStringLiteral("<li>%1: %2").arg(proc(p), esc(t.state));
    if (!t.waits_on.empty()) line += QStringLiteral(" — %1").arg(esc(t.waits_on));
    if (!t.where.empty()) line += QStringLiteral(" at %1").arg(esc(t.where));
    h += line + QStringLiteral("</li>");
  };
  proc_line(m.proc_index(i));
  if (m.from_index(i) != m.proc_index(i)) proc_line(m.from_index(i));
  if (m.to_index(i) != m.proc_index(i)) proc_line(m.to_index(i));
  if (m.chan_index(i) != kNone && m.chan_index(i) < after.channels.size()) {
    const ChannelStateText t = describe_channel(doc, after, m.chan_index(i));
    QString line = QStringLiteral("<li><b>%1</b>: %2")
                       .arg(esc(doc.channel_label(m.chan_index(i))), esc(t.contents));
    if (!t.putters.empty()) line += QStringLiteral("; putters waiting: %1").arg(esc(t.putters));
    if (!t.takers.empty()) line += QStringLiteral("; takers waiting: %1").arg(esc(t.takers));
    h += line + QStringLiteral("</li>");
  }
  if (h.size() > before) {
    h.insert(
        before,
        QStringLiteral(
            "<p style='margin-bottom:2px'><b>After this event</b></p><ul style='margin-top:0'>"));
    h += QStringLiteral("</ul>");
  }
  return h;
}

}  // namespace cspview

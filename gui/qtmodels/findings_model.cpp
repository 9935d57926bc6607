#include "findings_model.hpp"

#include <csptrace/event_format.hpp>

#include <QBrush>
#include <QColor>
#include <QFont>

namespace cspview {

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QString symbol(csptrace::Severity s) {
  switch (s) {
    case csptrace::Severity::Error: return QStringLiteral("✖");
    case csptrace::Severity::Warning: return QStringLiteral("⚠");
    case csptrace::Severity::Info: return QStringLiteral("ℹ");
  }
  return {};
}

}  // namespace

FindingsModel::FindingsModel(QObject* parent) : QAbstractListModel(parent) {}

void FindingsModel::set_document(std::shared_ptr<const TraceDocument> doc) {
  beginResetModel();
  doc_ = std::move(doc);
  endResetModel();
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !doc_ ? 0 : int(doc_->findings().size());
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const csptrace::Finding& f = doc_->findings()[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole: {
      QStringList names;
      for (uint32_t p : f.processes) {
        if (names.size() == 4) {
          names << QStringLiteral("…");
          break;
        }
        names << qs(doc_->process_label(p));
      }
      const auto row = size_t(index.row());
      return QStringLiteral("%1 %2 (%3)\n    %4")
          .arg(symbol(f.severity), qs(doc_->finding_title(row)), qs(doc_->finding_strength(row)),
               names.join(QStringLiteral(", ")));
    }
    case Qt::ToolTipRole:
    case ExplanationRole: return qs(f.explanation);
    case EventRole: return QVariant::fromValue<qulonglong>(f.event);
    case Qt::ForegroundRole:
      return f.severity == csptrace::Severity::Error     ? QBrush(colours_.problem)
             : f.severity == csptrace::Severity::Warning ? QBrush(colours_.notice)
                                                         : QVariant();
    default: return {};
  }
}

QUrl FindingsModel::link_url(TextPiece::Kind kind, size_t target) {
  const char* what = kind == TextPiece::Kind::Process   ? "process"
                     : kind == TextPiece::Kind::Channel ? "channel"
                                                        : "event";
  return QUrl(QStringLiteral("cspview:%1/%2").arg(QLatin1String(what)).arg(qulonglong(target)));
}

std::optional<TextPiece> FindingsModel::parse_link(const QUrl& url) {
  if (url.scheme() != QStringLiteral("cspview")) return std::nullopt;
  const QStringList parts = url.path().split(QLatin1Char('/'));
  if (parts.size() != 2) return std::nullopt;
  bool ok = false;
  const qulonglong target = parts[1].toULongLong(&ok);
  if (!ok) return std::nullopt;
  TextPiece p;
  p.target = size_t(target);
  if (parts[0] == QStringLiteral("process"))
    p.kind = TextPiece::Kind::Process;
  else if (parts[0] == QStringLiteral("channel"))
    p.kind = TextPiece::Kind::Channel;
  else if (parts[0] == QStringLiteral("event"))
    p.kind = TextPiece::Kind::Event;
  else
    return std::nullopt;
  return p;
}

QString FindingsModel::linked_html(const TraceDocument& doc, std::string_view text) {
  QString h;
  for (const TextPiece& p : link_names(doc, text)) {
    const QString t = qs(p.text).toHtmlEscaped();
    if (p.kind == TextPiece::Kind::Text)
      h += t;
    else
      h += QStringLiteral("<a href=\"%1\">%2</a>").arg(link_url(p.kind, p.target).toString(), t);
  }
  return h;
}

QString FindingsModel::finding_html(const TraceDocument& doc, size_t i) {
  if (i >= doc.findings().size()) return {};
  const csptrace::Finding& f = doc.findings()[i];
  const auto& m = doc.model();
  QString h = QStringLiteral("<p><b>%1 %2</b> (%3)<br><span style='color:gray'>%4</span></p>")
                  .arg(symbol(f.severity), qs(doc.finding_title(i)), qs(doc.finding_strength(i)),
                       doc.live_state()
                           ? QStringLiteral("a wait that has lasted long while the program runs")
                           : qs(csptrace::finding_doc(f.kind)).toHtmlEscaped());
  if (f.event < m.size())
    h += QStringLiteral("<p>at %1, <a href=\"%2\">event %3</a></p>")
             .arg(qs(csptrace::format_duration(f.time)),
                  link_url(TextPiece::Kind::Event, f.event).toString())
             .arg(m.seq(f.event));
  h += QStringLiteral("<p>%1</p>").arg(linked_html(doc, f.explanation));
  const auto causes = finding_causes(doc, f);
  if (!causes.empty()) {
    QStringList links;
    for (size_t e : causes)
      links << QStringLiteral("<a href=\"%1\">%2 %3 (#%4)</a>")
                   .arg(link_url(TextPiece::Kind::Event, e).toString(),
                        qs(m.proc_index(e) != csptrace::kNone ? doc.process_label(m.proc_index(e))
                                                              : std::string()),
                        qs(csptrace::to_string(m.kind(e))))
                   .arg(m.seq(e));
    h += QStringLiteral("<p><b>Cause</b> (ringed on the timeline): %1</p>")
             .arg(links.join(QStringLiteral(", ")));
  }
  if (!f.locations.empty()) {
    QStringList locs;
    for (const auto& l : f.locations) locs << qs(l).toHtmlEscaped();
    h += QStringLiteral("<p>source: <b>%1</b></p>").arg(locs.join(QStringLiteral(", ")));
  }
  return h;
}

}  // namespace cspview

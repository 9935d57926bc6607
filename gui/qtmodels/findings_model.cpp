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
      return QStringLiteral("%1 %2 (%3)\n    %4")
          .arg(symbol(f.severity), qs(csptrace::to_string(f.kind)), qs(csptrace::to_string(f.strength)),
               names.join(QStringLiteral(", ")));
    }
    case Qt::ToolTipRole:
    case ExplanationRole: return qs(f.explanation);
    case EventRole: return QVariant::fromValue<qulonglong>(f.event);
    case Qt::ForegroundRole:
      return f.severity == csptrace::Severity::Error     ? QBrush(QColor(0xd0, 0x10, 0x10))
             : f.severity == csptrace::Severity::Warning ? QBrush(QColor(0xb0, 0x60, 0x00))
                                                         : QVariant();
    default: return {};
  }
}

QString FindingsModel::finding_html(const TraceDocument& doc, size_t i) {
  if (i >= doc.findings().size()) return {};
  const csptrace::Finding& f = doc.findings()[i];
  QString h = QStringLiteral("<p><b>%1 %2</b> (%3)<br><span style='color:gray'>%4</span></p>")
                  .arg(symbol(f.severity), qs(csptrace::to_string(f.kind)), qs(csptrace::to_string(f.strength)),
                       qs(csptrace::finding_doc(f.kind)).toHtmlEscaped());
  if (f.event < doc.model().size())
    h += QStringLiteral("<p>at %1, event %2</p>").arg(qs(csptrace::format_duration(f.time))).arg(f.event);
  h += QStringLiteral("<p>%1</p>").arg(qs(f.explanation).toHtmlEscaped());
  if (!f.locations.empty()) {
    QStringList locs;
    for (const auto& l : f.locations) locs << qs(l).toHtmlEscaped();
    h += QStringLiteral("<p>source: <b>%1</b></p>").arg(locs.join(QStringLiteral(", ")));
  }
  return h;
}

}  // namespace cspview

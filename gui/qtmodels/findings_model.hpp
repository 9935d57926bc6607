// The findings panel's list: one row per analysis finding, "✖ wait-cycle (proven)" over the
// processes it involves; the explanation is the tooltip and the panel's detail text.
#pragma once

#include "finding_links.hpp"
#include "tone_colours.hpp"
#include "trace_document.hpp"

#include <QAbstractListModel>
#include <QUrl>

#include <memory>
#include <optional>

namespace cspview {

class FindingsModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { ExplanationRole = Qt::UserRole + 1, EventRole };
  explicit FindingsModel(QObject* parent = nullptr);

  void set_document(std::shared_ptr<const TraceDocument> doc);
  void set_dark(bool dark) { colours_ = ToneColours::make(dark); }
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  // "✖ wait-cycle (proven) … at 11.000 µs, event 22", the explanation and the cause, as HTML;
  // the processes, channels and events it names are links (link_url / parse_link). Events are
  // numbered as csptrace prints them.
  static QString finding_html(const TraceDocument& doc, size_t f);
  // Text with the names in it as links.
  static QString linked_html(const TraceDocument& doc, std::string_view text);

  // "cspview:event/12" and back; nullopt for any other URL.
  static QUrl link_url(TextPiece::Kind kind, size_t target);
  static std::optional<TextPiece> parse_link(const QUrl& url);

 private:
  std::shared_ptr<const TraceDocument> doc_;
  ToneColours colours_ = ToneColours::make(false);
};

}  // namespace cspview

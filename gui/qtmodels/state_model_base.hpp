// What the two "at the cursor" panels share: the document, the replay state shown, and the
// header texts. Setting a new state of the same document updates the rows in place (views keep
// their scroll position); a new document resets the model.
#pragma once

#include "tone_colours.hpp"
#include "trace_document.hpp"

#include <QAbstractTableModel>
#include <QStringList>

#include <csptrace/replay_state.hpp>

#include <memory>

namespace cspview {

class StateModelBase : public QAbstractTableModel {
  Q_OBJECT
 public:
  StateModelBase(QStringList headers, QObject* parent)
      : QAbstractTableModel(parent), headers_(std::move(headers)) {}
  void set_state(std::shared_ptr<const TraceDocument> doc, csptrace::ReplayState state);
  const csptrace::ReplayState& state() const { return state_; }
  void set_dark(bool dark) { colours_ = ToneColours::make(dark); }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 protected:
  virtual int rows_for(const csptrace::ReplayState& s) const = 0;
  std::shared_ptr<const TraceDocument> doc_;
  csptrace::ReplayState state_;
  ToneColours colours_ = ToneColours::make(false);

 private:
  QStringList headers_;
};

}  // namespace cspview

// The "at the cursor" panels: every process's state and every channel's buffer and waiting
// queues, after the cursor's event. Set a new state and rows update in place (views keep their
// scroll position); the text comes from describe_process / describe_channel.
#pragma once

#include "state_text.hpp"
#include "trace_document.hpp"

#include <QAbstractTableModel>

#include <csptrace/replay_state.hpp>

#include <memory>

namespace cspview {

// Shared by both panels: the document, the state shown, rows and header texts.
class StateModelBase : public QAbstractTableModel {
  Q_OBJECT
 public:
  StateModelBase(QStringList headers, QObject* parent) : QAbstractTableModel(parent), headers_(std::move(headers)) {}
  void set_state(std::shared_ptr<const TraceDocument> doc, csptrace::ReplayState state);
  const csptrace::ReplayState& state() const { return state_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 protected:
  virtual int rows_for(const TraceDocument& doc, const csptrace::ReplayState& s) const = 0;
  std::shared_ptr<const TraceDocument> doc_;
  csptrace::ReplayState state_;

 private:
  QStringList headers_;
};

class ProcessStateModel : public StateModelBase {
  Q_OBJECT
 public:
  enum Column { Name, State, WaitsOn, Where };
  explicit ProcessStateModel(QObject* parent = nullptr);
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 protected:
  int rows_for(const TraceDocument& doc, const csptrace::ReplayState& s) const override;
};

class ChannelStateModel : public StateModelBase {
  Q_OBJECT
 public:
  enum Column { Name, Contents, Putters, Takers };
  explicit ChannelStateModel(QObject* parent = nullptr);
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 protected:
  int rows_for(const TraceDocument& doc, const csptrace::ReplayState& s) const override;
};

}  // namespace cspview

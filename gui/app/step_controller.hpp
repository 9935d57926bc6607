// The replay cursor of the window: stepping one event or one rendezvous either way, jumps, and
// play / pause at a chosen speed. Every move costs at most one checkpoint interval of replay
// (csptrace::Replay), so stepping back is as quick as stepping forward.
#pragma once

#include "trace_document.hpp"

#include <csptrace/replay_cursor.hpp>

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace cspview {

class StepController : public QObject {
  Q_OBJECT
 public:
  explicit StepController(QObject* parent = nullptr);

  // Stepping needs the replay: until the document has its analysis, the cursor stays unset.
  void set_document(std::shared_ptr<const TraceDocument> doc);
  bool has_document() const { return cursor_ != nullptr; }
  // The event the cursor stands after; nullopt before the first event.
  std::optional<size_t> current_event() const;
  const csptrace::ReplayState* state() const { return cursor_ ? &cursor_->state() : nullptr; }

  void next();
  void prev();
  void next_rendezvous();
  void prev_rendezvous();
  void to_start();
  void to_end();
  void seek_event(size_t event);

  bool playing() const { return timer_.isActive(); }
  void set_playing(bool on);
  void set_speed(double events_per_second);
  double speed() const { return speed_; }

 signals:
  void moved();
  void playing_changed(bool playing);

 private:
  void after_move(bool did_move);

  std::shared_ptr<const TraceDocument> doc_;
  std::unique_ptr<csptrace::ReplayCursor> cursor_;
  QTimer timer_;
  double speed_ = 2;
};

}  // namespace cspview

#include "step_controller.hpp"

#include <algorithm>

namespace cspview {

StepController::StepController(QObject* parent) : QObject(parent) {
  connect(&timer_, &QTimer::timeout, this, [this] {
    if (!cursor_ || cursor_->at_end()) {
      set_playing(false);
      return;
    }
    next();
  });
  set_speed(speed_);
}

void StepController::set_document(std::shared_ptr<const TraceDocument> doc) {
  set_playing(false);
  cursor_.reset();
  doc_ = std::move(doc);
  if (doc_ && doc_->has_analysis())
    cursor_ = std::make_unique<csptrace::ReplayCursor>(doc_->replay());
  emit moved();
}

std::optional<size_t> StepController::current_event() const {
  if (!cursor_ || cursor_->at_start()) return std::nullopt;
  return cursor_->event();
}

void StepController::after_move(bool did_move) {
  if (did_move) emit moved();
}

void StepController::next() { after_move(cursor_ && cursor_->next()); }
void StepController::prev() { after_move(cursor_ && cursor_->prev()); }
void StepController::next_rendezvous() { after_move(cursor_ && cursor_->next_rendezvous()); }
void StepController::prev_rendezvous() { after_move(cursor_ && cursor_->prev_rendezvous()); }

void StepController::to_start() {
  if (!cursor_) return;
  cursor_->to_start();
  emit moved();
}

void StepController::to_end() {
  if (!cursor_) return;
  cursor_->to_end();
  emit moved();
}

void StepController::seek_event(size_t event) {
  if (!cursor_ || event >= doc_->model().size()) return;
  cursor_->seek_event(event);
  emit moved();
}

void StepController::set_playing(bool on) {
  if (on == timer_.isActive()) return;
  if (on && cursor_ && cursor_->at_end()) cursor_->to_start();
  if (on) {
    timer_.start();
  } else {
    timer_.stop();
  }
  emit playing_changed(on);
}

void StepController::set_speed(double events_per_second) {
  speed_ = std::clamp(events_per_second, 0.1, 1000.0);
  timer_.setInterval(int(1000.0 / speed_));
}

}  // namespace cspview

// How a caller follows and stops a load running in the background.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace csptrace {

struct Event;
class TraceModel;
class TraceModelBuilder;

struct LoadOptions {
  // Called now and then with the fraction of the input read so far (0..1), from the loading
  // thread. May be empty.
  std::function<void(double)> progress;
  // When set and it becomes true, the loader stops and throws LoadCancelled.
  const std::atomic<bool>* cancel = nullptr;
  // Told, from the loading thread, what the user should know while the load waits (a named
  // pipe with no writer yet). May be empty.
  std::function<void(const std::string&)> notice;

  // Follow a trace that is still being written (`csptrace print --follow`, tail -f): at the end
  // of the bytes written so far, wait for more while some process has the file open for
  // writing, until the trace's end event; a file that does not exist yet is waited for. The
  // load then returns as usual, with the "cut short" warning when the writer went away before
  // writing the end (it died). Regular files only; a pipe or standard input is read as always.
  bool follow = false;
  // Called, from the loading thread, after each event is added, with the model so far (names
  // of processes and channels are known, but "#id" disambiguation of shared names is not: it
  // is settled only when the load finishes). May be empty.
  std::function<void(const TraceModel& so_far, size_t event)> on_event;
  // Called, from the loading thread, after each batch of events (a binary chunk; the events of
  // one 1 MB read of JSON Lines) with the builder, whose model holds them: a pass that uses the
  // events as they come may then retire them (TraceModelBuilder::retire_before), so that its
  // memory does not grow with the trace. May be empty.
  std::function<void(TraceModelBuilder&)> on_batch;
  // Intern only the names of processes and channels: every other text of an event (values,
  // labels, locations, messages) is read and checked as always but holds the empty text. For a
  // pass that needs the processes, the channels and their names only (the first read of a
  // file read twice): the texts it skips cost it no hashing and no memory. The JSON Lines
  // reader's; a binary trace's texts are records of their own, read as they are.
  bool names_only = false;
  // Leave a binary trace's records in its file and read them on demand (file_records.hpp): the
  // model then holds its columns and offsets only, about 7 bytes an event less. Only for a
  // regular file that is not followed and that the process can lease (it is its owner, and no
  // one has it open for writing); otherwise the records are copied as always. For a model that
  // stays open (the viewer), not for a pass that reads every record once.
  bool records_in_file = false;
  // When set, the model keeps only the events that declare the run's lanes (spawn, chan_make)
  // and `end`; every other event is handed to on_skipped with the model so far, unchecked
  // and not kept, decoded at least as far as its kind, seq, t, proc and chan (the binary
  // reader decodes no more: Event::present says which). For a first look at a big trace in one pass
  // that holds almost nothing (trace_preview.hpp): the load that follows checks every event. Not
  // together with on_event or follow.
  std::function<void(const TraceModel& so_far, const Event&)> on_skipped;
  // Called when a followed trace has no new bytes yet, before the loader waits (a printer
  // flushes its output here). May be empty.
  std::function<void()> on_idle;
};

}  // namespace csptrace

// Who writes a file: the question a follower of a growing trace asks when it reaches the end
// of what was written (wait for more, or has the writer gone?).
#pragma once

namespace csptrace {

// True when some process, this one included, has the file behind fd open for writing. Reads
// /proc (Linux), the way fuser does: processes whose descriptors cannot be read (another user's)
// are not seen. Costs a walk over every open descriptor of the machine, so a caller asks it
// now and then, not per read.
bool file_has_writer(int fd);

}  // namespace csptrace

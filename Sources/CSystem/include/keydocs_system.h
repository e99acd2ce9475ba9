#ifndef KEYDOCS_SYSTEM_H
#define KEYDOCS_SYSTEM_H

#include <stddef.h>

/// Swaps two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set (ENOSYS or EINVAL where unsupported).
int keydocs_exchange_paths(const char *a, const char *b);

/// Sets up spawn attributes so that the child starts in a new session, with every signal at
/// its default action and none blocked, whatever this process ignores or blocks (SIGPIPE in
/// particular, which a pipeline's commands rely on to stop). Returns 0 on success.
int keydocs_spawn_attributes(void *attributes);
/// Closes, in the child that `actions` start, every descriptor from `lowest` up.
int keydocs_spawn_close_from(void *actions, int lowest);

/// Creates a pipe whose two ends close on exec, so that no other child inherits them
/// (pipe2 with O_CLOEXEC). Returns 0 on success.
int keydocs_pipe_cloexec(int fds[2]);

/// An anonymous file in memory holding `count` bytes, read from its start, closed on exec
/// (memfd_create). Returns its descriptor, or -1 with errno set.
int keydocs_memory_file(const void *bytes, size_t count);

/// The first occurrence of `needle` in `haystack` (glibc's memmem), or NULL.
const void *keydocs_find_bytes(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif

#ifndef KEYDOCS_SYSTEM_H
#define KEYDOCS_SYSTEM_H

/// Swaps two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set (ENOSYS or EINVAL where unsupported).
int keydocs_exchange_paths(const char *a, const char *b);

/// The posix_spawn flag that starts the child in a new session (POSIX_SPAWN_SETSID).
short keydocs_spawn_setsid_flag(void);

#endif

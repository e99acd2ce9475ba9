#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>
#include "keydocs_system.h"

int keydocs_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    (void)a;
    (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

int keydocs_spawn_attributes(void *attributes) {
    posix_spawnattr_t *attr = attributes;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    if (posix_spawnattr_setsigdefault(attr, &all) != 0) return -1;
    if (posix_spawnattr_setsigmask(attr, &none) != 0) return -1;
    return posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
}

int keydocs_spawn_close_from(void *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np((posix_spawn_file_actions_t *)actions, lowest);
}

int keydocs_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

const void *keydocs_find_bytes(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

int keydocs_memory_file(const void *bytes, size_t count) {
    int fd = memfd_create("input", MFD_CLOEXEC);
    if (fd < 0) return -1;
    size_t done = 0;
    while (done < count) {
        ssize_t n = write(fd, (const char *)bytes + done, count - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        done += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* LD_PRELOAD shim for the crash harness (test_crash.py, kill kind "syscall").

   SQLite's own writes are where a commit really happens: WAL frames written one page at a
   time, the WAL synced, the WAL index updated, pages copied back to the database file by a
   checkpoint. Python cannot stop the process between two of those, so this shim does. Once
   armed by crash_arm(), it counts the write, truncate and sync calls made on the database's
   files (any file whose path starts with the prefix: the database, its -wal and -shm) and
   sends SIGKILL to the process at the n-th, before the call runs. With torn set, a write
   that is due gets half its bytes written first, leaving a torn page as well.

   Unarmed it only passes each call through, so the harness's fork server can carry it into
   every child and arm it in the ones that die this way. */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long kill_at = -1;
static long seen = 0;
static int torn = 0;
static char *prefix = NULL;
static size_t prefix_len = 0;

void crash_arm(long n, const char *path_prefix, int torn_write) {
    prefix = strdup(path_prefix);
    prefix_len = strlen(prefix);
    torn = torn_write;
    seen = 0;
    kill_at = n;
}

static int on_database(int fd) {
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) {
        return 0;
    }
    target[n] = '\0';
    return strncmp(target, prefix, prefix_len) == 0;
}

static int due(int fd) {
    return kill_at > 0 && on_database(fd) && ++seen == kill_at;
}

static void die(void) {
    kill(getpid(), SIGKILL);
}

typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*truncate_fn)(int, off_t);
typedef int (*sync_fn)(int);

/* The next definition of NAME (libc's), looked up once. */
#define REAL(name, type) \
    static type real_##name = NULL; \
    if (real_##name == NULL) real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset) {
    REAL(pwrite64, pwrite_fn);
    if (due(fd)) {
        if (torn && count > 1) {
            real_pwrite64(fd, buf, count / 2, offset);
        }
        die();
    }
    return real_pwrite64(fd, buf, count, offset);
}

ssize_t write(int fd, const void *buf, size_t count) {
    REAL(write, write_fn);
    if (due(fd)) {
        if (torn && count > 1) {
            real_write(fd, buf, count / 2);
        }
        die();
    }
    return real_write(fd, buf, count);
}

int ftruncate64(int fd, off_t length) {
    REAL(ftruncate64, truncate_fn);
    if (due(fd)) {
        die();
    }
    return real_ftruncate64(fd, length);
}

int fdatasync(int fd) {
    REAL(fdatasync, sync_fn);
    if (due(fd)) {
        die();
    }
    return real_fdatasync(fd);
}

int fsync(int fd) {
    REAL(fsync, sync_fn);
    if (due(fd)) {
        die();
    }
    return real_fsync(fd);
}

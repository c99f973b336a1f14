// libarchive, loaded the first time a tarball is opened rather than when dockyard starts.
//
// libarchive brings a dozen shared libraries with it (libxml2, ICU, liblzma, libzstd, nettle, …).
// Linked normally, the dynamic loader maps and relocates all of them before main() on every
// `dockyard` command, ~2 ms here, though only image load/save/import/export and commit read or
// write tarballs. So dockyard does not link libarchive. Each dy_archive_* function below has the
// signature of the libarchive function named without the prefix and calls it through a pointer
// that dlopen/dlsym fill in on first use. The constructors (dy_archive_read_new,
// dy_archive_write_new, dy_archive_entry_new) load the library and return NULL if it cannot be
// loaded, with dy_archive_load_error() saying why; every other function takes an object one of
// them made, so the library is loaded by then.
#ifndef DY_ARCHIVE_H
#define DY_ARCHIVE_H

#include <archive.h>
#include <archive_entry.h>

// X(return type, libarchive name, parameters, arguments) for each function dockyard calls.
#define DY_ARCHIVE_CONSTRUCTORS(X) \
    X(struct archive *, archive_read_new, (void), ()) \
    X(struct archive *, archive_write_new, (void), ()) \
    X(struct archive_entry *, archive_entry_new, (void), ())

#define DY_ARCHIVE_FUNCTIONS(X) \
    X(const char *, archive_error_string, (struct archive *a), (a)) \
    X(int, archive_read_support_filter_gzip, (struct archive *a), (a)) \
    X(int, archive_read_support_filter_zstd, (struct archive *a), (a)) \
    X(int, archive_read_support_format_tar, (struct archive *a), (a)) \
    X(int, archive_read_support_format_raw, (struct archive *a), (a)) \
    X(int, archive_read_support_format_empty, (struct archive *a), (a)) \
    X(int, archive_read_open, (struct archive *a, void *data, archive_open_callback *open, \
                               archive_read_callback *read, archive_close_callback *close), \
      (a, data, open, read, close)) \
    X(int, archive_read_open_filename, (struct archive *a, const char *path, size_t block_size), \
      (a, path, block_size)) \
    X(int, archive_read_next_header, (struct archive *a, struct archive_entry **entry), (a, entry)) \
    X(la_ssize_t, archive_read_data, (struct archive *a, void *buffer, size_t size), (a, buffer, size)) \
    X(int, archive_read_data_block, (struct archive *a, const void **buffer, size_t *size, la_int64_t *offset), \
      (a, buffer, size, offset)) \
    X(int, archive_read_free, (struct archive *a), (a)) \
    X(int, archive_write_set_format_pax_restricted, (struct archive *a), (a)) \
    X(int, archive_write_set_format_raw, (struct archive *a), (a)) \
    X(int, archive_write_add_filter_gzip, (struct archive *a), (a)) \
    X(int, archive_write_set_filter_option, (struct archive *a, const char *module, const char *option, const char *value), \
      (a, module, option, value)) \
    X(int, archive_write_set_bytes_per_block, (struct archive *a, int bytes), (a, bytes)) \
    X(int, archive_write_open, (struct archive *a, void *data, archive_open_callback *open, \
                                archive_write_callback *write, archive_close_callback *close), \
      (a, data, open, write, close)) \
    X(int, archive_write_header, (struct archive *a, struct archive_entry *entry), (a, entry)) \
    X(la_ssize_t, archive_write_data, (struct archive *a, const void *buffer, size_t size), (a, buffer, size)) \
    X(int, archive_write_close, (struct archive *a), (a)) \
    X(int, archive_write_free, (struct archive *a), (a)) \
    X(void, archive_entry_free, (struct archive_entry *e), (e)) \
    X(const char *, archive_entry_pathname, (struct archive_entry *e), (e)) \
    X(const char *, archive_entry_hardlink, (struct archive_entry *e), (e)) \
    X(const char *, archive_entry_symlink, (struct archive_entry *e), (e)) \
    X(__LA_MODE_T, archive_entry_filetype, (struct archive_entry *e), (e)) \
    X(__LA_MODE_T, archive_entry_perm, (struct archive_entry *e), (e)) \
    X(la_int64_t, archive_entry_size, (struct archive_entry *e), (e)) \
    X(la_int64_t, archive_entry_uid, (struct archive_entry *e), (e)) \
    X(la_int64_t, archive_entry_gid, (struct archive_entry *e), (e)) \
    X(time_t, archive_entry_mtime, (struct archive_entry *e), (e)) \
    X(long, archive_entry_mtime_nsec, (struct archive_entry *e), (e)) \
    X(dev_t, archive_entry_rdevmajor, (struct archive_entry *e), (e)) \
    X(dev_t, archive_entry_rdevminor, (struct archive_entry *e), (e)) \
    X(void, archive_entry_copy_pathname, (struct archive_entry *e, const char *path), (e, path)) \
    X(void, archive_entry_copy_hardlink, (struct archive_entry *e, const char *path), (e, path)) \
    X(void, archive_entry_copy_symlink, (struct archive_entry *e, const char *path), (e, path)) \
    X(void, archive_entry_set_mode, (struct archive_entry *e, __LA_MODE_T mode), (e, mode)) \
    X(void, archive_entry_set_size, (struct archive_entry *e, la_int64_t size), (e, size)) \
    X(void, archive_entry_set_uid, (struct archive_entry *e, la_int64_t uid), (e, uid)) \
    X(void, archive_entry_set_gid, (struct archive_entry *e, la_int64_t gid), (e, gid)) \
    X(void, archive_entry_set_mtime, (struct archive_entry *e, time_t seconds, long nanoseconds), \
      (e, seconds, nanoseconds)) \
    X(void, archive_entry_set_rdevmajor, (struct archive_entry *e, dev_t major), (e, major)) \
    X(void, archive_entry_set_rdevminor, (struct archive_entry *e, dev_t minor), (e, minor)) \
    X(int, archive_entry_xattr_reset, (struct archive_entry *e), (e)) \
    X(int, archive_entry_xattr_next, (struct archive_entry *e, const char **name, const void **value, size_t *size), \
      (e, name, value, size)) \
    X(void, archive_entry_xattr_add_entry, (struct archive_entry *e, const char *name, const void *value, size_t size), \
      (e, name, value, size))

#define DY_ARCHIVE_DECLARE(type, name, parameters, arguments) type dy_##name parameters;
DY_ARCHIVE_CONSTRUCTORS(DY_ARCHIVE_DECLARE)
DY_ARCHIVE_FUNCTIONS(DY_ARCHIVE_DECLARE)
#undef DY_ARCHIVE_DECLARE

/// Why libarchive could not be loaded (dlerror's words), or NULL if it was.
const char *dy_archive_load_error(void);

#endif

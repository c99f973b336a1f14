// Loads libarchive on first use and forwards each dy_archive_* call to it (see dy_archive.h).
#include "dy_archive.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The soname libarchive has kept for every 3.x release (Debian's libarchive13).
#define DY_ARCHIVE_LIBRARY "libarchive.so.13"

#define DY_POINTER(type, name, parameters, arguments) type (*name) parameters;
static struct {
    DY_ARCHIVE_CONSTRUCTORS(DY_POINTER)
    DY_ARCHIVE_FUNCTIONS(DY_POINTER)
} real;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void load(void) {
    void *library = dlopen(DY_ARCHIVE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error, sizeof load_error, "cannot load libarchive: %s", dlerror());
        return;
    }
#define DY_RESOLVE(type, name, parameters, arguments) \
    if ((real.name = (type (*) parameters)dlsym(library, #name)) == NULL) { \
        snprintf(load_error, sizeof load_error, "%s has no %s", DY_ARCHIVE_LIBRARY, #name); \
        return; \
    }
    DY_ARCHIVE_CONSTRUCTORS(DY_RESOLVE)
    DY_ARCHIVE_FUNCTIONS(DY_RESOLVE)
    loaded = 1;
}

const char *dy_archive_load_error(void) {
    pthread_once(&load_once, load);
    return loaded ? NULL : load_error;
}

// Constructors load the library first and return NULL if it is missing.
#define DY_CONSTRUCTOR(type, name, parameters, arguments) \
    type dy_##name parameters { \
        pthread_once(&load_once, load); \
        return loaded ? real.name arguments : NULL; \
    }
DY_ARCHIVE_CONSTRUCTORS(DY_CONSTRUCTOR)

// Everything else takes an archive or entry a constructor made: the library is loaded.
#define DY_FORWARD(type, name, parameters, arguments) \
    type dy_##name parameters { return real.name arguments; }
DY_ARCHIVE_FUNCTIONS(DY_FORWARD)

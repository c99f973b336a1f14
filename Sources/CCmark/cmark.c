// Loads libcmark on first use and forwards each dy_cmark_* call to it (see dy_cmark.h).
#include "dy_cmark.h"

#include <cmark_version.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// libcmark's soname is its full version, e.g. libcmark.so.0.30.2: the one these headers describe.
#define DY_CMARK_LIBRARY "libcmark.so." CMARK_VERSION_STRING

#define DY_POINTER(type, name, parameters, arguments) type (*name) parameters;
static struct {
    DY_CMARK_CONSTRUCTORS(DY_POINTER)
    DY_CMARK_FUNCTIONS(DY_POINTER)
} real;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void load(void) {
    void *library = dlopen(DY_CMARK_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error, sizeof load_error, "cannot load libcmark: %s", dlerror());
        return;
    }
#define DY_RESOLVE(type, name, parameters, arguments) \
    if ((real.name = (type (*) parameters)dlsym(library, #name)) == NULL) { \
        snprintf(load_error, sizeof load_error, "%s has no %s", DY_CMARK_LIBRARY, #name); \
        return; \
    }
    DY_CMARK_CONSTRUCTORS(DY_RESOLVE)
    DY_CMARK_FUNCTIONS(DY_RESOLVE)
    loaded = 1;
}

const char *dy_cmark_load_error(void) {
    pthread_once(&load_once, load);
    return loaded ? NULL : load_error;
}

// The constructor loads the library first and returns NULL if it is missing.
#define DY_CONSTRUCTOR(type, name, parameters, arguments) \
    type dy_##name parameters { \
        pthread_once(&load_once, load); \
        return loaded ? real.name arguments : NULL; \
    }
DY_CMARK_CONSTRUCTORS(DY_CONSTRUCTOR)

// Everything else is used on a document the parser made: the library is loaded.
#define DY_FORWARD(type, name, parameters, arguments) \
    type dy_##name parameters { return real.name arguments; }
DY_CMARK_FUNCTIONS(DY_FORWARD)

// Debian's libarchive-dev headers; included through a local shim so the modulemap finds them.
#include <archive.h>
#include <archive_entry.h>

// Debian's libcmark-dev header, included through a local shim so the modulemap finds it.
#include <cmark.h>

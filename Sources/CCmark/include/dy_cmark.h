// libcmark, loaded the first time a lesson is parsed rather than when dockyard starts.
//
// Only the lesson commands read CommonMark, so, like libarchive (CArchive/include/dy_archive.h),
// libcmark is not linked: the dynamic loader would otherwise map it on every `dockyard` command.
// Each dy_cmark_* function has the signature of the libcmark function named without the prefix
// and calls it through a pointer that dlopen/dlsym fill in on first use. The constructor,
// dy_cmark_parse_document, loads the library and returns NULL if it cannot be loaded, with
// dy_cmark_load_error() saying why; every other function is used on a document it parsed
// (even dy_cmark_node_new, whose nodes are inserted into one), so the library is loaded by then.
#ifndef DY_CMARK_H
#define DY_CMARK_H

#include <cmark.h>

// X(return type, libcmark name, parameters, arguments) for each function dockyard calls.
#define DY_CMARK_CONSTRUCTORS(X) \
    X(cmark_node *, cmark_parse_document, (const char *buffer, size_t length, int options), \
      (buffer, length, options))

#define DY_CMARK_FUNCTIONS(X) \
    X(void, cmark_node_free, (cmark_node *node), (node)) \
    X(cmark_node *, cmark_node_first_child, (cmark_node *node), (node)) \
    X(cmark_node *, cmark_node_next, (cmark_node *node), (node)) \
    X(cmark_node_type, cmark_node_get_type, (cmark_node *node), (node)) \
    X(const char *, cmark_node_get_literal, (cmark_node *node), (node)) \
    X(const char *, cmark_node_get_url, (cmark_node *node), (node)) \
    X(const char *, cmark_node_get_fence_info, (cmark_node *node), (node)) \
    X(int, cmark_node_get_heading_level, (cmark_node *node), (node)) \
    X(cmark_list_type, cmark_node_get_list_type, (cmark_node *node), (node)) \
    X(int, cmark_node_get_list_start, (cmark_node *node), (node)) \
    X(int, cmark_node_get_start_line, (cmark_node *node), (node)) \
    X(int, cmark_node_set_literal, (cmark_node *node, const char *content), (node, content)) \
    X(int, cmark_node_set_url, (cmark_node *node, const char *url), (node, url)) \
    X(int, cmark_node_set_heading_level, (cmark_node *node, int level), (node, level)) \
    X(cmark_node *, cmark_node_new, (cmark_node_type type), (type)) \
    X(int, cmark_node_set_on_enter, (cmark_node *node, const char *on_enter), (node, on_enter)) \
    X(int, cmark_node_set_on_exit, (cmark_node *node, const char *on_exit), (node, on_exit)) \
    X(int, cmark_node_insert_before, (cmark_node *node, cmark_node *sibling), (node, sibling)) \
    X(void, cmark_node_unlink, (cmark_node *node), (node)) \
    X(char *, cmark_render_html, (cmark_node *root, int options), (root, options))

#define DY_CMARK_DECLARE(type, name, parameters, arguments) type dy_##name parameters;
DY_CMARK_CONSTRUCTORS(DY_CMARK_DECLARE)
DY_CMARK_FUNCTIONS(DY_CMARK_DECLARE)
#undef DY_CMARK_DECLARE

/// Why libcmark could not be loaded (dlerror's words), or NULL if it was.
const char *dy_cmark_load_error(void);

#endif

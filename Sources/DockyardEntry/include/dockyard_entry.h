// What happened before main in the dockyard executable (entry.c).
#ifndef DOCKYARD_ENTRY_H
#define DOCKYARD_ENTRY_H

#include <sys/types.h>

/// The holder whose user namespace this process joined before main; 0 when it joined none (as
/// root, with no holder yet, or with DOCKYARD_ROOTLESS_JOIN=0), or -errno when the join failed.
pid_t dy_entry_joined_holder(void);

#endif

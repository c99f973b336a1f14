// Private to CLinux: work done with the calling thread in another network namespace.
#ifndef DY_NETNS_H
#define DY_NETNS_H

/// Runs `work(argument)` in the network namespace open at `target` (-1: a namespace `work`
/// makes itself with unshare) and returns its result (0 or -errno), with the calling thread
/// back in its own namespace afterwards. On the calling thread when it may come back: root may
/// setns(2) into the host's namespace again. A rootless dockyard may not — it is root only in its
/// user namespace, and the host's network namespace belongs to the initial one — so there the
/// work runs in a short-lived child instead, which shares this process's file table
/// (CLONE_FILES: a socket it makes is ours) and nothing else. Either way `work` may make only
/// async-signal-safe system calls and must leave its results in files.
int dy_in_netns(int target, int (*work)(void *), void *argument);

#endif

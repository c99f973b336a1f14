// CLinux networking: rtnetlink (NETLINK_ROUTE) messages that make a container's network.
//
// Why C: each request is a byte layout of nested, 4-byte-aligned attributes (struct nlmsghdr,
// struct ifinfomsg, struct rtattr and the RTA_* / NLMSG_* alignment macros), which do not import
// into Swift; and opening a socket in another process's network namespace needs setns(2) on the
// calling thread and back, which must not be interrupted by anything else running on that thread.
// Each call here is one request and its acknowledgement: microseconds, against ~2 ms for running
// `ip` once, so a bridged container costs a handful of system calls rather than several processes.
//
// Functions return 0 (or an index, or an fd) on success and -errno on failure.
#ifndef DY_NETLINK_H
#define DY_NETLINK_H

#include <stdint.h>
#include <sys/types.h>

/// A NETLINK_ROUTE socket in the network namespace of `pid` (0: this thread's own). The socket
/// stays bound to that namespace for its lifetime, so every later request acts there.
int dy_netlink_open(pid_t pid);

/// The same in the network namespace whose nsfs file is at `namespace_path` (a bind mount that
/// pins a namespace no process lives in, e.g. rootless mode's shared network namespace).
int dy_netlink_open_at(const char *namespace_path);

/// RTM_GETLINK by name: the interface's index in the socket's namespace, or -ENODEV.
int dy_netlink_link_index(int socket, const char *name);

/// RTM_NEWLINK kind "bridge": a new bridge `name`, brought up. -EEXIST if it is there.
int dy_netlink_create_bridge(int socket, const char *name);

/// RTM_NEWLINK kind "veth": a pair whose `host` end is enslaved to the bridge with index
/// `master` and brought up, and whose `peer` end is created directly inside the network
/// namespace of `peer_pid` (IFLA_NET_NS_PID), where it is named `peer` (e.g. eth0).
int dy_netlink_create_veth(int socket, const char *host, const char *peer, pid_t peer_pid, int master);

/// RTM_NEWLINK on an existing interface: set IFF_UP.
int dy_netlink_link_up(int socket, int index);

/// RTM_DELLINK by name. Deleting one end of a veth pair deletes both. -ENODEV if absent.
int dy_netlink_delete_link(int socket, const char *name);

/// RTM_NEWADDR: an IPv4 address (network byte order) with its prefix length on an interface.
int dy_netlink_add_address(int socket, int index, uint32_t address, int prefix);

/// RTM_NEWROUTE: the default route (0.0.0.0/0) via `gateway` (network byte order) out of `index`.
int dy_netlink_add_default_route(int socket, uint32_t gateway, int index);

/// SIOCGIFADDR and SIOCGIFNETMASK: the IPv4 address and prefix length of `name` in this
/// thread's namespace (used to learn an existing bridge's subnet). 0, or -errno.
int dy_interface_ipv4(const char *name, uint32_t *address, int *prefix);

#endif

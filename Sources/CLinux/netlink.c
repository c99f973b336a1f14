// rtnetlink requests for bridges, veth pairs, addresses and routes. See include/dy_netlink.h for
// why this is C. Every request asks for an acknowledgement (NLM_F_ACK), and the kernel's answer
// (an NLMSG_ERROR whose error is 0 on success) is read before the next one is sent.
#include "dy_netlink.h"
#include "dy_linux.h"
#include "netns.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

/// One request being built: a header, a fixed family-specific struct, then attributes.
struct dy_request {
    struct nlmsghdr header;
    char payload[1024];
};

static unsigned int dy_sequence = 1;

static void *dy_tail(struct dy_request *request) {
    return (char *)&request->header + NLMSG_ALIGN(request->header.nlmsg_len);
}

static int dy_put(struct dy_request *request, unsigned short type, const void *data, size_t length) {
    size_t attribute_length = RTA_LENGTH(length);
    if (NLMSG_ALIGN(request->header.nlmsg_len) + RTA_ALIGN(attribute_length) > sizeof *request) return -ENOBUFS;
    struct rtattr *attribute = dy_tail(request);
    attribute->rta_type = type;
    attribute->rta_len = (unsigned short)attribute_length;
    if (length) memcpy(RTA_DATA(attribute), data, length);
    request->header.nlmsg_len = NLMSG_ALIGN(request->header.nlmsg_len) + RTA_ALIGN(attribute_length);
    return 0;
}

static int dy_put_string(struct dy_request *request, unsigned short type, const char *value) {
    return dy_put(request, type, value, strlen(value) + 1);
}

static int dy_put_u32(struct dy_request *request, unsigned short type, uint32_t value) {
    return dy_put(request, type, &value, sizeof value);
}

/// Opens a nested attribute; close it with dy_end once its children are in.
static struct rtattr *dy_begin(struct dy_request *request, unsigned short type) {
    struct rtattr *nest = dy_tail(request);
    return dy_put(request, type, NULL, 0) == 0 ? nest : NULL;
}

static void dy_end(struct dy_request *request, struct rtattr *nest) {
    nest->rta_len = (unsigned short)((char *)dy_tail(request) - (char *)nest);
}

static void dy_start(struct dy_request *request, unsigned short type, unsigned short flags,
                     const void *family_struct, size_t family_length) {
    memset(request, 0, sizeof *request);
    request->header.nlmsg_len = (unsigned int)NLMSG_LENGTH(family_length);
    request->header.nlmsg_type = type;
    request->header.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | NLM_F_ACK | flags);
    request->header.nlmsg_seq = __atomic_fetch_add(&dy_sequence, 1, __ATOMIC_RELAXED);
    memcpy(NLMSG_DATA(&request->header), family_struct, family_length);
}

/// Sends the request and reads until its acknowledgement. A reply of `reply_type` (for a GET)
/// is copied to `reply` first. Returns 0 or -errno.
static int dy_talk(int socket, struct dy_request *request, unsigned short reply_type, void *reply, size_t reply_size) {
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    ssize_t sent;
    do {
        sent = sendto(socket, request, request->header.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) return -errno;

    char buffer[8192];
    int got_reply = 0;
    while (1) {
        ssize_t length = recv(socket, buffer, sizeof buffer, 0);
        if (length < 0 && errno == EINTR) continue;
        if (length < 0) return -errno;
        for (struct nlmsghdr *message = (struct nlmsghdr *)buffer; NLMSG_OK(message, (unsigned int)length);
             message = NLMSG_NEXT(message, length)) {
            if (message->nlmsg_seq != request->header.nlmsg_seq) continue;
            if (message->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *error = NLMSG_DATA(message);
                return error->error;   // 0 is the acknowledgement
            }
            if (reply && message->nlmsg_type == reply_type && !got_reply) {
                size_t n = message->nlmsg_len < reply_size ? message->nlmsg_len : reply_size;
                memcpy(reply, message, n);
                got_reply = 1;
            }
        }
    }
}

/// Makes the socket and moves it onto the descriptor the caller reserved: with dy_in_netns's
/// child, the only way a result reaches the caller is the file table they share.
static int dy_socket_work(void *argument) {
    int reserved = *(int *)argument;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) return -errno;
    int moved = dup3(fd, reserved, O_CLOEXEC);
    int saved = errno;
    close(fd);
    return moved == reserved ? 0 : -saved;
}

/// A socket in the network namespace open at `target` (-1: this thread's own). A netlink socket
/// acts in the namespace it was created in, forever.
static int dy_netlink_open_in(int target) {
    if (target < 0) {
        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        return fd >= 0 ? fd : -errno;
    }
    int reserved = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (reserved < 0) return -errno;
    int result = dy_in_netns(target, dy_socket_work, &reserved);
    if (result != 0) {
        close(reserved);
        return result;
    }
    return reserved;
}

int dy_netlink_open(pid_t pid) {
    if (pid <= 0) return dy_netlink_open_in(-1);
    int target = dy_open_namespace(pid, "net");
    if (target < 0) return -errno;
    int fd = dy_netlink_open_in(target);
    close(target);
    return fd;
}

int dy_netlink_open_at(const char *namespace_path) {
    int target = open(namespace_path, O_RDONLY | O_CLOEXEC);
    if (target < 0) return -errno;
    int fd = dy_netlink_open_in(target);
    close(target);
    return fd;
}

int dy_netlink_link_index(int socket, const char *name) {
    struct ifinfomsg info = { .ifi_family = AF_UNSPEC };
    struct dy_request request;
    dy_start(&request, RTM_GETLINK, 0, &info, sizeof info);
    if (dy_put_string(&request, IFLA_IFNAME, name) != 0) return -ENAMETOOLONG;
    struct { struct nlmsghdr header; struct ifinfomsg info; } reply;
    memset(&reply, 0, sizeof reply);
    int result = dy_talk(socket, &request, RTM_NEWLINK, &reply, sizeof reply);
    if (result != 0) return result;
    return reply.info.ifi_index > 0 ? reply.info.ifi_index : -ENODEV;
}

int dy_netlink_create_bridge(int socket, const char *name) {
    struct ifinfomsg info = { .ifi_family = AF_UNSPEC, .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
    struct dy_request request;
    dy_start(&request, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &info, sizeof info);
    if (dy_put_string(&request, IFLA_IFNAME, name) != 0) return -ENOBUFS;
    // A bridge without an address of its own takes the lowest MAC among its ports, so it changed
    // whenever a container came or went, and every other container's cached gateway MAC went
    // stale until its ARP entry expired. A fixed random address (locally administered, unicast),
    // as Docker gives docker0, keeps the gateway where the containers last saw it.
    unsigned char mac[6];
    if (getrandom(mac, sizeof mac, 0) != (ssize_t)sizeof mac) return -errno;
    mac[0] = (unsigned char)((mac[0] & 0xfe) | 0x02);
    if (dy_put(&request, IFLA_ADDRESS, mac, sizeof mac) != 0) return -ENOBUFS;
    struct rtattr *linkinfo = dy_begin(&request, IFLA_LINKINFO);
    if (!linkinfo || dy_put_string(&request, IFLA_INFO_KIND, "bridge") != 0) return -ENOBUFS;
    dy_end(&request, linkinfo);
    return dy_talk(socket, &request, 0, NULL, 0);
}

int dy_netlink_create_veth(int socket, const char *host, const char *peer, pid_t peer_pid, int master) {
    // One message makes the pair, puts the host end on the bridge and up, and creates the peer
    // inside the container's namespace: the same as `ip link add HOST master BR up type veth
    // peer name eth0 netns PID`.
    struct ifinfomsg info = { .ifi_family = AF_UNSPEC, .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
    struct dy_request request;
    dy_start(&request, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &info, sizeof info);
    if (dy_put_string(&request, IFLA_IFNAME, host) != 0) return -ENOBUFS;
    if (dy_put_u32(&request, IFLA_MASTER, (uint32_t)master) != 0) return -ENOBUFS;
    struct rtattr *linkinfo = dy_begin(&request, IFLA_LINKINFO);
    if (!linkinfo || dy_put_string(&request, IFLA_INFO_KIND, "veth") != 0) return -ENOBUFS;
    struct rtattr *data = dy_begin(&request, IFLA_INFO_DATA);
    struct rtattr *peer_info = data ? dy_begin(&request, VETH_INFO_PEER) : NULL;
    if (!peer_info) return -ENOBUFS;
    // VETH_INFO_PEER holds an ifinfomsg of its own, then the peer's attributes.
    struct ifinfomsg peer_message = { .ifi_family = AF_UNSPEC };
    if (NLMSG_ALIGN(request.header.nlmsg_len) + NLMSG_ALIGN(sizeof peer_message) > sizeof request) return -ENOBUFS;
    memcpy(dy_tail(&request), &peer_message, sizeof peer_message);
    request.header.nlmsg_len = NLMSG_ALIGN(request.header.nlmsg_len) + NLMSG_ALIGN(sizeof peer_message);
    if (dy_put_string(&request, IFLA_IFNAME, peer) != 0) return -ENOBUFS;
    if (dy_put_u32(&request, IFLA_NET_NS_PID, (uint32_t)peer_pid) != 0) return -ENOBUFS;
    dy_end(&request, peer_info);
    dy_end(&request, data);
    dy_end(&request, linkinfo);
    return dy_talk(socket, &request, 0, NULL, 0);
}

int dy_netlink_link_up(int socket, int index) {
    struct ifinfomsg info = { .ifi_family = AF_UNSPEC, .ifi_index = index, .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
    struct dy_request request;
    dy_start(&request, RTM_NEWLINK, 0, &info, sizeof info);
    return dy_talk(socket, &request, 0, NULL, 0);
}

int dy_netlink_delete_link(int socket, const char *name) {
    struct ifinfomsg info = { .ifi_family = AF_UNSPEC };
    struct dy_request request;
    dy_start(&request, RTM_DELLINK, 0, &info, sizeof info);
    if (dy_put_string(&request, IFLA_IFNAME, name) != 0) return -ENAMETOOLONG;
    return dy_talk(socket, &request, 0, NULL, 0);
}

int dy_netlink_add_address(int socket, int index, uint32_t address, int prefix) {
    struct ifaddrmsg info = { .ifa_family = AF_INET, .ifa_prefixlen = (unsigned char)prefix,
                              .ifa_scope = RT_SCOPE_UNIVERSE, .ifa_index = (unsigned int)index };
    struct dy_request request;
    dy_start(&request, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &info, sizeof info);
    if (dy_put(&request, IFA_LOCAL, &address, sizeof address) != 0) return -ENOBUFS;
    if (dy_put(&request, IFA_ADDRESS, &address, sizeof address) != 0) return -ENOBUFS;
    // The subnet's broadcast address, as `ip addr add … brd +` sets it.
    uint32_t mask = prefix == 0 ? 0 : htonl(~0u << (32 - prefix));
    uint32_t broadcast = address | ~mask;
    if (prefix < 31 && dy_put(&request, IFA_BROADCAST, &broadcast, sizeof broadcast) != 0) return -ENOBUFS;
    return dy_talk(socket, &request, 0, NULL, 0);
}

int dy_netlink_add_default_route(int socket, uint32_t gateway, int index) {
    struct rtmsg info = { .rtm_family = AF_INET, .rtm_table = RT_TABLE_MAIN, .rtm_protocol = RTPROT_BOOT,
                          .rtm_scope = RT_SCOPE_UNIVERSE, .rtm_type = RTN_UNICAST };
    struct dy_request request;
    dy_start(&request, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &info, sizeof info);
    if (dy_put(&request, RTA_GATEWAY, &gateway, sizeof gateway) != 0) return -ENOBUFS;
    if (dy_put_u32(&request, RTA_OIF, (uint32_t)index) != 0) return -ENOBUFS;
    return dy_talk(socket, &request, 0, NULL, 0);
}

int dy_interface_ipv4(const char *name, uint32_t *address, int *prefix) {
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0) return -errno;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    int result = ioctl(sock, SIOCGIFADDR, &request);
    if (result == 0) {
        *address = ((struct sockaddr_in *)&request.ifr_addr)->sin_addr.s_addr;
        result = ioctl(sock, SIOCGIFNETMASK, &request);
        if (result == 0) {
            uint32_t mask = ntohl(((struct sockaddr_in *)&request.ifr_netmask)->sin_addr.s_addr);
            int bits = 0;
            while (mask & 0x80000000u) { bits++; mask <<= 1; }
            *prefix = bits;
        }
    }
    int saved = errno;
    close(sock);
    return result == 0 ? 0 : -saved;
}

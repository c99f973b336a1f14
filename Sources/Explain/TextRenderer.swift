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

    /// A short tag for the left column and a sentence for the rest.
    public static func describe(_ kind: Event.Kind) -> (tag: String, text: String) {
        switch kind {
        case let .layerUnpacked(digest, directory, files):
            ("layer", "unpacked \(shortDigest(digest)) to \(directory) (\(files) entries), a read-only lowerdir")
        case let .writableLayerCreated(upperdir, workdir):
            ("layer", "writable layer: upperdir \(upperdir), workdir \(workdir)")
        case let .cgroupCreated(path, version, controller):
            ("cgroup", "mkdir \(path)  (cgroup v\(version)\(controller.map { ", \($0) controller" } ?? ""))")
        case let .cgroupWritten(path, value):
            ("cgroup", "write \(value) > \(path)")
        case let .cgroupRemoved(path):
            ("cgroup", "rmdir \(path)")
        case let .processCloned(pid, flags):
            ("clone", "pid \(pid) (host) with \(flags.joined(separator: "|"))")
        case let .namespace(kind, containerInode, hostInode):
            ("namespace", pad(kind, 7) + "container \(kind):[\(containerInode)]  host \(kind):[\(hostInode)]"
                + (containerInode == hostInode ? "  (shared with the host)" : ""))
        case let .namespaceJoined(kind, inode):
            ("setns", "joined \(kind):[\(inode)]")
        case let .mounted(type, source, target, options):
            ("mount", "\(type) on \(target)" + (source == type || source.isEmpty ? "" : " from \(source)")
                + (options.isEmpty ? "" : " (\(options.joined(separator: ",")))"))
        case let .deviceCreated(path, major, minor):
            ("mknod", "\(path) c \(major) \(minor)")
        case let .symlinkCreated(path, target):
            ("symlink", "\(path) -> \(target)")
        case let .pivotRoot(newRoot):
            ("pivot_root", "\(newRoot) is now /, the host's root is detached")
        case let .hostnameSet(name):
            ("hostname", name)
        case let .interfaceUp(name, namespace):
            ("net", "\(name) up in the \(namespace) network namespace")
        case let .fileWritten(path, purpose):
            ("file", "\(path) (\(purpose))")
        case let .executed(argv, env, cwd, uid, gid):
            ("exec", "\(argv.map(shellQuoted).joined(separator: " "))  cwd=\(cwd) uid=\(uid) gid=\(gid) env=\(env.count) vars")
        case let .exited(status, signal, oomKilled):
            ("exit", oomKilled ? "status \(status): killed by the kernel's OOM killer (memory limit reached)"
                : signal.map { "status \(status): killed by signal \($0)" } ?? "status \(status)")
        case let .signalled(pid, signal):
            ("signal", "sent signal \(signal) to pid \(pid)")
        case let .removed(path, what):
            ("remove", "\(what): \(path)")
        case let .note(text):
            ("note", text)
        }
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

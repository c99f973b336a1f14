import CLinux
import Explain
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The process that keeps an ordinary user's user namespace alive between dockyard commands,
/// as podman's pause process does: a sleeping `dockyard-holder` in a new user namespace and a
/// mount namespace owned by it. Every later command joins both before main (CLinux/rootless.c),
/// so all of them see the same ids and the same mounts; containers are cloned from there.
///
/// It is made once: the user namespace is cloned, `newuidmap` and `newgidmap` (setuid, from
/// Debian's `uidmap`) write its maps from /etc/subuid and /etc/subgid — `0 UID 1` and
/// `1 START COUNT` — and the holder sleeps. Without a subordinate range (or without the
/// helpers) the process writes its own maps, which may hold its own id alone.
public struct RootlessHolder: Sendable, Codable, Equatable {
    public var pid: Int32
    public var uidMap: IDMap
    public var gidMap: IDMap
    /// The helper commands that wrote the maps (empty when dockyard wrote them itself).
    public var mapCommands: [[String]]
    /// Why only the user's own id is mapped, when it is; nil with a subordinate range.
    public var limitation: String?

    /// $XDG_RUNTIME_DIR/dockyard, or /tmp/dockyard-UID: where the holder's pid file and the
    /// user's locks live (never in the data directory, which may be on NFS and outlives a boot).
    /// Named by the host uid: inside the namespace getuid() is 0.
    public static var runtimeDirectory: String {
        let uid = PrivilegeMode.current.rootlessNamespace?.hostUID ?? getuid()
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard dy_rootless_runtime_dir(uid, &buffer, buffer.count) == 0 else { return "/tmp/dockyard-\(uid)" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static var recordPath: String { runtimeDirectory + "/holder.json" }

    /// The live holder's record, if there is a holder.
    public static func current() -> RootlessHolder? {
        guard dy_rootless_holder_pid(runtimeDirectory) > 0,
              let data = FileManager.default.contents(atPath: recordPath) else { return nil }
        return try? JSONDecoder().decode(RootlessHolder.self, from: data)
    }

    /// The holder of this user: the live one, or a new one. Several commands started at once
    /// make one between them (a lock in the runtime directory).
    /// `program` is dockyard-init, which the holder runs in its hold mode.
    public static func ensure(program: String, events: any EventSink) throws -> RootlessHolder {
        let directory = runtimeDirectory
        try makePrivateDirectory(directory)
        let lock: FileLock
        do { lock = try FileLock.acquire(at: directory + "/holder.lock", mode: .exclusive, permissions: 0o600) } catch {
            throw KernelError("lock", path: directory + "/holder.lock", errno: error.errno)
        }
        return try withExtendedLifetime(lock) {
            if let live = current() { return live }
            return try start(program: program, in: directory, events: events)
        }
    }

    private static func start(program: String, in directory: String, events: any EventSink) throws -> RootlessHolder {
        let uid = getuid()
        let gid = getgid()
        let user = getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let read = { (path: String) in FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        let subuids = SubordinateIDs.find(user: user, id: uid, in: read("/etc/subuid"))
        let subgids = SubordinateIDs.find(user: user, id: gid, in: read("/etc/subgid"))
        let helpers = access("/usr/bin/newuidmap", X_OK) == 0 && access("/usr/bin/newgidmap", X_OK) == 0

        // The holder runs a memfd copy of dockyard-init: a file it ran would stay busy (ETXTBSY)
        // for as long as it lives, and no rebuild or upgrade could replace it.
        let copy = dy_memfd_copy(program, "dockyard-holder")
        guard copy >= 0 else { throw KernelError("copy the holder program", path: program, errno: -copy) }
        defer { close(copy) }
        var goFD: Int32 = -1
        let pid = dy_rootless_clone_holder(copy, &goFD)
        guard pid > 0 else { throw KernelError("clone a user namespace for", path: "the rootless holder", errno: -pid) }
        let go = FileDescriptor(rawValue: goFD)
        defer { go.close() }
        var holder: RootlessHolder
        do {
            if let subuids, let subgids, helpers {
                holder = RootlessHolder(pid: pid, uidMap: subuids.map(own: uid), gidMap: subgids.map(own: gid),
                                        mapCommands: [], limitation: nil)
                for (tool, map) in [("newuidmap", holder.uidMap), ("newgidmap", holder.gidMap)] {
                    let arguments = ["\(pid)"] + map.ranges.flatMap { ["\($0.inside)", "\($0.outside)", "\($0.count)"] }
                    let result = try HostProgram("/usr/bin/" + tool, arguments, environment: []).run()
                    guard result.exit.shellStatus == 0 else {
                        throw KernelError("\(tool) \(arguments.joined(separator: " ")): \(result.errorText.trimmed)", path: "/proc/\(pid)", errno: EPERM)
                    }
                    holder.mapCommands.append([tool] + arguments)
                }
            } else {
                holder = RootlessHolder(pid: pid, uidMap: IDMap([.init(inside: 0, outside: uid, count: 1)]),
                                        gidMap: IDMap([.init(inside: 0, outside: gid, count: 1)]), mapCommands: [],
                                        limitation: Self.limitation(user: user ?? "\(uid)", subordinate: subuids != nil && subgids != nil))
                // Without newgidmap the kernel allows a gid map only once setgroups(2) is denied
                // in the namespace: otherwise dropping a group could grant access on the host.
                try FileWriting.write("deny", to: "/proc/\(pid)/setgroups")
                try FileWriting.write(holder.uidMap.description + "\n", to: "/proc/\(pid)/uid_map")
                try FileWriting.write(holder.gidMap.description + "\n", to: "/proc/\(pid)/gid_map")
            }
        } catch {
            kill(pid, SIGKILL)
            _ = try? ExitStatus.waitStatus(of: pid)
            throw error
        }
        do { try go.writeAll([1] as [UInt8]) } catch { throw KernelError(error) }
        try waitUntilHolding(pid)
        events.emit(Event(.namespace(kind: "user", containerInode: LiveKernel.namespaceInode(pid: pid, .user) ?? 0,
                                     hostInode: LiveKernel.namespaceInode(pid: nil, .user) ?? 0)))
        for event in holder.mapEvents(written: true) { events.emit(event) }
        if let limitation = holder.limitation { events.emit(Event(.note(limitation))) }

        let record = try JSONEncoder().encode(holder)
        try FileWriting.replace(String(decoding: record, as: UTF8.self), at: directory + "/holder.json", mode: 0o600)
        try FileWriting.replace("\(pid)\n", at: directory + "/holder.pid", mode: 0o600)
        return holder
    }

    /// The two maps as `--explain` tells them: when made now, who wrote them; when joined, how
    /// they were written when the holder started.
    public func mapEvents(written: Bool) -> [Event] {
        zip(["uid_map", "gid_map"], [uidMap, gidMap]).enumerated().map { index, pair in
            let command = mapCommands.count == 2 ? mapCommands[index].joined(separator: " ")
                : "dockyard itself (only its own id may be mapped without newuidmap)"
            let writer = written ? command : "\(command), when holder \(pid) started"
            return Event(.userNamespaceMapped(file: "/proc/\(pid)/\(pair.0)", lines: pair.1.ranges.map(\.line), writer: writer))
        }
    }

    /// What a single-id namespace means, and how to get a range.
    static func limitation(user: String, subordinate: Bool) -> String {
        let fix = subordinate ? "install newuidmap and newgidmap (Debian's uidmap package)"
            : "ask root to run: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 \(user)"
        return "rootless with your own id only: image files owned by other ids cannot be represented (they are kept as root's) and a container cannot switch to another user; \(fix), then stop the dockyard-holder process (pkill -u \(user) dockyard-holder) so the next command maps it"
    }

    // MARK: - Small host operations

    /// The holder names itself right after exec; until then a joining command would not know it.
    private static func waitUntilHolding(_ pid: Int32) throws {
        for _ in 0..<2000 {
            if let name = FileManager.default.contents(atPath: "/proc/\(pid)/comm"),
               String(decoding: name, as: UTF8.self).hasPrefix("dockyard-holder") { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw KernelError("start the rootless holder: it exited with status \(status)", path: "/proc/self/exe", errno: ECHILD)
            }
            usleep(1000)
        }
        throw KernelError("start the rootless holder: it did not name itself within 2 s", path: "/proc/\(pid)/comm", errno: ETIMEDOUT)
    }

    /// mkdir 0700, or check an existing one is this user's alone (in /tmp anyone could make it).
    private static func makePrivateDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw KernelError("mkdir", path: path, errno: errno) }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw KernelError("stat", path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            throw KernelError("use \(path) as the rootless runtime directory: it must be a directory of yours alone (mode 0700)", path: path, errno: EPERM)
        }
    }
}

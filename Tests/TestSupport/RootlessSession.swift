import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One rootless dockyard "home" for a test suite: the built binaries, a storage root, a runtime
/// directory (where the user's holder keeps its pid file) and a HOME, all in one temporary
/// workspace, and a way to run `dockyard` there as `dockyard-rootless`. Every command of a
/// session joins the same holder, so the suite shares one user namespace and one image store;
/// `finish()` stops that holder, removes everything and reports what leaked.
///
/// Layout of the workspace (`/tmp/dockyard-test-rootless-XXXXXX`, root's, mode 0755):
///   bin/   dockyard and dockyard-init, side by side (dockyard finds dockyard-init next to itself),
///          hard links to (or copies of) .build/debug's: a checkout under /root (mode 0700) is
///          closed to the user, /tmp is not.
///   home/, run/ (XDG_RUNTIME_DIR, mode 0700, as the holder's pid file must be), root/ (DOCKYARD_ROOT)
///          and files/ for the tests' own files: owned by the user.
public final class RootlessSession: Sendable {
    public let user: RootlessUser
    /// Removed by `finish()`; released unfinished (a test that threw), removed by its deinit.
    private let directory: TemporaryDirectory
    public var workspace: String { directory.path }

    public var executable: String { workspace + "/bin/dockyard" }
    public var home: String { workspace + "/home" }
    public var runtimeDirectory: String { workspace + "/run" }
    public var storage: String { workspace + "/root" }
    /// A directory the user owns, for Dockerfiles, archives and bind-mounted files.
    public var files: String { workspace + "/files" }

    public init(user: RootlessUser) throws {
        self.user = user
        directory = try TemporaryDirectory(prefix: "rootless")
        let workspace = directory.path
        guard chmod(workspace, 0o755) == 0 else {
            throw TemporaryDirectoryError(message: "cannot prepare \(workspace): \(String(cString: strerror(errno)))")
        }
        try FileManager.default.createDirectory(atPath: workspace + "/bin", withIntermediateDirectories: false)
        let built = URL(fileURLWithPath: DockyardProcess.executable).deletingLastPathComponent().path
        for program in ["dockyard", "dockyard-init"] {
            try Self.linkOrCopy(built + "/" + program, to: workspace + "/bin/" + program)
        }
        for (path, mode) in [(home, 0o755), (runtimeDirectory, 0o700), (storage, 0o755), (files, 0o755)] as [(String, mode_t)] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            guard chown(path, user.uid, user.gid) == 0, chmod(path, mode) == 0 else {
                throw TemporaryDirectoryError(message: "cannot hand \(path) to \(RootlessUser.name)")
            }
        }
    }

    /// A hard link shares the inode (mode 0755, no copy of a 40 MB debug binary); across file
    /// systems, a copy.
    private static func linkOrCopy(_ source: String, to target: String) throws {
        if link(source, target) == 0 { return }
        try FileManager.default.copyItem(atPath: source, toPath: target)
        chmod(target, 0o755)
    }

    /// Runs `dockyard ARGUMENTS...` as the user, with only this session's environment, to completion.
    /// `environment` adds settings (`DOCKYARD_LESSONS=…`) to the session's own.
    @discardableResult
    public func run(_ arguments: [String], environment extra: [String] = []) throws -> DockyardProcess.Result {
        let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(home)", "USER=\(RootlessUser.name)",
                           "XDG_RUNTIME_DIR=\(runtimeDirectory)", "DOCKYARD_ROOT=\(storage)"] + extra
        return try DockyardProcess.capture(["/usr/sbin/runuser", "-u", RootlessUser.name, "--", "/usr/bin/env", "-i"]
                                           + environment + [executable] + arguments)
    }

    /// The user's holder for this session, from its pid file, while it is alive.
    public var holderPID: Int32? {
        guard let text = try? String(contentsOfFile: runtimeDirectory + "/dockyard/holder.pid", encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0 else { return nil }
        return pid
    }

    /// The host's view of the processes in this session's user namespace (the holder's):
    /// the holder, dockyard commands that joined it and every container process.
    public func processesInNamespace() -> [RunningProcess] {
        guard let pid = holderPID, let namespace = RunningProcess.userNamespace(of: pid) else { return [] }
        return RunningProcess.all().filter { $0.userNamespace == namespace }
    }

    /// Mounts under the storage root that the holder's mount namespace still has.
    public func mountsInHolder() -> [String] {
        guard let pid = holderPID else { return [] }
        return Self.mounts(under: storage, in: "/proc/\(pid)/mountinfo")
    }

    static func mounts(under directory: String, in mountinfo: String) -> [String] {
        let text = (try? String(contentsOfFile: mountinfo, encoding: .utf8)) ?? ""
        // Field 5 of a mountinfo line is the mount point.
        return text.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 && (fields[4] == directory || fields[4].hasPrefix(directory + "/"))
        }.map(String.init)
    }
}

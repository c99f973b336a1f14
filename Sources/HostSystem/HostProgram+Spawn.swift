#if canImport(Glibc)
import Glibc
#endif

extension HostProgram {
    /// posix_spawn(p) with the given pipe ends as the child's 0, 1 and 2 (/dev/null for a nil
    /// stdin). Returns the child's pid at once; the caller reaps it (`ExitStatus.waitStatus(of:)`).
    /// Errors name the program. Public for programs that outlive one call, such as the servers tests start.
    public func spawn(stdin: FileDescriptor?, stdout: FileDescriptor, stderr: FileDescriptor) throws(SystemCallError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.rawValue, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.rawValue, 2)
        let passed = try PassedFiles(passedFiles, program: executable)
        defer { passed.close() }
        for (index, copy) in passed.copies.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, copy.rawValue, Int32(3 + index))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The program starts with no signal blocked and none ignored, whatever dockyard's
        // thread had: posix_spawn otherwise hands on both, and a program that inherited a
        // blocked SIGTERM (pasta, started from a thread that forwards signals) cannot be stopped.
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Int32(1)...31 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }   // 32, 33: glibc's
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        if timeout != nil {
            // Its own process group, so a timeout can kill the program's whole tree.
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let directoryChange = try DirectoryChange(to: directory, program: executable, actions: &actions)
        defer { directoryChange.restore() }
        var pid: pid_t = 0
        let failure: Int32 = CStrings.withNullTerminated([argument0 ?? executable] + arguments) { argv in
            CStrings.withOptionalNullTerminated(environment) { envp in
                let envp = envp ?? UnsafePointer(environ)
                return searchesPath
                    ? posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
                    : posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        guard failure == 0 else { throw SystemCallError("posix_spawn", path: executable, errno: failure) }
        return pid
    }
}

/// Copies of the files a program is passed, numbered above every descriptor the child is given
/// (3 + count and up): dup2 onto 3, 4, … in order then never overwrites a file still to be
/// passed, whatever numbers the originals had. The copies are close-on-exec; dup2 clears that
/// flag on the child's new descriptor only.
struct PassedFiles {
    var copies: [FileDescriptor] = []

    init(_ files: [FileDescriptor], program: String) throws(SystemCallError) {
        for file in files {
            let copy = fcntl(file.rawValue, F_DUPFD_CLOEXEC, Int32(3 + files.count))
            guard copy >= 0 else {
                let failure = errno
                close()
                throw SystemCallError("fcntl(F_DUPFD_CLOEXEC)", path: "for \(program)", errno: failure)
            }
            copies.append(FileDescriptor(rawValue: copy))
        }
    }

    func close() {
        copies.forEach { $0.close() }
    }
}

/// The child's working directory. glibc's posix_spawn_file_actions_addchdir_np (2.29 and
/// later) makes the child alone change directory; its header declares it only with _GNU_SOURCE,
/// so it does not import into Swift and is looked up by name. Without it the parent changes
/// directory for the moment of the spawn — a window in which a spawn from another thread would
/// inherit that directory too.
struct DirectoryChange {
    private var home: FileDescriptor?

    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }

    init(to directory: String?, program: String, actions: inout posix_spawn_file_actions_t) throws(SystemCallError) {
        guard let directory else { return }
        if let addChdir = Self.addChdir {
            // The child's chdir failing would look like a program that cannot start: refuse a
            // directory that cannot be entered here, with chdir's own error, as before.
            let probe = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard probe >= 0 else { throw SystemCallError("chdir", path: directory, errno: errno) }
            let searchable = faccessat(probe, ".", X_OK, 0) == 0
            Glibc.close(probe)
            guard searchable else { throw SystemCallError("chdir", path: directory, errno: EACCES) }
            let failure = addChdir(&actions, directory)
            guard failure == 0 else { throw SystemCallError("chdir", path: directory, errno: failure) }
            return
        }
        home = try? FileDescriptor.open(".", O_RDONLY | O_DIRECTORY)
        guard chdir(directory) == 0 else {
            let failure = errno
            home?.close()
            throw SystemCallError("chdir", path: directory, errno: failure)
        }
    }

    func restore() {
        guard let home else { return }
        _ = fchdir(home.rawValue)
        home.close()
    }
}

/// C string arrays for argv and envp, freed when the call that needs them returns.
public enum CStrings {
    public static func withNullTerminated<T>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let terminated = copies + [nil]
        return terminated.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("an array with a terminator is never empty") }
            return body(base)
        }
    }

    /// nil (so the caller can hand on `environ`) when there are no strings to pass.
    static func withOptionalNullTerminated<T>(_ strings: [String]?, _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) -> T) -> T {
        guard let strings else { return body(nil) }
        return withNullTerminated(strings) { body($0) }
    }
}

import Explain
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// How an ordinary user's dockyard reaches the user namespace it works in (rootless mode).
///
/// Before main, the executable has already joined the user's holder if one is alive
/// (Sources/DockyardEntry). When none is, the first engine command makes it
/// (`RootlessHolder.ensure`: a user namespace mapped by newuidmap/newgidmap) and then execs
/// itself again, so that the new process joins it before main. Root never comes here.
enum RootlessEntry {
    /// What the join before main did: the holder's pid, 0 for no join, -errno for a failed one.
    nonisolated(unsafe) static var joinBeforeMain: Int32 = 0

    private static let reexecMarker = "DOCKYARD_ROOTLESS_REEXEC"

    /// Whether this command made the holder (and has told its maps already) before it re-ran.
    nonisolated(unsafe) static var madeHolder = false

    /// Called once by `DockyardCommand.start` with what the entry code did.
    static func noteJoin(_ result: Int32) {
        joinBeforeMain = result
        if result > 0 {
            madeHolder = getenv(reexecMarker) != nil
            unsetenv(reexecMarker)
        }
    }

    /// Makes sure this process works inside the user's namespace; as root it does nothing.
    /// Otherwise it starts the holder and re-executes dockyard (this call then never returns),
    /// or exits 125 saying why rootless mode cannot start.
    static func enterUserNamespace(events: any EventSink) {
        guard geteuid() != 0 else {
            // Told only to someone listening: reading the holder's record is start-up work.
            if joinBeforeMain > 0 && !madeHolder && !(events is DiscardingSink) { tellJoin(events: events) }
            return
        }
        if joinBeforeMain < 0 {
            fail("cannot join your rootless user namespace: \(KernelError.message(for: -joinBeforeMain)); stop the dockyard-holder process to start a new one")
        }
        if getenv(reexecMarker) != nil {
            fail("the rootless holder started, but this process could not join it (are user namespaces allowed? see /proc/sys/user/max_user_namespaces)")
        }
        do { _ = try RootlessHolder.ensure(program: RunCommand.initBinary(), events: events) } catch { fail("\(error)") }
        setenv(reexecMarker, "1", 1)
        _ = CStrings.withNullTerminated(CommandLine.arguments) { execv("/proc/self/exe", $0) }
        fail("re-executing /proc/self/exe: \(KernelError.message(for: errno))")
    }

    /// For `--explain`: which namespace this command works in, and how its maps were written.
    private static func tellJoin(events: any EventSink) {
        let inode = LiveKernel.namespaceInode(pid: nil, .user) ?? 0
        events.emit(Event(.note("rootless mode: this command joined the user namespace of holder \(joinBeforeMain) before main; it is root there, an ordinary user on the host")))
        events.emit(Event(.namespaceJoined(kind: "user", inode: inode)))
        for event in RootlessHolder.current()?.mapEvents(written: false) ?? [] { events.emit(event) }
    }

    private static func fail(_ message: String) -> Never {
        StandardError.line("dockyard: rootless mode: " + message)
        exit(DockerExitStatus.engineError)
    }
}

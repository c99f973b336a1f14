import Foundation
import Testing
import TestSupport

/// Rootless mode end to end: the built dockyard run by the ordinary user `dockyard-rootless`
/// (scripts/rootless-user makes it), which works inside its own user namespace — kept by its
/// `dockyard-holder` — where it is uid 0 and container ids 1… are its subordinate range.
/// The nested suites run one at a time, each with one session (holder, storage, runtime
/// directory) that is checked for leaks when the suite ends (`RootlessSession.finish`).
@Suite("Rootless: an ordinary user's dockyard", .serialized,
       .enabled(if: Privileges.isRoot, "needs root to run dockyard as another user and to look at that user's files"),
       .enabled(if: Privileges.hasBusybox, "needs /bin/busybox (busybox-static) for the busybox image"),
       .enabled(if: RootlessUser.hasTools, "needs runuser (util-linux) and newuidmap/newgidmap (uidmap)"),
       .enabled(if: RootlessUser.exists, "needs the user dockyard-rootless with a range in /etc/subuid: run scripts/rootless-user"))
struct RootlessTests {}

// MARK: - Helpers shared by the suites

extension RootlessTests {
    /// Runs dockyard as the user in the suite's session.
    static func dockyard(_ arguments: [String]) throws -> DockyardProcess.Result {
        try Rootless.current().run(arguments)
    }

    /// Map lines with their columns single-spaced, as `0 1002 1`.
    static func mapLines(_ text: some StringProtocol) -> [String] {
        text.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
    }

    /// Files named `name` anywhere under `directory` (the session's storage), with their owner.
    static func owners(of name: String, under directory: String) -> [(path: String, uid: uid_t)] {
        let walker = FileManager.default.enumerator(atPath: directory)
        var found: [(String, uid_t)] = []
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix("/" + name) || relative == name else { continue }
            var info = stat()
            if lstat(directory + "/" + relative, &info) == 0 { found.append((relative, info.st_uid)) }
        }
        return found
    }

    /// Polls `condition` for up to two seconds (a -d container starts after run returns).
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<100 {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }
}

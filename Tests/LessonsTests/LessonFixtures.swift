import Foundation
import TestSupport

/// Paths and processes the lesson tests share: the repository's `lessons/`, and the real
/// `dockyard` binary run as root or as `nobody` with its own storage and state directories.
enum LessonFixtures {
    /// The repository's lessons directory, found from this file's path.
    static var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
    }

    /// Slugs of the English lessons, in order.
    static var slugs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory + "/en")) ?? [])
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }
            .map { String($0.dropLast(3)) }.sorted()
    }

    static let dropToNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    static var canDropToNobody: Bool { Privileges.isRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") }
}

/// One `dockyard` user for a test: a storage root and an XDG state directory of its own.
struct LessonUser {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess
    let asNobody: Bool

    init(asNobody: Bool) throws {
        directory = try TemporaryDirectory(prefix: "lessons")
        self.asNobody = asNobody
        let root = directory.appending("root")
        for path in [root, directory.appending("state")] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            chmod(path, 0o777)
        }
        chmod(directory.path, 0o755)
        dockyard = DockyardProcess(root: root)
    }

    var stateDirectory: String { directory.appending("state") }

    /// `env` settings every invocation gets: lessons, state, language, no colour.
    var environment: [String] {
        ["XDG_STATE_HOME=\(stateDirectory)", "DOCKYARD_LESSONS=\(LessonFixtures.lessonsDirectory)",
         "LANG=C.UTF-8", "NO_COLOR=1", "HOME=\(directory.path)"]
    }

    var prefix: [String] { ["/usr/bin/env"] + environment + (asNobody ? LessonFixtures.dropToNobody : []) }

    func run(_ arguments: [String]) throws -> DockyardProcess.Result {
        try dockyard.run(arguments, prefix: prefix)
    }
}

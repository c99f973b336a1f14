import CourseSite
import FoundationEssentials
import Lessons

/// The repository's lessons and site theme, built once into a temporary directory for the tests.
enum SiteFixture {
    /// The package root, found from this file's path.
    static let root: String = {
        var parts = #filePath.split(separator: "/").map(String.init)
        parts.removeLast(3)
        return "/" + parts.joined(separator: "/")
    }()

    static var builder: CourseSiteBuilder {
        let catalog = LessonCatalog(directory: root + "/lessons")
        return CourseSiteBuilder(catalog: catalog, recordings: RecordingStore(lessonsDirectory: catalog.directory),
                                 siteDirectory: root + "/site")
    }

    /// A fresh output directory, never the same twice: suites run in parallel in one process,
    /// and two chromium runs sharing a profile or an output directory spoil each other.
    static func temporaryDirectory(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.path + "/dockyard-site-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    /// The built site's HTML files, relative to its root.
    static func htmlFiles(in directory: String) -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }

    static func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
#if canImport(Glibc)
import Glibc
#endif

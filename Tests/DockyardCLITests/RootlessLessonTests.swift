import Foundation
import Testing
import TestSupport

extension RootlessTests {
    /// The course as an ordinary user learns it: `dockyard learn N --auto` in rootless mode, each
    /// step run for real in the user's own namespaces (a step only the host's root can run shows
    /// its recording, labelled), and every check passing, in English and Korean.
    ///
    /// Left out, each for a reason: 10 and 13 publish fixed host ports (8013, 8089, 5013) that the
    /// root run of the same lesson (LessonsTests' AutoRunTests) may hold at the same moment; 16
    /// needs `dockyard-kube`, which the session's bin does not carry; 17 needs the Debian tarball
    /// and the package mirror. Each of them passed by hand as an ordinary user.
    @Suite("lessons, run for real in rootless mode", .rootlessSession)
    struct Lessons {
        static let left = ["10-", "13-", "16-", "17-"]

        static var lessonsDirectory: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("lessons").path
        }

        static var slugs: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory + "/en")) ?? [])
                .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true && !left.contains(where: $0.hasPrefix) }
                .map { String($0.dropLast(3)) }.sorted()
        }

        @Test("every step runs as the user (or shows root's recording, labelled) and its checks pass")
        func auto() throws {
            let slugs = Self.slugs
            try #require(slugs.count >= 10, "lessons found in \(Self.lessonsDirectory)")
            for slug in slugs {
                for language in ["en", "ko"] {
                    let result = try Rootless.current().run(["learn", slug, "--auto", "--lang", language],
                                                            environment: ["DOCKYARD_LESSONS=\(Self.lessonsDirectory)",
                                                                          "LANG=C.UTF-8", "NO_COLOR=1"])
                    #expect(result.status == 0, "\(slug) \(language):\n\(result.stdout)\n\(result.stderr)")
                    #expect(result.stdout.contains(language == "en" ? ", 0 failed" : "실패 0개"), "\(slug) \(language):\n\(result.stdout)")
                    // Real runs: the rootless banner, not the simulation's.
                    #expect(!result.stdout.contains(language == "en" ? "simulated: not root" : "시뮬레이션: root가 아니므로"),
                            "\(slug) \(language) ran in the simulation")
                }
            }
        }
    }
}

import CourseSite
import FoundationEssentials
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Loads the built site in Debian's headless chromium from file://: a lesson page with a small
/// harness script that searches, switches the theme and answers a quiz, and prints what it saw.
@Suite("The course site in a real browser", .serialized)
struct BrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let harness = """
    (function () {
      var out = [];
      function hits(q) { return window.dockyardSearch(q).map(function (d) { return d.url; }).join(","); }
      out.push("EN=" + hits("pivot_root"));
      out.push("KO=" + hits("네임스페이스"));
      var before = document.documentElement.getAttribute("data-theme");
      document.getElementById("theme-toggle").click();
      out.push("THEME=" + before + "/" + document.documentElement.getAttribute("data-theme"));
      var form = document.querySelector("form.quiz");
      form.querySelectorAll("input[data-correct]").forEach(function (i) { i.checked = true; });
      form.querySelector("button").click();
      out.push("QUIZ=" + form.getAttribute("data-answered"));
      // Its quiz answered right, the lesson is not done yet: its exercises count too (#16).
      out.push("DONE=" + document.querySelector(".sidebar li.current").classList.contains("done"));
      document.querySelectorAll(".exercise-done input[data-task]").forEach(function (i) { i.click(); });
      out.push("EXERCISES=" + document.querySelectorAll(".exercise-done input[data-task]").length + "/"
        + document.querySelectorAll("details.solution").length);
      // Every exercise ticked as well: now the sidebar says it is done.
      out.push("DONE2=" + document.querySelector(".sidebar li.current").classList.contains("done"));
      out.push("WIDE=" + (document.documentElement.scrollWidth > document.documentElement.clientWidth));
      out.push("COPY=" + document.querySelectorAll(".code > .copy + pre > code").length + "/" + document.querySelectorAll("pre > code").length);
      var pre = document.createElement("pre");
      pre.id = "harness";
      pre.textContent = out.join(";");
      document.body.appendChild(pre);
    })();
    """

    /// Runs chromium headless with `arguments` and the URL; returns stdout and stderr.
    static func chromiumRun(_ arguments: [String], url: String) throws -> (String, String) {
        let directory = SiteFixture.temporaryDirectory("chromium-out")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profile = SiteFixture.temporaryDirectory("chromium-profile")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let command = ([chromium ?? "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                        "--virtual-time-budget=3000"] + arguments + [url])
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = system(command + " >\(directory)/out 2>\(directory)/err")
        #expect(status == 0)
        return (SiteFixture.read(directory + "/out"), SiteFixture.read(directory + "/err"))
    }

    @Test("a lesson loads without console errors; search, theme and quiz work; a screenshot is taken",
          .enabled(if: chromium != nil, "Debian's chromium is not installed (scripts/install-deps adds it)"))
    func lessonInBrowser() throws {
        let output = SiteFixture.temporaryDirectory("browser")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        // Lesson 4 has the widest tables (cgroup file paths).
        let lesson = SiteFixture.read(output + "/en/04-cgroups.html")
        try Data(Self.harness.utf8).write(to: URL(fileURLWithPath: output + "/assets/harness.js"))
        let withHarness = lesson.replacingOccurrences(of: "</body>", with: "<script src=\"../assets/harness.js\"></script></body>")
        try Data(withHarness.utf8).write(to: URL(fileURLWithPath: output + "/en/harness.html"))

        let (dom, log) = try Self.chromiumRun(["--dump-dom"], url: "file://" + output + "/en/harness.html")
        let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("ERROR")) }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        let report = dom.components(separatedBy: "<pre id=\"harness\">").dropFirst().first?.components(separatedBy: "</pre>").first ?? ""
        #expect(report.contains("EN=en/03-root-filesystem.html"), "\(report)")
        #expect(report.components(separatedBy: ";").contains { $0.hasPrefix("KO=") && $0.contains("ko/02-namespaces.html") }, "\(report)")
        #expect(report.contains("THEME=light/dark") || report.contains("THEME=dark/light"), "\(report)")
        #expect(report.contains("QUIZ=right"), "\(report)")
        #expect(report.contains("DONE=false"), "\(report)")
        #expect(report.contains("EXERCISES=2/2"), "\(report)")
        #expect(report.contains("DONE2=true"), "\(report)")
        #expect(report.contains("WIDE=false"), "the page is wider than the window: \(report)")
        // Every code block, libcmark's and the steps', got a copy button (and there are some).
        let copy = report.components(separatedBy: ";").first { $0.hasPrefix("COPY=") }?.dropFirst(5).split(separator: "/") ?? []
        #expect(copy.count == 2 && copy[0] == copy[1] && copy[0] != "0", "\(report)")

        // At a phone's 390 px, in both languages, nothing is wider than the window: pictures and
        // tables scroll inside their own boxes.
        let korean = SiteFixture.read(output + "/ko/04-cgroups.html")
            .replacingOccurrences(of: "</body>", with: "<script src=\"../assets/harness.js\"></script></body>")
        try Data(korean.utf8).write(to: URL(fileURLWithPath: output + "/ko/harness.html"))
        for page in ["en/harness.html", "ko/harness.html"] {
            let (narrow, _) = try Self.chromiumRun(["--dump-dom", "--window-size=390,2000"], url: "file://" + output + "/" + page)
            #expect(narrow.contains("WIDE=false"), "\(page) is wider than 390 px")
        }

        let (_, indexLog) = try Self.chromiumRun(["--dump-dom"], url: "file://" + output + "/en/index.html")
        #expect(!indexLog.contains("Uncaught"))
        // Kept as a test artifact, in the build directory git ignores.
        let artifacts = SiteFixture.root + "/.build/test-artifacts"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts + "/course-lesson.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        _ = try Self.chromiumRun(["--screenshot=" + screenshot, "--window-size=1280,1000"], url: "file://" + output + "/en/04-cgroups.html")
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }
}

import CourseSite
import FoundationEssentials
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every page of the built course, in Debian's headless chromium with the CJK fonts the project's
/// setup installs, at a desktop's 1280 px and a phone's 390 px: one harness page loads each page
/// in an iframe of that width and measures what a reader would see — nothing wider than the
/// window, every picture titled and inside its box, no Copy button over code, and (in Korean)
/// no line broken inside a word ("씁니/다"), which `word-break: keep-all` is there to prevent.
@Suite("Every course page laid out in a real browser", .serialized)
struct BrowserLayoutTests {
    static let harness = """
    (function () {
      var pages = window.DOCKYARD_PAGES, width = window.DOCKYARD_WIDTH, problems = [], index = 0;
      function hangul(c) { return c >= "\\uAC00" && c <= "\\uD7A3"; }
      function overlaps(a, b) { return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1; }
      function check(page, doc) {
        var root = doc.documentElement, win = doc.defaultView;
        if (root.scrollWidth > root.clientWidth + 1) problems.push(page + ": " + root.scrollWidth + " px wide");
        doc.querySelectorAll("svg").forEach(function (svg, n) {
          if (!svg.querySelector("title") && !svg.getAttribute("aria-label")) problems.push(page + ": svg " + n + " has no title");
          var box = svg.parentElement, scrolls = /(auto|scroll)/.test(win.getComputedStyle(box).overflowX);
          if (!scrolls && svg.getBoundingClientRect().width > box.clientWidth + 1) problems.push(page + ": svg " + n + " overflows its box");
        });
        doc.querySelectorAll("button").forEach(function (button) {
          var pre = button.parentElement && button.parentElement.querySelector("pre");
          if (!pre || button.offsetParent === null) return;
          var b = button.getBoundingClientRect(), range = doc.createRange();
          range.selectNodeContents(pre);
          Array.prototype.forEach.call(range.getClientRects(), function (r) {
            if (r.width > 0 && overlaps(b, r)) problems.push(page + ": a button covers code");
          });
        });
        if (doc.documentElement.lang !== "ko") return;
        var walker = doc.createTreeWalker(doc.querySelector("main") || doc.body, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement.closest("pre, code, svg, script, style, kbd")) continue;
          var text = node.textContent, range = doc.createRange(), lastTop = null;
          for (var i = 0; i < text.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            var rects = range.getClientRects();
            if (!rects.length) continue;
            var top = rects[0].top;
            if (lastTop !== null && top > lastTop + 4 && hangul(text[i]) && i > 0 && hangul(text[i - 1])) {
              problems.push(page + ": a word broken at " + JSON.stringify(text.slice(Math.max(0, i - 4), i) + "/" + text.slice(i, i + 3)));
            }
            lastTop = top;
          }
        }
      }
      function next() {
        if (index >= pages.length) {
          var pre = document.createElement("pre");
          pre.id = "harness";
          pre.textContent = "CHECKED=" + pages.length + "\\n" + problems.join("\\n");
          document.body.appendChild(pre);
          return;
        }
        var page = pages[index++], frame = document.createElement("iframe");
        frame.style.width = width + "px"; frame.style.height = "900px"; frame.style.border = "0";
        frame.onload = function () {
          try { check(page, frame.contentDocument); } catch (e) { problems.push(page + ": " + e); }
          frame.remove();
          next();
        };
        frame.src = page;
        document.body.appendChild(frame);
      }
      next();
    })();
    """

    @Test("every page at 1280 and 390 px: no overflow, titled pictures in their boxes, no button over code, no Korean word broken",
          .enabled(if: BrowserTests.chromium != nil, "Debian's chromium is not installed (scripts/install-deps adds it)"),
          .enabled(if: Self.hasCJKFonts, "Debian's fonts-noto-cjk is not installed (scripts/install-deps adds it)"))
    func everyPage() throws {
        let output = SiteFixture.temporaryDirectory("browser-layout")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let pages = SiteFixture.htmlFiles(in: output).map { String($0.dropFirst(output.count + 1)) }.sorted()
        #expect(pages.count > 30, "\(pages)")
        try Data(Self.harness.utf8).write(to: URL(fileURLWithPath: output + "/layout-harness.js"))
        for width in [1280, 390] {
            let list = "[" + pages.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]"
            let page = "<!doctype html><html><body><script>window.DOCKYARD_PAGES=\(list);window.DOCKYARD_WIDTH=\(width);</script>"
                + "<script src=\"layout-harness.js\"></script></body></html>"
            try Data(page.utf8).write(to: URL(fileURLWithPath: output + "/layout-\(width).html"))
            let (dom, log) = try BrowserTests.chromiumRun(["--dump-dom", "--allow-file-access-from-files", "--window-size=1400,1000",
                                                           "--virtual-time-budget=60000"],
                                                          url: "file://" + output + "/layout-\(width).html")
            let report = dom.components(separatedBy: "<pre id=\"harness\">").dropFirst().first?.components(separatedBy: "</pre>").first ?? ""
            let lines = report.split(separator: "\n").map(String.init)
            #expect(lines.first == "CHECKED=\(pages.count)", "the harness did not finish at \(width) px: \(report.prefix(300))")
            let found = lines.dropFirst().prefix(40).joined(separator: "\n")
            #expect(lines.dropFirst().isEmpty, "at \(width) px:\n\(found)")
            let errors = log.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("ERROR")) }
            #expect(errors.isEmpty, "\(errors.prefix(5))")
        }
    }

    static var hasCJKFonts: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    }
}

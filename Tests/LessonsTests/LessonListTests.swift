import Foundation
import Testing
@testable import Lessons

/// The lesson list as `dockyard learn` draws it, from the course's own lessons: one line a lesson,
/// grouped by part, inside 80×24, and nothing cut at 100×40.
@Suite("The lesson list fits the terminal")
struct LessonListTests {
    /// The course in `language` as a learner who finished lessons 1 and 2 and left 3 on page 2 sees it.
    static func list(_ language: String, width: Int, height: Int) -> LessonList {
        let lessons = LessonCatalog(directory: LessonFixtures.lessonsDirectory).lessons(language: language)
        var part: String?
        let entries = lessons.map { lesson in
            part = lesson.front.part ?? part
            let progress: LessonList.Entry.Progress = switch lesson.number {
            case 1, 2: .finished
            case 3: .started(page: 2, pages: lesson.pages.count)
            default: .new
            }
            return LessonList.Entry(number: lesson.number, title: lesson.front.title, summary: lesson.front.summary,
                                    part: part, progress: progress)
        }
        return LessonList(entries: entries, width: width, height: height, text: UIText(language: language),
                          style: TerminalStyle(enabled: false))
    }

    static var pages3: Int {
        LessonCatalog(directory: LessonFixtures.lessonsDirectory).load(slug: "03-root-filesystem", language: "en")?.pages.count ?? 0
    }

    @Test("at 80×24 the list is pinned: 23 lines, every lesson on one, parts beside their first lesson")
    func pinned80x24() {
        let lines = Self.list("en", width: 80, height: 24).lines(selected: 2)
        let expected = [
            "Dockyard lessons",
            "",
            " The kernel   ✓    1. What a container is (and is not)",
            "              ✓    2. Processes and namespaces",
            "              ▸ ▶  3. The root filesystem and pivot_root  page 2/\(Self.pages3) · ← next",
            "                   4. Cgroups — limits the kernel enforces",
            " Images            5. Image layers and overlayfs",
            "                   6. Images are just data",
            "                   7. From a Dockerfile to an image",
            "                   8. Containers from images",
            " Running           9. Processes, users and exec",
            "                  10. Networking",
            "                  11. Volumes and bind mounts",
            "                  12. Security — capabilities, seccomp, user namespaces",
            " In practice      13. Sharing images through a registry",
            "                  14. Containers without root",
            "                  15. Capstone: docker run, flag by flag",
            " Further          16. From containers to pods",
            "                  17. A real distribution — Debian, apt-get and users",
            "",
            "   Why a container sees its image's files at /, and why chroot is not enough.",
            "",
            "[↑↓] or [number] choose  [Enter] start  [q] quit",
        ]
        #expect(lines.count == 23)
        #expect(lines == expected, "\(lines.joined(separator: "\n"))")
        // Without root, the mode stays on screen beside the title, whatever scrolled the banner away.
        var simulated = Self.list("ko", width: 80, height: 24)
        simulated.mode = UIText(language: "ko").modeTag(.simulation(.asked))
        let title = simulated.lines(selected: 0)[0]
        #expect(title.hasPrefix("Dockyard 수업  ⚠ 시뮬레이션") && DisplayWidth.of(title) <= 79, "\(title)")
    }

    @Test("in Korean at 80×24 every lesson and part is on screen, and no line is wider than 80 columns")
    func korean80x24() {
        let list = Self.list("ko", width: 80, height: 24)
        for selected in list.entries.indices {
            let lines = list.lines(selected: selected)
            #expect(lines.count == 23)
            for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(DisplayWidth.of(line)) columns: \(line)") }
            for entry in list.entries { #expect(lines.contains { $0.contains(String(entry.number).leftPadded(2) + ". ") }) }
            #expect(lines.filter { $0.contains("▶") }.count == 1)
        }
        let lines = list.lines(selected: 0)
        for part in ["커널", "이미지", "실행", "실전", "더 나아가기"] { #expect(lines.contains { $0.hasPrefix(" " + part) }, "\(part)") }
    }

    @Test("at 100×40 nothing is lost: every title whole, the parts set apart, every summary whole")
    func nothingLostAt100x40() {
        for language in ["en", "ko"] {
            let list = Self.list(language, width: 100, height: 40)
            for selected in list.entries.indices {
                let lines = list.lines(selected: selected)
                #expect(lines.count <= 39)
                for line in lines { #expect(DisplayWidth.of(line) <= 100, "\(line)") }
                for entry in list.entries { #expect(lines.contains { $0.contains(entry.title) }, "\(entry.title) cut or missing") }
                let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                #expect(joined.contains(list.entries[selected].summary), "summary cut: \(lines.joined(separator: "\n"))")
                // A blank line between parts: five parts, four gaps among the lesson lines.
                let between = lines.dropFirst(2).prefix(list.entries.count + 4)
                #expect(between.filter(\.isEmpty).count == 4, "\(lines.joined(separator: "\n"))")
            }
        }
    }

    @Test("in a short terminal the lessons scroll with the choice and the hidden ones are counted")
    func scrollsInShortTerminal() {
        let list = Self.list("en", width: 80, height: 14)
        for selected in list.entries.indices {
            let lines = list.lines(selected: selected)
            #expect(lines.count == 13)
            let chosen = lines.filter { $0.contains("▶") }
            #expect(chosen.count == 1 && chosen[0].contains(String(selected + 1).leftPadded(2) + ". "), "\(lines.joined(separator: "\n"))")
            let shown = lines.filter { $0.range(of: #"[0-9]\. "#, options: .regularExpression) != nil }.count
            let hidden = lines.compactMap { line -> Int? in
                guard line.contains("↑") || line.contains("↓") else { return nil }
                return Int(line.filter(\.isNumber))
            }.reduce(0, +)
            #expect(shown + hidden == list.entries.count, "\(lines.joined(separator: "\n"))")
        }
        // The first line of a window names its part, even mid-part.
        let middle = list.lines(selected: 10)
        #expect(middle.contains { $0.hasPrefix(" Running") })
    }
}

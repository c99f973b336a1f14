import Testing
@testable import Lessons

/// The Korean lessons as lessons/README.md asks them written: particles attached to code and
/// bold, the seed's own words on first use, and none of the words the glossary rules out.
@Suite("The Korean lessons are written as lessons/README.md says")
struct KoreanProseTests {
    static let lessons = LessonCatalog(directory: LessonFixtures.lessonsDirectory).lessons(language: "ko")

    /// The lesson's running text: no front matter, no fenced blocks, no headings.
    static func prose(_ lesson: Lesson, droppingCode: Bool) -> [(line: Int, text: String)] {
        var lines: [(Int, String)] = []
        var fenced = false
        for (index, raw) in lesson.markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = raw.drop { $0 == " " || $0 == ">" }
            if content.hasPrefix("```") { fenced.toggle(); continue }
            if fenced || content.hasPrefix("#") { continue }
            var text = String(raw)
            if droppingCode { text = text.replacing(/`[^`]*`/, with: "") }
            lines.append((index + 1 + lesson.markdownLineOffset, text))
        }
        return lines
    }

    /// A particle written apart from the code span or bold it belongs to: `` `ps` 는 ``.
    static var detachedParticle: Regex<(Substring, Substring, Substring)> { /(`|\*\*) (은|는|이|가|을|를|의|에|에서|에는|으로|로|과|와|도|만|까지|부터|처럼|보다|입니다|이다|이고|이며|이나)(?=[\s.,:;!?)]|$)/ }

    @Test("a particle is attached to the code span or bold before it")
    func particlesAttached() {
        #expect(!Self.lessons.isEmpty)
        for lesson in Self.lessons {
            for (line, text) in Self.prose(lesson, droppingCode: false) where text.contains(Self.detachedParticle) {
                Issue.record("\(lesson.path):\(line): a particle set apart: \(text)")
            }
        }
    }

    @Test("the test catches a detached particle and passes an attached one")
    func particleRule() {
        #expect("안에서 `ps` 는 자기만 봅니다".contains(Self.detachedParticle))
        #expect("새 **pid 네임스페이스** 가 가립니다".contains(Self.detachedParticle))
        #expect(!"안에서 `ps`는 자기만 봅니다".contains(Self.detachedParticle))
        #expect(!"`eth0` 인터페이스".contains(Self.detachedParticle), "a noun after code is no particle")
    }

    @Test("Docker(도커) and 네임스페이스(이름 공간) on first use in each lesson")
    func firstUse() {
        for lesson in Self.lessons {
            let text = Self.prose(lesson, droppingCode: true).map(\.text).joined(separator: "\n")
            if let first = text.firstMatch(of: /Docker(?![A-Za-z])|도커/) {
                #expect(text[first.range.lowerBound...].hasPrefix("Docker(도커)"), "\(lesson.path): first Docker is not Docker(도커)")
            }
            if let first = text.firstRange(of: "네임스페이스") {
                #expect(text[first.lowerBound...].hasPrefix("네임스페이스(이름 공간)"), "\(lesson.path): first 네임스페이스 is not 네임스페이스(이름 공간)")
            }
        }
    }

    @Test("none of the words the glossary rules out")
    func ruledOutWords() {
        for lesson in Self.lessons {
            for (line, text) in Self.prose(lesson, droppingCode: true) {
                for word in ["기계", "찍", "역사", "정체", "묶음", "돕니다", "돌고", "도는 "] where text.contains(word) {
                    Issue.record("\(lesson.path):\(line): \"\(word)\" (see the glossary in lessons/README.md): \(text)")
                }
            }
        }
    }
}

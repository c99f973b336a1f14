@testable import DockerfileSyntax
import Testing

@Suite("One wildcard matcher for COPY, .dockerignore and shell patterns")
struct WildcardTests {
    @Test("filepath.Match syntax: stars, one character, classes and escapes", arguments: [
        ("*.txt", "notes.txt", true), ("*.txt", "notes.md", false), ("?.c", "a.c", true), ("?.c", "ab.c", false),
        ("[a-c]x", "bx", true), ("[!a-c]x", "bx", false), ("[^a-c]x", "dx", true), ("[]]", "]", true),
        ("\\*", "*", true), ("\\*", "a", false), ("a\\", "a\\", true), ("*", "", true),
    ])
    func filepathMatch(pattern: String, name: String, matches: Bool) throws {
        let wildcard = try #require(Wildcard(filepathPattern: pattern))
        #expect(wildcard.matches(name) == matches)
    }

    @Test("an unclosed class is no pattern at all")
    func unclosedClass() {
        #expect(Wildcard(filepathPattern: "[abc") == nil)
    }

    @Test("with a separator, stars and classes stay inside one segment; without one they cross it")
    func separator() {
        let path = Wildcard(tokens: [.anyRun, .literal("c")], separator: "/")
        let shell = Wildcard(tokens: [.anyRun, .literal("c")], separator: nil)
        #expect(!path.matches("a/b/c"))
        #expect(shell.matches("a/b/c"))
    }

    @Test("** crosses directories, as in .dockerignore")
    func doubleStar() {
        let wildcard = Wildcard(tokens: [.anyDirectories, .literal("x")], separator: "/")
        #expect(wildcard.matches("x"))
        #expect(wildcard.matches("a/b/x"))
        #expect(!wildcard.matches("a/bx"))
    }

    @Test("a pattern of many stars is matched in linear passes, not by backtracking")
    func manyStars() throws {
        let wildcard = try #require(Wildcard(filepathPattern: String(repeating: "*a", count: 40) + "b"))
        #expect(!wildcard.matches(String(repeating: "a", count: 200)))
    }
}

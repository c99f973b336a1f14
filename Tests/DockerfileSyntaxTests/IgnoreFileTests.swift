import Testing
@testable import DockerfileSyntax

/// `.dockerignore` matching.
struct IgnoreFileTests {
    func ignore(_ text: String) throws -> IgnoreFile { try IgnoreFile(parsing: text) }

    @Test("plain names match the path and everything under it")
    func plainNames() throws {
        let file = try ignore("node_modules\n.git\n")
        #expect(file.excludes("node_modules"))
        #expect(file.excludes("node_modules/lib/index.js"))
        #expect(file.excludes(".git/HEAD"))
        #expect(!file.excludes("src/node_modules"))
        #expect(!file.excludes("README.md"))
    }

    @Test("* stays within one directory; ? is one character")
    func singleStar() throws {
        let file = try ignore("*.md\ndocs/*.txt\nlog?\n")
        #expect(file.excludes("README.md"))
        #expect(!file.excludes("docs/guide.md"))
        #expect(file.excludes("docs/a.txt"))
        #expect(!file.excludes("docs/sub/a.txt"))
        #expect(file.excludes("log1"))
        #expect(!file.excludes("log12"))
    }

    @Test("** matches any number of directories, including none")
    func doubleStar() throws {
        let file = try ignore("**/*.go\nbuild/**\n**/tmp\n")
        #expect(file.excludes("main.go"))
        #expect(file.excludes("a/b/c.go"))
        #expect(file.excludes("build/x/y"))
        #expect(file.excludes("tmp"))
        #expect(file.excludes("a/b/tmp"))
        #expect(!file.excludes("a/b/temp"))
    }

    @Test("the last matching line wins and ! makes an exception")
    func exceptions() throws {
        let file = try ignore("*.md\n!README.md\nREADME*\n")
        #expect(file.excludes("CHANGES.md"))
        #expect(file.excludes("README.md"))
        let other = try ignore("*.md\n!README.md\n")
        #expect(!other.excludes("README.md"))
        #expect(other.excludes("NOTES.md"))
    }

    @Test("comments, blank lines, leading slashes and dots are normalised")
    func normalisation() throws {
        let file = try ignore("# comment\n\n/secret\n./build/../out\n  spaced  \r\n")
        #expect(file.patterns.map(\.pattern) == ["secret", "out", "spaced"])
        #expect(file.excludes("secret"))
        #expect(file.excludes("/secret"))
        #expect(file.excludes("./out/x"))
    }

    @Test("character classes and escapes")
    func classes() throws {
        let file = try ignore("[a-c]*.txt\nfile\\*\n[^x]y\n")
        #expect(file.excludes("apple.txt"))
        #expect(!file.excludes("dog.txt"))
        #expect(file.excludes("file*"))
        #expect(!file.excludes("files"))
        #expect(file.excludes("ay"))
        #expect(!file.excludes("xy"))
    }

    @Test("a lone ! and an unclosed [ are errors")
    func invalid() throws {
        #expect(throws: IgnorePattern.Invalid.self) { try ignore("!\n") }
        #expect(throws: IgnorePattern.Invalid.self) { try ignore("[abc\n") }
    }

    @Test("an exception inside an excluded directory re-includes only that path")
    func exceptionInsideDirectory() throws {
        let file = try ignore("docs\n!docs/keep.md\n")
        #expect(file.excludes("docs/other.md"))
        #expect(!file.excludes("docs/keep.md"))
    }
}

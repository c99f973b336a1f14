import Testing
@testable import DockerfileSyntax

/// Heredocs for RUN, COPY and ADD.
struct HeredocTests {
    @Test("RUN <<EOF reads the body up to the delimiter")
    func runHeredoc() throws {
        let file = try parsed("FROM a\nRUN <<EOF\necho hi\necho there\nEOF\nUSER x\n")
        let run = file.instructions[1]
        #expect(run.heredocs == [Heredoc(name: "EOF", content: "echo hi\necho there\n", chomp: false, expand: true, fileDescriptor: 0)])
        #expect(run.line == 2 && run.endLine == 5)
        #expect(file.instructions[2].line == 6)
    }

    @Test("<<- strips leading tabs from the body and the delimiter")
    func chomp() throws {
        let file = try parsed("FROM a\nRUN <<-EOT\n\techo hi\n\t\tnested\n\tEOT\n")
        #expect(file.instructions[1].heredocs.first?.content == "echo hi\nnested\n")
        #expect(file.instructions[1].heredocs.first?.chomp == true)
    }

    @Test("a quoted delimiter turns expansion off")
    func quotedDelimiter() throws {
        let file = try parsed("FROM a\nRUN <<'EOF' bash\necho $HOME\nEOF\nRUN <<\"X\"\nx\nX\nRUN <<Y\ny\nY\n")
        #expect(file.instructions[1].heredocs.first?.name == "EOF")
        #expect(file.instructions[1].heredocs.first?.expand == false)
        #expect(file.instructions[2].heredocs.first?.expand == false)
        #expect(file.instructions[3].heredocs.first?.expand == true)
    }

    @Test("several heredocs in one instruction are read in order")
    func several() throws {
        let file = try parsed("FROM a\nCOPY <<one.txt <<two.txt /dst/\nfirst\none.txt\nsecond\ntwo.txt\n")
        let copy = file.instructions[1]
        #expect(copy.heredocs.map(\.name) == ["one.txt", "two.txt"])
        #expect(copy.heredocs.map(\.content) == ["first\n", "second\n"])
        #expect(copy.details == .copy(sources: ["<<one.txt", "<<two.txt"], destination: "/dst/"))
        #expect(copy.endLine == 6)
    }

    @Test("a heredoc with a command and a file descriptor")
    func commandAndDescriptor() throws {
        let file = try parsed("FROM a\nRUN python3 3<<EOF > /out\nprint(1)\nEOF\n")
        #expect(file.instructions[1].heredocs.first?.fileDescriptor == 3)
        #expect(file.instructions[1].arguments == ["python3 3<<EOF > /out"])
    }

    @Test("heredoc bodies keep lines that look like instructions or comments")
    func bodyIsRaw() throws {
        let file = try parsed("FROM a\nRUN <<EOF\n# not a comment\nFROM nothing\n\nEOF\n")
        #expect(file.instructions.count == 2)
        #expect(file.instructions[1].heredocs.first?.content == "# not a comment\nFROM nothing\n\n")
    }

    @Test("<< inside quotes or in exec form is not a heredoc")
    func notHeredoc() throws {
        let file = try parsed("FROM a\nRUN echo '<<EOF'\nRUN [\"cat\", \"<<EOF\"]\nCMD cat <<EOF\n")
        #expect(file.instructions.allSatisfy { $0.heredocs.isEmpty })
    }

    @Test("ONBUILD RUN may carry a heredoc")
    func onbuildHeredoc() throws {
        let file = try parsed("FROM a\nONBUILD RUN <<EOF\necho later\nEOF\n")
        #expect(file.instructions[1].heredocs.first?.content == "echo later\n")
    }

    @Test("CRLF heredoc bodies end lines with \\n and still find the delimiter")
    func crlfHeredoc() throws {
        let file = try parsed("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n")
        #expect(file.instructions[1].heredocs.first?.content == "echo hi\n")
    }

    @Test("an unterminated heredoc is an error at its opening")
    func unterminated() throws {
        let error = try #require(rejection("FROM a\nRUN cat <<EOF\nhello\n"))
        #expect(error.code == .unterminatedHeredoc)
        #expect(error.location == SourceLocation(line: 2, column: 9))
    }

    @Test("a heredoc as COPY's destination is an error")
    func heredocDestination() throws {
        let error = try #require(rejection("FROM a\nCOPY a <<EOF\nx\nEOF\n"))
        #expect(error.code == .invalidArguments)
    }
}

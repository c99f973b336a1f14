import Testing
@testable import DockerfileSyntax

/// Parses `text`, failing the test with the error if Docker's rules reject it.
func parsed(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Dockerfile {
    do {
        return try Dockerfile(parsing: text)
    } catch {
        Issue.record("unexpected parse error: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error `text` is rejected with, or nil if it parses.
func rejection(_ text: String) -> DockerfileError? {
    rejection(bytes: Array(text.utf8))
}

/// The error raw `bytes` are rejected with, or nil if they parse.
func rejection(bytes: [UInt8]) -> DockerfileError? {
    do throws(DockerfileError) {
        _ = try Dockerfile(bytes: bytes)
        return nil
    } catch {
        return error
    }
}

import GoTemplate
import Testing
@testable import DockyardCLI

/// `inspect`'s JSON and `{{json .}}` come from one Go binary in Docker, so they quote alike.
struct DockerJSONQuotingTests {
    @Test("inspect's strings are quoted as Go's HTML-safe encoder and {{json}} quote them")
    func sameQuoting() {
        let text = "a<b>&\"c\"\\\n\t\u{08}\u{0C}\u{01}\u{2028}é"
        #expect(DockerJSON.quoted(text) == #""a\u003cb\u003e\u0026\"c\"\\\n\t\b\f\u0001\u2028é""#)
        #expect(DockerJSON.quoted(text) == TemplateValue.jsonQuoted(text, escapingHTML: true))
    }
}

import Testing
import GoTemplate

/// What `inspect` prints is read back into a value tree.
struct JSONReadingTests {
    @Test("objects keep their key order, numbers stay integers unless they have a fraction")
    func reading() throws {
        let value = try TemplateValue(json: #"{"b": [1, 2.5, -3e2], "a": {"x": null, "y": "\u00e9\n\ud83d\ude00"}, "c": true}"#)
        #expect(value.compactJSON == #"{"b":[1,2.5,-300],"a":{"x":null,"y":"é\n😀"},"c":true}"#)
        #expect(try Template("{{.b}} {{.a.y | len}}").execute(value) == "[1 2.5 -300] 7")
    }

    @Test("broken JSON is refused with the byte where reading stopped", arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "-"])
    func broken(text: String) {
        #expect(throws: TemplateValue.JSONError.self) { try TemplateValue(json: text) }
    }
}

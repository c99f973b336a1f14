import HostSystem
import Testing

@Suite("Array.concatenated: joined(separator:) without the generic path")
struct ConcatenatedTests {
    @Test("gives what joined(separator:) gives", arguments: [
        [String](), [""], ["a"], ["a", "b"], ["", "", ""], ["lower", "", "dirs/x", "ünïcode"],
    ])
    func sameAsJoined(strings: [String]) {
        for separator in ["", ":", "/", ", "] {
            #expect(strings.concatenated(separator: separator) == strings.joined(separator: separator))
        }
    }
}

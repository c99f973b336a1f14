import HostSystem
import Testing

@Suite("HostSystem's joined(separator:) for [String] and [Substring]")
struct JoinedTests {
    static let cases: [[String]] = [[], [""], ["a"], ["a", "b"], ["", "", ""], ["lower", "", "dirs/x", "ünïcode", "e\u{301}"]]

    @Test("gives what the standard library's generic joined gives", arguments: cases)
    func sameAsStandardLibrary(strings: [String]) {
        let substrings = strings.map { Substring($0) }
        for separator in ["", ":", "/", ", ", "\u{301}"] {
            // Through AnySequence the standard library's generic joined is the one called.
            let expected = AnySequence(strings).joined(separator: separator)
            #expect(strings.joined(separator: separator) == expected)
            #expect(substrings.joined(separator: separator) == expected)
        }
        #expect(strings.joined() == AnySequence(strings).joined())
    }
}

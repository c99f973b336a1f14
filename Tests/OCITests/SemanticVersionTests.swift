import OCI
import Testing

@Suite("SemanticVersion: config.json's ociVersion as SemVer 2.0.0")
struct SemanticVersionTests {
    @Test("versions of the spec, pre-releases and build metadata are read into their parts")
    func valid() throws {
        let plain = try #require(SemanticVersion("1.2.0"))
        #expect((plain.major, plain.minor, plain.patch) == (1, 2, 0) && plain.preRelease.isEmpty && plain.build.isEmpty)
        let full = try #require(SemanticVersion("1.0.0-rc.5+dev.001"))
        #expect(full.preRelease == ["rc", "5"] && full.build == ["dev", "001"])
        #expect(SemanticVersion("1.3.0") != nil && SemanticVersion("10.20.30") != nil && SemanticVersion("1.0.0-0A.is.legal") != nil)
    }

    @Test("what SemVer refuses is nil: words, two parts, a v, leading zeros, empty identifiers")
    func invalid() {
        for text in ["invalid", "", "1.0", "1", "v1.0.0", "1.0.0.0", "01.0.0", "1.02.0", "1.0.0-", "1.0.0+", "1.0.0-01",
                     "1.0.0-rc..1", "1.0.0-r_c", " 1.0.0", "1.0.0 ", "-1.0.0", "1.0.x"] {
            #expect(SemanticVersion(text) == nil, "\(text.debugDescription)")
        }
    }
}

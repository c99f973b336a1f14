import FoundationEssentials
import Testing
@testable import CourseSite

/// The words a learner types into the site's search box find the lessons that teach them, in
/// the page's language: the built index (`search-index.js`) is read back as the page's script
/// reads it, and a query matches a page that holds all of the query's grams.
@Suite("Searching the built course")
struct SearchTermsTests {
    struct Index: Decodable {
        struct Document: Decodable { var url: String; var title: String; var lang: String }
        var docs: [Document]
        var grams: [String: [Int]]
    }

    /// The index as the built site ships it.
    static func builtIndex() throws -> Index {
        let output = SiteFixture.temporaryDirectory("search")
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SiteFixture.builder.build(to: output)
        let script = SiteFixture.read(output + "/" + SiteLayout.assets + "/" + SiteLayout.searchIndex)
        let prefix = "window.DOCKYARD_SEARCH="
        let json = script.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(prefix.count).dropLast()
        return try JSONDecoder().decode(Index.self, from: Data(json.utf8))
    }

    /// The pages of `language` that hold every gram of `query`.
    static func matches(_ query: String, language: String, in index: Index) -> [String] {
        let lists = SearchIndex.grams(query).map { Set(index.grams[$0] ?? []) }
        guard let first = lists.first else { return [] }
        let hits = lists.dropFirst().reduce(first) { $0.intersection($1) }
        return hits.map { index.docs[$0] }.filter { $0.lang == language }.map(\.url).sorted()
    }

    @Test("apt-get, registry, 화이트아웃 and 도커 허브 find the lessons that teach them")
    func seedTerms() throws {
        let index = try Self.builtIndex()
        #expect(Self.matches("apt-get", language: "en", in: index).contains { $0.contains("17-a-real-distribution") })
        #expect(Self.matches("apt-get", language: "ko", in: index).contains { $0.contains("17-a-real-distribution") })
        #expect(Self.matches("registry", language: "en", in: index).contains { $0.contains("13-sharing-images") })
        #expect(Self.matches("레지스트리", language: "ko", in: index).contains { $0.contains("13-sharing-images") })
        #expect(Self.matches("화이트아웃", language: "ko", in: index).contains { $0.contains("05-layers-and-overlayfs") })
        #expect(Self.matches("도커 허브", language: "ko", in: index).contains { $0.contains("13-sharing-images") })
        // A word no lesson has finds nothing, so the matches above are not the whole course.
        #expect(Self.matches("zeppelin", language: "en", in: index).isEmpty)
    }
}

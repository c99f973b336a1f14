import Explain

/// The client-side search index: every lesson page cut into n-grams so search works without a
/// server and without word boundaries — Korean is searched by syllable bigrams, English by
/// lowercase word prefixes (trigrams of each word). The page's script does the same cut to a query
/// and ranks the pages that hold all of its grams.
struct SearchIndex {
    /// One searchable page.
    struct Document {
        var url: String
        var title: String
        var language: String
        var text: String
    }

    var documents: [Document] = []

    /// The grams of a text; the script in `site/assets/search.js` must cut the same way.
    static func grams(_ text: String) -> Set<String> {
        var grams: Set<String> = []
        var word: [Character] = []
        func flush() {
            guard !word.isEmpty else { return }
            if word.allSatisfy(\.isHangul) {
                if word.count == 1 { grams.insert(String(word)) }
                for i in 0..<max(0, word.count - 1) { grams.insert(String(word[i...i + 1])) }
            } else if word.count <= 3 {
                grams.insert(String(word))
            } else {
                for i in 0...(word.count - 3) { grams.insert(String(word[i..<i + 3])) }
            }
            word.removeAll()
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                // A change between Hangul and Latin ends a word ("cgroup은" is two).
                if let last = word.last, last.isHangul != character.isHangul { flush() }
                word.append(character)
            } else {
                flush()
            }
        }
        flush()
        return grams
    }

    /// The index as a script that sets `window.DOCKYARD_SEARCH` (a JSON object), because a
    /// page opened from file:// may not fetch a JSON file.
    func script() -> String {
        var postings: [String: [Int]] = [:]
        for (id, document) in documents.enumerated() {
            for gram in Self.grams(document.title + " " + document.text) { postings[gram, default: []].append(id) }
        }
        let docs = documents.map {
            "{\"url\":\(JSONText.quoted($0.url, forScript: true)),\"title\":\(JSONText.quoted($0.title, forScript: true)),\"lang\":\(JSONText.quoted($0.language, forScript: true))}"
        }.joined(separator: ",")
        let grams = postings.keys.sorted().map { key in
            JSONText.quoted(key, forScript: true) + ":[" + (postings[key] ?? []).map(String.init).joined(separator: ",") + "]"
        }.joined(separator: ",")
        return "window.DOCKYARD_SEARCH={\"docs\":[\(docs)],\"grams\":{\(grams)}};\n"
    }
}

extension Character {
    /// Hangul syllables and jamo.
    var isHangul: Bool {
        unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) || (0x1100...0x11FF).contains($0.value) || (0x3130...0x318F).contains($0.value) }
    }
}

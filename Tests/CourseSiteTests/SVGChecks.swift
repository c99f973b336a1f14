import Explain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import CourseSite

/// An SVG picture read back with Foundation's XMLParser: whether it is well-formed XML, its
/// `<title>`, and every label with the box it takes (from the same font metrics the drawing uses).
struct ParsedSVG {
    /// One `<text>` element: its words and where it sits.
    struct Label {
        var text: String
        var x: Double
        var y: Double
        var size: Double
        var anchor: String

        /// Left, top, right, bottom, as the drawing estimates them.
        var box: (Double, Double, Double, Double) {
            let width = SVGCanvas.textWidth(text, size: size)
            let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
            return (left, y - size * 0.8, left + width, y + size * 0.2)
        }
    }

    var wellFormed: Bool
    var width: Double = 0
    var title: String = ""
    var labels: [Label] = []
    var elementCounts: [String: Int] = [:]

    var texts: [String] { labels.map(\.text) }

    init(_ svg: String) {
        let reader = Reader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        // swift-corelibs' XMLParser may recover from a mismatched tag without failing: its errors
        // are counted too, and the tags are balanced by hand as well.
        wellFormed = parser.parse() && !reader.failed && HTMLChecks.tagProblem(svg) == nil
        width = reader.width
        title = reader.title
        labels = reader.labels
        elementCounts = reader.counts
    }

    /// Pairs of labels whose boxes overlap.
    func overlaps() -> [(String, String)] {
        var found: [(String, String)] = []
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] {
                let (l1, t1, r1, b1) = a.box
                let (l2, t2, r2, b2) = b.box
                if l1 < r2 - 1 && l2 < r1 - 1 && t1 < b2 - 1 && t2 < b1 - 1 { found.append((a.text, b.text)) }
            }
        }
        return found
    }

    /// Every `<svg>…</svg>` in a page.
    static func all(in html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var width = 0.0
        var title = ""
        var labels: [Label] = []
        var counts: [String: Int] = [:]
        var path: [String] = []
        var current: Label?
        var characters = ""
        var failed = false

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            counts[name, default: 0] += 1
            path.append(name)
            characters = ""
            if name == "svg" { width = Double(attributes["width"] ?? "") ?? 0 }
            if name == "text" {
                current = Label(text: "", x: Double(attributes["x"] ?? "") ?? 0, y: Double(attributes["y"] ?? "") ?? 0,
                                size: Double(attributes["font-size"] ?? "") ?? 12, anchor: attributes["text-anchor"] ?? "start")
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" && path.count == 2 { title = characters }
            if name == "text", var label = current {
                label.text = characters
                labels.append(label)
                current = nil
            }
            path.removeLast()
            characters = ""
        }
    }
}

/// Events of one recorded step, read from the repository's real recordings.
enum RecordedSteps {
    static func events(_ lesson: String, _ step: String, language: String = "en", run: Int = 0) -> [Explain.Event] {
        let store = RecordingStore(lessonsDirectory: SiteFixture.root + "/lessons")
        let runs = store.load(slug: lesson, language: language)?.step(step)?.runs ?? []
        guard run < runs.count else { return [] }
        return runs[run].events.compactMap(Explain.Event.init(jsonLine:))
    }
}

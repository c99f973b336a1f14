/// An inline SVG picture written as text: boxes, labels, lines and arrows in a fixed coordinate
/// space (`viewBox`) that the page scales. Labels use a monospace font so their width can be
/// known without a browser: 0.6 em a character, 1 em for a Hangul or other wide one.
/// Every string is escaped; a label's full text (a whole path, a whole digest) can ride along as
/// an SVG `<title>`, which a browser shows on hover and a screen reader reads.
struct SVGCanvas {
    var width: Double
    var height: Double
    private(set) var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    enum Anchor: String { case start, middle, end }

    /// The width a label takes at `size` px in the pictures' monospace font.
    static func textWidth(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1.0 : 0.6) } * size
    }

    /// Hangul, CJK and full-width forms take a whole em.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6: true
        default: false
        }
    }

    /// `text` cut to at most `width` px at `size`, ending in "…" when cut.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if textWidth(out + String(scalar) + "…", size: size) > width { break }
            out.unicodeScalars.append(scalar)
        }
        return out + "…"
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }
    private func n(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10) }

    /// Wraps `element` in a group with a `<title>` when there is one to give.
    private mutating func add(_ element: String, title: String?) {
        if let title { elements.append("<g><title>\(e(title))</title>\(element)</g>") } else { elements.append(element) }
    }

    mutating func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, class style: String, radius: Double = 4, title: String? = nil) {
        add("<rect class=\"\(style)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" rx=\"\(n(radius))\"/>", title: title)
    }

    /// A label whose baseline is at `y`.
    mutating func text(_ string: String, _ x: Double, _ y: Double, class style: String = "", size: Double = 12,
                       anchor: Anchor = .start, title: String? = nil) {
        let cls = style.isEmpty ? "" : " class=\"\(style)\""
        let anchorAttribute = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        add("<text\(cls) x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\"\(anchorAttribute)>\(e(string))</text>", title: title)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class style: String = "wire", dashed: Bool = false) {
        elements.append("<line class=\"\(style)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"\(dashed ? " stroke-dasharray=\"4 3\"" : "")/>")
    }

    /// A line with a filled head at its end (no `<marker>`: ids would clash between pictures on one page).
    mutating func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class style: String = "wire", dashed: Bool = false) {
        let length = max(((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot(), 0.001)
        let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length)
        let (bx, by) = (x2 - ux * 7, y2 - uy * 7)
        line(x1, y1, bx, by, class: style, dashed: dashed)
        let points = [(x2, y2), (bx - uy * 3.5, by + ux * 3.5), (bx + uy * 3.5, by - ux * 3.5)]
            .map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        elements.append("<polygon class=\"\(style) head\" points=\"\(points)\"/>")
    }

    /// Elements drawn by `draw`, as one link (`<a href>` works in inline SVG without script).
    mutating func link(_ href: String, _ draw: (inout SVGCanvas) -> Void) {
        var inner = SVGCanvas(width: width, height: height)
        draw(&inner)
        elements.append("<a href=\"\(e(href))\">" + inner.elements.joined() + "</a>")
    }

    /// The `<svg>` element: `title` names the picture for screen readers and search.
    func render(title: String, class style: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pic \(style)\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + " style=\"max-width:\(n(width))px;min-width:min(\(n(width))px,36rem)\" role=\"img\"><title>\(e(title))</title>" + elements.joined() + "</svg>"
    }
}

/// A picture as the page shows it: a caption above, and the SVG in a box that scrolls sideways
/// on a narrow screen rather than shrinking the labels past reading.
enum PictureFigure {
    static func html(kind: String, caption: String, svg: String, note: String = "") -> String {
        "<figure class=\"picture \(kind)\"><figcaption>\(HTMLText.escape(caption))</figcaption>"
            + "<div class=\"scroll\">\(svg)</div>\(note)</figure>"
    }
}

import Lessons

/// Docker's chain as the course's opening picture: a Dockerfile is built into an image of layers
/// and a config, and an image runs as a container — processes in namespaces, limited by cgroups,
/// on an overlay. Each part links to the lesson about it. Drawn twice, side by side for a wide
/// screen and one under the other for a phone; the page's CSS shows the one that fits.
struct ChainPicture {
    var text: SiteText
    /// The page a part links to: `dockerfile`, `image` or `container`; nil draws it without a link.
    var href: (String) -> String?

    /// Links to the lessons about each part: the Dockerfile is lesson 7, the image lesson 6, the
    /// container lesson 1; `prefix` is the path from the page to the lessons' directory.
    static func links(to lessons: [Lesson], prefix: String) -> (String) -> String? {
        let lessonFor = ["dockerfile": 7, "image": 6, "container": 1]
        return { part in
            lessonFor[part].flatMap { number in lessons.first { $0.number == number } }.map { prefix + SiteLayout.lesson($0.slug) }
        }
    }

    /// The three parts: what links where, the heading, the lines inside and their style.
    private var parts: [(name: String, title: String, lines: [String], style: String)] {
        [("dockerfile", "Dockerfile", ["FROM busybox", "COPY app /app", "RUN make", "CMD [\"/app\"]"], "instruction"),
         ("image", text.imageWord, ["config", "layer 3", "layer 2", "layer 1"], "layer lower"),
         ("container", text.containerWord, text.containerParts, "ns-new")]
    }

    func render() -> String {
        var wide = SVGCanvas(width: 700, height: 190)
        var tall = SVGCanvas(width: 300, height: 640)
        for (index, part) in parts.enumerated() {
            draw(&wide, part, x: 10 + Double(index) * 250, y: 10)
            draw(&tall, part, x: 60, y: 10 + Double(index) * 220)
        }
        for (index, verb) in ["build", "run"].enumerated() {
            let x = 190 + Double(index) * 250
            wide.arrow(x + 2, 95, x + 68, 95, class: "wire")
            wide.text(verb, x + 35, 85, class: "value strong", anchor: .middle)
            let y = 180 + Double(index) * 220
            tall.arrow(150, y + 2, 150, y + 48, class: "wire")
            tall.text(verb, 160, y + 30, class: "value strong")
        }
        return PictureFigure.html(kind: "chain", caption: text.chainCaption,
                                  svg: wide.render(title: text.chainTitle, class: "chain wide") + tall.render(title: text.chainTitle, class: "chain tall"))
    }

    private func draw(_ svg: inout SVGCanvas, _ part: (name: String, title: String, lines: [String], style: String), x: Double, y: Double) {
        let drawing = { (svg: inout SVGCanvas) in
            svg.box(x, y, 180, 170, class: "frame part")
            svg.text(part.title, x + 90, y + 26, class: "heading", size: 15, anchor: .middle)
            for (index, line) in part.lines.enumerated() {
                let top = y + 42 + Double(index) * 30
                svg.box(x + 14, top, 152, 24, class: part.style, radius: 3)
                svg.text(SVGCanvas.fit(line, width: 140, size: 12), x + 90, top + 16.5, anchor: .middle)
            }
        }
        if let link = href(part.name) { svg.link(link, drawing) } else { drawing(&svg) }
    }
}

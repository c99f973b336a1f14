import Lessons

/// Docker's chain as the course's opening picture: a Dockerfile is built into an image of layers
/// and a config, and an image runs as a container — processes in namespaces, limited by cgroups,
/// on an overlay. Each part links to the lesson about it.
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

    func render() -> String {
        var svg = SVGCanvas(width: 700, height: 200)
        part(&svg, "dockerfile", x: 10, title: "Dockerfile", lines: ["FROM busybox", "COPY app /app", "RUN make", "CMD [\"/app\"]"], style: "instruction")
        verb(&svg, "dockyard build", x: 200)
        part(&svg, "image", x: 260, title: text.imageWord, lines: ["config", "layer 3", "layer 2", "layer 1"], style: "layer lower")
        verb(&svg, "dockyard run", x: 450)
        part(&svg, "container", x: 510, title: text.containerWord, lines: text.containerParts, style: "ns-new")
        return PictureFigure.html(kind: "chain", caption: text.chainCaption, svg: svg.render(title: text.chainTitle, class: "chain"))
    }

    private func part(_ svg: inout SVGCanvas, _ name: String, x: Double, title: String, lines: [String], style: String) {
        let draw = { (svg: inout SVGCanvas) in
            svg.box(x, 10, 180, 170, class: "frame part")
            svg.text(title, x + 90, 36, class: "heading", size: 15, anchor: .middle)
            for (index, line) in lines.enumerated() {
                let y = 52 + Double(index) * 30
                svg.box(x + 14, y, 152, 24, class: style, radius: 3)
                svg.text(SVGCanvas.fit(line, width: 140, size: 12), x + 90, y + 16.5, anchor: .middle)
            }
        }
        if let link = href(name) { svg.link(link, draw) } else { draw(&svg) }
    }

    private func verb(_ svg: inout SVGCanvas, _ command: String, x: Double) {
        svg.arrow(x - 8, 95, x + 58, 95, class: "wire")
        svg.text(command.split(separator: " ").last.map(String.init) ?? command, x + 25, 85, class: "value strong", size: 12, anchor: .middle)
    }
}

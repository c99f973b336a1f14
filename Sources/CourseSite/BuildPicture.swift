import Explain

/// A build as a picture: each Dockerfile instruction on the left, pointing at what it made on
/// the right — a layer (its digest, size and the files it added, changed or deleted) or a change
/// to the image's config (no layer at all).
struct BuildPicture {
    var events: [Event]
    var text: SiteText

    /// One instruction and what it made.
    struct Step {
        var instruction: String
        var results: [Result] = []
    }

    enum Result {
        case layer(digest: String, size: Int64, changes: [String])
        case config(field: String, value: String)
    }

    func steps() -> [Step] {
        var steps: [Step] = []
        for event in events {
            switch event.kind {
            case let .buildStep(_, _, instruction): steps.append(Step(instruction: instruction))
            case let .layerCommitted(digest, size, changes) where !steps.isEmpty:
                steps[steps.count - 1].results.append(.layer(digest: digest, size: size, changes: changes))
            case let .configChanged(field, value) where !steps.isEmpty:
                steps[steps.count - 1].results.append(.config(field: field, value: value))
            default: continue
            }
        }
        return steps
    }

    func render() -> String {
        let steps = steps()
        guard steps.contains(where: { !$0.results.isEmpty }) else { return "" }
        let (rowH, leftW, rightX, rightW) = (48.0, 300.0, 360.0, 330.0)
        var svg = SVGCanvas(width: rightX + rightW + 10, height: Double(steps.count) * rowH + 12)
        for (index, step) in steps.enumerated() {
            let y = 8 + Double(index) * rowH
            svg.box(8, y, leftW, rowH - 10, class: "instruction", radius: 3)
            svg.text(SVGCanvas.fit(step.instruction, width: leftW - 16, size: 12), 16, y + 24, class: "strong", title: step.instruction)
            guard let result = step.results.first else {
                svg.text(index == 0 ? text.baseImage : text.noChange, rightX, y + 24, class: "muted", size: 11)
                continue
            }
            svg.arrow(8 + leftW, y + (rowH - 10) / 2, rightX - 2, y + (rowH - 10) / 2)
            switch result {
            case let .layer(digest, size, changes):
                svg.box(rightX, y, rightW, rowH - 10, class: "blob layer", title: digest)
                svg.text("layer " + PicturePaths.shortDigest(digest), rightX + 8, y + 16, class: "strong", size: 11, title: digest)
                svg.text(HumanUnits.bytes(size), rightX + rightW - 8, y + 16, class: "value", size: 11, anchor: .end)
                let files = changes.prefix(3).joined(separator: "  ") + (changes.count > 3 ? "  …" : "")
                svg.text(SVGCanvas.fit(files, width: rightW - 16, size: 11), rightX + 8, y + 32, class: "path", size: 11, title: changes.joined(separator: "\n"))
            case let .config(field, value):
                svg.box(rightX, y, rightW, rowH - 10, class: "blob config")
                svg.text(text.configOnly, rightX + 8, y + 16, class: "muted", size: 11)
                svg.text(SVGCanvas.fit("\(field) = \(value)", width: rightW - 16, size: 11), rightX + 8, y + 32, class: "strong", size: 11, title: "\(field) = \(value)")
            }
        }
        return PictureFigure.html(kind: "build", caption: text.buildPicture, svg: svg.render(title: text.buildPictureTitle, class: "build"))
    }
}

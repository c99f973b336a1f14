import Explain

/// An overlay mount as a stack of layers, top to bottom as overlayfs looks them up: the merged
/// view the container sees as `/`, the writable upperdir, and the read-only lowerdirs. The files
/// the container changed are drawn in the layers they live in: a new file in the upper, a deleted
/// one as its whiteout in the upper (and hidden in the merged view), a changed one copied up from
/// below with an arrow. Paths are abbreviated (`<container>/upper`); the full path is the title.
struct OverlayPicture {
    /// The overlay mount's target and options, and what its upperdir held at exit.
    var target: String
    var lower: [String]
    var upper: String
    var work: String
    /// What the upperdir held at exit, `docker diff`'s way; nil when nobody looked (a detached container).
    var changes: [String]?
    var text: SiteText

    /// Every overlay mount among `events`, with the changes recorded for its upperdir.
    static func all(in events: [Event], text: SiteText) -> [OverlayPicture] {
        events.compactMap { event in
            guard case let .mounted("overlay", _, target, options) = event.kind else { return nil }
            func option(_ name: String) -> String {
                options.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) } ?? ""
            }
            let upper = option("upperdir")
            let changes = events.lazy.compactMap { event -> [String]? in
                guard case let .writableLayerChanged(changed, changes) = event.kind, changed == upper else { return nil }
                return changes
            }.first
            return OverlayPicture(target: target, lower: option("lowerdir").split(separator: ":").map(String.init),
                                  upper: upper, work: option("workdir"), changes: changes, text: text)
        }
    }

    /// A file the picture draws, and what happened to it.
    struct File {
        enum Change { case added, changed, deleted }
        var path: String
        var change: Change
    }

    var files: [File] {
        (changes ?? []).compactMap { line in
            let path = String(line.dropFirst(2))
            switch line.prefix(2) {
            case "A ": return File(path: path, change: .added)
            case "C ": return File(path: path, change: .changed)
            case "D ": return File(path: path, change: .deleted)
            default: return nil
            }
        }
    }

    func render() -> String {
        let shownLower = Array(lower.prefix(4))
        let files = Array(self.files.prefix(6))
        let (band, gap, labelWidth) = (46.0, 6.0, 236.0)
        let columns = files.map { max(96, SVGCanvas.textWidth($0.path, size: 12) + 22) }
        let bands = 2 + shownLower.count + (lower.count > shownLower.count ? 1 : 0)
        let width = max(600, labelWidth + columns.reduce(0, +) + 10 * Double(columns.count) + 10)
        var svg = SVGCanvas(width: width, height: Double(bands) * (band + gap) + 28)
        func y(_ index: Int) -> Double { 8 + Double(index) * (band + gap) }
        layer(&svg, y: y(0), width: width, class: "merged", role: text.merged, path: target)
        layer(&svg, y: y(1), width: width, class: "upper", role: "upperdir · " + text.writable, path: upper)
        for (index, dir) in shownLower.enumerated() {
            layer(&svg, y: y(2 + index), width: width, class: "lower", role: "lowerdir \(index + 1) · " + text.readOnly, path: dir)
        }
        if lower.count > shownLower.count {
            svg.text(text.moreLayers(lower.count - shownLower.count), 12, y(2 + shownLower.count) + 26, class: "muted")
        }
        // Each changed file in its own column, in each layer it is found in.
        var x = labelWidth
        let bottom = 2 + shownLower.count - 1
        for (file, column) in zip(files, columns) {
            let w = column
            switch file.change {
            case .added:
                cell(&svg, file.path, x, y(1), w, "file added", title: "A " + file.path)
                cell(&svg, file.path, x, y(0), w, "file")
            case .deleted:
                cell(&svg, file.path, x, y(bottom), w, "file")
                cell(&svg, file.path, x, y(1), w, "file whiteout", title: "D " + file.path + " — " + text.whiteoutExplained)
                svg.text(text.whiteout, x + w / 2, y(1) + 42, class: "bad", size: 10, anchor: .middle)
                cell(&svg, file.path, x, y(0), w, "file gone", title: text.hiddenByWhiteout)
            case .changed:
                cell(&svg, file.path, x, y(bottom), w, "file")
                cell(&svg, file.path, x, y(1), w, "file copied", title: "C " + file.path)
                svg.arrow(x + w / 2, y(bottom) + 10, x + w / 2, y(1) + 34, class: "wire copyup")
                svg.text("copy-up", x + w / 2 + 5, (y(1) + 34 + y(bottom) + 10) / 2 + 4, class: "muted", size: 10)
                cell(&svg, file.path, x, y(0), w, "file")
            }
            x += w + 10
        }
        if files.isEmpty, changes != nil, !upper.isEmpty {
            svg.text(text.nothingWritten, labelWidth, y(1) + 28, class: "muted")
        }
        if !work.isEmpty {
            svg.text("workdir " + PicturePaths.short(work), 12, y(bands) + 12, class: "muted", size: 11, title: work)
        }
        return PictureFigure.html(kind: "overlay", caption: text.overlay, svg: svg.render(title: text.overlayPictureTitle, class: "overlay"))
    }

    private func layer(_ svg: inout SVGCanvas, y: Double, width: Double, class style: String, role: String, path: String) {
        svg.box(4, y, width - 8, 46, class: "layer " + style)
        svg.text(SVGCanvas.fit(role, width: 220, size: 12), 14, y + 19, class: "strong")
        svg.text(SVGCanvas.fit(PicturePaths.short(path), width: 220, size: 12), 14, y + 36, class: "path", title: path)
    }

    private func cell(_ svg: inout SVGCanvas, _ label: String, _ x: Double, _ y: Double, _ w: Double, _ style: String, title: String? = nil) {
        svg.box(x, y + 10, w, 24, class: style, radius: 3, title: title)
        svg.text(label, x + w / 2, y + 27, class: style.contains("gone") ? "gone" : "", anchor: .middle, title: title)
    }
}

import Explain

/// The namespaces of one step as a picture: the host and the container as two boxes, a lane per
/// namespace kind. A namespace the container got of its own is drawn inside the container box
/// with its inode, beside the host's it left; a shared one is drawn across both boxes. For
/// `exec`, the joining process is drawn entering each of the container's namespaces (setns).
struct NamespacePicture {
    var events: [Event]
    var text: SiteText

    /// What one lane shows.
    enum Lane {
        case own(kind: String, container: UInt64, host: UInt64)
        case shared(kind: String, inode: UInt64?)
        case joined(kind: String, inode: UInt64)

        var kind: String {
            switch self { case let .own(k, _, _), let .shared(k, _), let .joined(k, _): k }
        }
    }

    /// The kinds in the order `ls /proc/self/ns` lists the ones a container gets.
    static let order = ["mnt", "pid", "uts", "ipc", "net", "cgroup", "user", "time"]

    func lanes() -> [Lane] {
        var lanes: [Lane] = []
        var cloneFlags: [String]?
        for event in events {
            switch event.kind {
            case let .namespace(kind, container, host):
                lanes.append(container == host ? .shared(kind: kind, inode: host) : .own(kind: kind, container: container, host: host))
            case let .namespaceJoined(kind, inode):
                lanes.append(.joined(kind: kind, inode: inode))
            case let .processCloned(_, flags):
                cloneFlags = flags
            default: continue
            }
        }
        // A run without CLONE_NEWNET (--network host) reports no net namespace: it keeps the host's.
        if let flags = cloneFlags, !flags.contains(where: { $0.hasPrefix("setns") }), !lanes.isEmpty {
            for kind in ["mnt", "pid", "uts", "ipc", "net"] where !lanes.contains(where: { $0.kind == kind })
                && !flags.contains("CLONE_NEW" + (kind == "mnt" ? "NS" : kind.uppercased())) {
                lanes.append(.shared(kind: kind, inode: nil))
            }
        }
        return lanes.sorted { (Self.order.firstIndex(of: $0.kind) ?? 99) < (Self.order.firstIndex(of: $1.kind) ?? 99) }
    }

    func render() -> String {
        let lanes = lanes()
        guard !lanes.isEmpty else { return "" }
        let joining = lanes.contains { if case .joined = $0 { true } else { false } }
        let hostname = events.lazy.compactMap { if case let .hostnameSet(name) = $0.kind { name } else { nil } }.first
        let pid = events.lazy.compactMap { if case let .processCloned(pid, _) = $0.kind { pid } else { nil } }.first
        let (laneHeight, top, hostX, boxWidth, containerX) = (34.0, 52.0, 10.0, 300.0, 350.0)
        let footnote = !joining && !lanes.contains { $0.kind == "user" } ? text.userAndTimeShared : nil
        var svg = SVGCanvas(width: 700, height: top + Double(lanes.count) * laneHeight + 16 + (footnote == nil ? 0 : 20))
        let boxHeight = Double(lanes.count) * laneHeight + 40
        svg.box(hostX, 8, boxWidth, boxHeight, class: "frame host")
        svg.box(containerX, 8, boxWidth + 40, boxHeight, class: "frame container")
        svg.text(text.host, hostX + 10, 28, class: "heading")
        svg.text(joining ? text.container : text.container + (pid.map { " · " + text.hostPid($0) } ?? ""), containerX + 10, 28, class: "heading")
        if joining, let pid {
            // The exec'd process, born on the host side, reaching into each namespace.
            let y = top + Double(lanes.count) * laneHeight / 2 - 20
            svg.box(hostX + 60, y, 170, 40, class: "process", radius: 20)
            svg.text("pid \(pid)", hostX + 145, y + 17, class: "strong", anchor: .middle)
            svg.text("dockyard exec", hostX + 145, y + 32, class: "muted", size: 11, anchor: .middle)
            for index in lanes.indices {
                svg.arrow(hostX + 230, y + 20, containerX + 60, top + Double(index) * laneHeight + 12, class: "wire join")
            }
            svg.text("setns(2) ×\(lanes.count)", hostX + 145, y - 8, class: "muted", size: 11, anchor: .middle)
        }
        for (index, lane) in lanes.enumerated() {
            let y = top + Double(index) * laneHeight
            if !joining { svg.text(lane.kind, hostX + 10, y + 16, class: "kind") }
            if !joining { svg.text(lane.kind, containerX + 10, y + 16, class: "kind") }
            switch lane {
            case let .own(kind, container, host):
                pill(&svg, "\(kind):[\(host)]", x: hostX + 60, width: 230, class: "ns-host", y: y)
                let name = kind == "uts" ? hostname.map { "  " + $0 } ?? "" : ""
                pill(&svg, "\(kind):[\(container)]" + name, x: containerX + 60, width: 270, class: "ns-new", y: y,
                     title: "\(kind):[\(container)] — \(text.newNamespace)", badge: text.newWord)
            case let .shared(kind, inode):
                let label = (inode.map { "\(kind):[\($0)]" } ?? kind) + "  " + text.sharedNamespace
                pill(&svg, label, x: hostX + 60, width: containerX + 330 - hostX - 60, class: "ns-shared", y: y)
            case let .joined(kind, inode):
                pill(&svg, "\(kind):[\(inode)]", x: containerX + 60, width: 270, class: "ns-new", y: y,
                     title: "\(kind):[\(inode)] — \(text.joinedNamespace)")
            }
        }
        if let footnote { svg.text(footnote, hostX, top + Double(lanes.count) * laneHeight + 30, class: "muted", size: 11) }
        return PictureFigure.html(kind: "namespaces", caption: text.namespaces,
                                  svg: svg.render(title: text.namespacesPictureTitle, class: "namespaces"))
    }

    private func pill(_ svg: inout SVGCanvas, _ label: String, x: Double, width: Double, class style: String, y: Double,
                      title: String? = nil, badge: String? = nil) {
        svg.box(x, y, width, 22, class: style, radius: 11, title: title)
        let badgeWidth = badge.map { SVGCanvas.textWidth($0, size: 10) + 8 } ?? 0
        svg.text(SVGCanvas.fit(label, width: width - 16 - badgeWidth, size: 12), x + 10, y + 15.5, title: title)
        if let badge { svg.text(badge, x + width - 10, y + 15, class: "good strong", size: 10, anchor: .end) }
    }
}

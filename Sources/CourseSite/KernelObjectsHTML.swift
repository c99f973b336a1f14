import Explain

/// A step's kernel objects as pictures a learner would rather look at than read, focused on what
/// the step is about (its `show=` tags): namespaces, a user namespace's id maps, cgroups, the overlay stack, the network, a
/// build, a registry exchange and the image it moved, drawn as inline SVG; mounts and the
/// process's capabilities and seccomp filter as tables. The focused events no picture draws are
/// listed as lines, and every event of the step is behind "all N kernel events".
/// Every string from a recording is escaped.
struct KernelObjectsHTML {
    /// Every event the step's command made.
    var events: [Event]
    /// The `show=` tags of the step; nil draws no picture, only the list of events.
    var focus: Set<String>?
    var labels: SiteText

    init(events: [Event], focus: Set<String>? = nil, labels: SiteText) {
        self.events = events
        self.focus = focus
        self.labels = labels
    }

    func render() -> String {
        guard !events.isEmpty else { return "" }
        let focus = self.focus ?? []
        // Each event described once: a line's first word is its tag (describing is most of the cost of a build).
        let lines = events.map(TextRenderer.line(for:))
        let focused = zip(events, lines).filter { focus.contains(String($0.1.prefix { $0 != " " })) }
        var parts: [String] = []
        var drawn: [(Event.Kind) -> Bool] = []
        func draw(_ html: String, covering covers: @escaping (Event.Kind) -> Bool) {
            guard !html.isEmpty else { return }
            parts.append(html)
            drawn.append(covers)
        }
        let wants = { (tags: Set<String>) in !focus.isDisjoint(with: tags) }
        if wants(["namespace", "clone", "setns", "hostname"]) {
            // Containers sharing some namespaces (a pod, --network container:) get the pod's picture.
            let picture = PodPicture.applies(to: events) ? PodPicture(events: events, text: labels).render()
                : NamespacePicture(events: events, text: labels).render()
            draw(picture, covering: PictureCoverage.namespaces)
        }
        if wants(["userns"]) {
            draw(UserNamespacePicture(events: events, text: labels).render(), covering: PictureCoverage.userNamespace)
        }
        if wants(["cgroup", "devices"]) {
            draw(CgroupPicture(events: events, text: labels).render(), covering: PictureCoverage.cgroups)
        }
        // A build is about what each instruction made; its RUN containers' overlays are detail.
        let build = wants(["step", "config", "layer"]) ? BuildPicture(events: events, text: labels).render() : ""
        draw(build, covering: PictureCoverage.build)
        if wants(["layer", "mount"]) && build.isEmpty {
            draw(OverlayPicture.all(in: events, text: labels).map { $0.render() }.joined() + unstackedChanges(), covering: PictureCoverage.overlay)
        }
        if wants(["bridge", "veth", "address", "route", "ipam", "nft"]) {
            draw(NetworkPicture(events: events, text: labels).render(), covering: PictureCoverage.network)
        }
        if wants(["http", "token", "verify"]) {
            draw(RegistrySequencePicture(events: events, text: labels).render(), covering: PictureCoverage.registry)
        }
        if wants(["verify"]) {
            draw(ImageGraphPicture(events: events, text: labels).render(), covering: PictureCoverage.registry)
        }
        // A step about layers shows its overlay, and leaves the other mounts folded away with
        // every event; a step about mounts gets their table.
        if focus.contains("layer") {
            drawn.append(PictureCoverage.mounts)
        } else if wants(["mount", "pivot_root"]) {
            draw(mounts(), covering: PictureCoverage.mounts)
        }
        if wants(["caps", "seccomp"]) { draw(confinement(), covering: PictureCoverage.confinement) }
        let rest = focused.filter { event, _ in !drawn.contains { $0(event.kind) } }
        let restLines = rest.map { e($0.1) }.joined(separator: "\n")
        let allLines = lines.map(e).joined(separator: "\n")
        return "<div class=\"kernel\">" + parts.joined(separator: "\n")
            + (rest.isEmpty ? "" : "<pre class=\"focused\">\(restLines)</pre>")
            + "<details class=\"events\"><summary>\(e(labels.allEvents(events.count)))</summary>"
            + "<pre>\(allLines)</pre></details></div>"
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }

    /// A table of kernel objects; `keyed` when its first column is a short kind (`mnt`, `proc`)
    /// that should never wrap, rather than a path that must.
    private func table(_ caption: String, _ head: [String], _ rows: [[String]], keyed: Bool = true) -> String {
        guard !rows.isEmpty else { return "" }
        let header = head.map { "<th>\(e($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined()
        return "<div class=\"scroll\"><table class=\"objects\(keyed ? " keyed" : "")\"><caption>\(e(caption))</caption><thead><tr>\(header)</tr></thead><tbody>\(body)</tbody></table></div>"
    }

    /// A path as `<container>/…` or `<rootfs>/…`, the whole path on hover.
    private func path(_ path: String) -> String {
        path.isEmpty ? "" : "<code title=\"\(e(path))\">\(e(PicturePaths.readable(path)))</code>"
    }

    func mounts() -> String {
        var rows: [[String]] = []
        for event in events {
            switch event.kind {
            case let .mounted(type, source, target, options) where type != "overlay":
                rows.append(["<code>\(e(type))</code>", path(source), path(target),
                             options.map { e($0.hasPrefix("/") ? PicturePaths.readable($0) : $0) }.joined(separator: ",<wbr>")])
            case let .pivotRoot(newRoot):
                rows.append(["pivot_root", path(newRoot), "<code>/</code>", e(labels.pivotRoot)])
            default: continue
            }
        }
        return table(labels.mounts, [labels.type, labels.source, labels.target, labels.options], rows)
    }

    /// Capabilities as chips (kept ones lit), and the seccomp filter: its profile, its argument
    /// rules, and the calls the profile names that this container is refused.
    func confinement() -> String {
        var rows: [[String]] = []
        for event in events {
            switch event.kind {
            case let .capabilities(bounding, effective, noNewPrivileges):
                let chips = bounding.map { "<code class=\"cap\">\(e($0))</code>" }.joined(separator: " ")
                rows.append([e(labels.boundingSet) + " (\(bounding.count))", chips])
                rows.append([e(labels.effectiveSet),
                             effective == bounding ? e(labels.sameAsBounding) : effective.isEmpty ? e(labels.noCapabilities)
                                 : effective.map { "<code class=\"cap\">\(e($0))</code>" }.joined(separator: " ")])
                if noNewPrivileges { rows.append(["no_new_privs", "1"]) }
            case let .seccompFilter(instructions, refused, rules):
                // rules[0] names the profile; the others are its argument rules (older
                // recordings have neither, only the refused calls).
                rows.append([e(labels.seccompFilter(instructions)), rules.first.map(e) ?? ""])
                if rules.count > 1 {
                    rows.append([e(labels.seccompRules), rules.dropFirst().map { "<code>\(e($0))</code>" }.joined(separator: "<br>")])
                }
                if !refused.isEmpty {
                    rows.append([e(labels.seccompRefused) + " (\(refused.count))",
                                 refused.map { "<code class=\"call\">\(e($0))</code>" }.joined(separator: " ")])
                }
            default: continue
            }
        }
        return table(labels.confinement, [labels.kind, ""], rows)
    }

    /// A writable layer's changes when the step shows no overlay mount to draw them in.
    func unstackedChanges() -> String {
        let stacked = Set(events.compactMap { event -> String? in
            guard case let .mounted("overlay", _, _, options) = event.kind else { return nil }
            return options.first { $0.hasPrefix("upperdir=") }.map { String($0.dropFirst(9)) }
        })
        return events.compactMap { event -> String? in
            guard case let .writableLayerChanged(upper, changes) = event.kind, !stacked.contains(upper), !changes.isEmpty else { return nil }
            return "<figure class=\"overlay\"><figcaption>\(e(labels.overlay))</figcaption>"
                + "<div class=\"layer upper changed\"><span>upperdir · \(e(labels.atExit))</span><code>\(e(upper))</code>"
                + changeList(changes) + "</div></figure>"
        }.joined()
    }

    /// `docker diff` lines as a list, a deletion marked as the whiteout it is.
    private func changeList(_ changes: [String]) -> String {
        let items = changes.map { change -> String in
            let whiteout = change.hasPrefix("D ")
            return "<li class=\"\(whiteout ? "whiteout" : "change")\"><code>\(e(change))</code>\(whiteout ? " <em>\(e(labels.whiteout))</em>" : "")</li>"
        }.joined()
        return "<ul class=\"changes\">\(items)</ul>"
    }

}

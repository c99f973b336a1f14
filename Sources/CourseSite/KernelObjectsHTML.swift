import Explain

/// A step's kernel objects as pictures and tables rather than log lines: namespaces with the
/// container's and the host's inode side by side, cgroup files with the values written, the
/// overlay's layer stack, mounts, veth pairs, and the process's capabilities and seccomp filter. Whatever has no picture is listed as text.
/// Every string from a recording is escaped.
struct KernelObjectsHTML {
    var events: [Event]
    var labels: SiteText

    func render() -> String {
        guard !events.isEmpty else { return "" }
        var parts: [String] = []
        parts.append(namespaces())
        parts.append(cgroups())
        parts.append(overlay())
        parts.append(unstackedChanges())
        parts.append(mounts())
        parts.append(network())
        parts.append(layers())
        parts.append(confinement())
        let widgets = parts.filter { !$0.isEmpty }.joined(separator: "\n")
        let lines = events.map { HTMLText.escape(TextRenderer.line(for: $0)) }.joined(separator: "\n")
        return "<div class=\"kernel\">" + widgets
            + "<details class=\"events\"><summary>\(HTMLText.escape(labels.allEvents(events.count)))</summary>"
            + "<pre>\(lines)</pre></details></div>"
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }

    /// A table of kernel objects; `keyed` when its first column is a short kind (`mnt`, `proc`)
    /// that should never wrap, rather than a path that must.
    private func table(_ caption: String, _ head: [String], _ rows: [[String]], keyed: Bool = true) -> String {
        guard !rows.isEmpty else { return "" }
        let header = head.map { "<th>\(e($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined()
        return "<table class=\"objects\(keyed ? " keyed" : "")\"><caption>\(e(caption))</caption><thead><tr>\(header)</tr></thead><tbody>\(body)</tbody></table>"
    }

    func namespaces() -> String {
        var rows: [[String]] = []
        for event in events {
            switch event.kind {
            case let .namespace(kind, container, host):
                let differs = container != host
                rows.append(["<code>\(e(kind))</code>", "<code>\(e(kind)):[\(container)]</code>",
                             "<code>\(e(kind)):[\(host)]</code>",
                             differs ? "<span class=\"own\">\(e(labels.ownNamespace))</span>" : e(labels.sharedNamespace)])
            case let .namespaceJoined(kind, inode):
                rows.append(["<code>\(e(kind))</code>", "<code>\(e(kind)):[\(inode)]</code>", "—", e(labels.joinedNamespace)])
            default: continue
            }
        }
        return table(labels.namespaces, [labels.kind, labels.container, labels.host, ""], rows)
    }

    func cgroups() -> String {
        var rows: [[String]] = []
        for event in events {
            switch event.kind {
            case let .cgroupCreated(path, version, controller):
                let what = "mkdir (v\(version)\(controller.map { ", " + $0 } ?? ""))"
                rows.append(["<code>\(e(path))</code>", e(what)])
            case let .cgroupWritten(path, value):
                rows.append(["<code>\(e(path))</code>", "<strong class=\"value\">\(e(value))</strong>"])
            case let .cgroupRemoved(path):
                rows.append(["<code>\(e(path))</code>", "rmdir"])
            default: continue
            }
        }
        return table(labels.cgroups, [labels.file, labels.value], rows, keyed: false)
    }

    func overlay() -> String {
        var stacks: [String] = []
        for event in events {
            guard case let .mounted(type, _, target, options) = event.kind, type == "overlay" else { continue }
            var lower: [String] = []
            var upper = ""
            var work = ""
            for option in options {
                if option.hasPrefix("lowerdir=") { lower = option.dropFirst(9).split(separator: ":").map(String.init) }
                if option.hasPrefix("upperdir=") { upper = String(option.dropFirst(9)) }
                if option.hasPrefix("workdir=") { work = String(option.dropFirst(8)) }
            }
            var layers = "<div class=\"layer merged\"><span>\(e(labels.merged))</span><code>\(e(target))</code></div>"
            if !upper.isEmpty {
                layers += "<div class=\"layer upper\"><span>upperdir · \(e(labels.writable))</span><code>\(e(upper))</code></div>"
                // What the container wrote there, once it exited: copied-up and new files, and whiteouts.
                for case let .writableLayerChanged(changedUpper, changes) in events.map(\.kind) where changedUpper == upper && !changes.isEmpty {
                    layers += "<div class=\"layer upper changed\"><span>\(e(labels.atExit))</span>\(changeList(changes))</div>"
                }
            }
            for (index, dir) in lower.enumerated() {
                layers += "<div class=\"layer lower\"><span>lowerdir \(index + 1) · \(e(labels.readOnly))</span><code>\(e(dir))</code></div>"
            }
            let workNote = work.isEmpty ? "" : "<p class=\"workdir\">workdir <code>\(e(work))</code></p>"
            stacks.append("<figure class=\"overlay\"><figcaption>\(e(labels.overlay))</figcaption>\(layers)\(workNote)</figure>")
        }
        return stacks.joined()
    }

    func mounts() -> String {
        var rows: [[String]] = []
        for event in events {
            switch event.kind {
            case let .mounted(type, source, target, options) where type != "overlay":
                rows.append(["<code>\(e(type))</code>", "<code>\(e(source))</code>", "<code>\(e(target))</code>",
                             e(options.joined(separator: ","))])
            case let .pivotRoot(newRoot):
                rows.append(["pivot_root", "<code>\(e(newRoot))</code>", "<code>/</code>", e(labels.pivotRoot)])
            default: continue
            }
        }
        return table(labels.mounts, [labels.type, labels.source, labels.target, labels.options], rows)
    }

    func network() -> String {
        var rows: [[String]] = []
        for event in events {
            switch event.kind {
            case let .vethCreated(host, _, peer, _, bridge, pid):
                rows.append(["veth", "<code>\(e(bridge))</code> ⇄ <code>\(e(host))</code> ═ <code>\(e(peer))</code> (pid \(pid))"])
            case let .bridgeCreated(name, _, address):
                rows.append(["bridge", "<code>\(e(name))</code> \(e(address))"])
            case let .addressAdded(interface, address, namespace):
                rows.append(["address", "<code>\(e(address))</code> on <code>\(e(interface))</code> (\(e(namespace)))"])
            case let .routeAdded(destination, gateway, interface, namespace):
                rows.append(["route", "<code>\(e(destination))</code> via <code>\(e(gateway))</code> dev <code>\(e(interface))</code> (\(e(namespace)))"])
            case let .networkHelperStarted(program, pid, _, ports):
                rows.append(["pasta", "<code>\(e(program))</code> (pid \(pid))" + (ports.isEmpty ? "" : " " + e(ports.joined(separator: ", ")))])
            default: continue
            }
        }
        return table(labels.network, [labels.kind, ""], rows)
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

    func layers() -> String {
        var rows: [[String]] = []
        for event in events {
            guard case let .layerCommitted(digest, size, changes) = event.kind else { continue }
            rows.append(["<code>\(e(String(digest.prefix(19))))</code> \(size) B", changeList(changes)])
        }
        return table(labels.layers, [labels.layer, labels.changes], rows, keyed: false)
    }
}

import Explain
import Foundation
import Testing

@Suite("Explain renderers")
struct RendererTests {
    @Test("the JSON renderer writes one flat object per event, with escaped strings")
    func jsonLine() throws {
        let event = Event(.mounted(type: "overlay", source: "overlay", target: "/a \"b\"\n",
                                   options: ["lowerdir=/l", "upperdir=/u"]), simulated: true)
        let line = JSONLinesRenderer.line(for: event)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "mounted")
        #expect(object["simulated"] as? Bool == true)
        #expect(object["target"] as? String == "/a \"b\"\n")
        #expect(object["options"] as? [String] == ["lowerdir=/l", "upperdir=/u"])
    }

    @Test("every kind of event renders to JSON that parses and names itself")
    func everyKindIsValidJSON() throws {
        let kinds: [Event.Kind] = [
            .layerUnpacked(digest: "sha256:ab", directory: "/l", files: 3),
            .writableLayerCreated(upperdir: "/u", workdir: "/w"),
            .writableLayerChanged(upperdir: "/u", changes: ["A /new", "D /bin/vi"]),
            .cgroupCreated(path: "/c", version: 1, controller: "memory"), .cgroupCreated(path: "/c", version: 2, controller: nil),
            .cgroupWritten(path: "/c/memory.max", value: "1"), .cgroupRemoved(path: "/c"),
            .processCloned(pid: 1, flags: ["CLONE_NEWPID"]), .namespace(kind: "pid", containerInode: 1, hostInode: 2),
            .namespaceJoined(kind: "net", inode: 3), .deviceCreated(path: "/dev/null", major: 1, minor: 3),
            .symlinkCreated(path: "/dev/ptmx", target: "pts/ptmx"), .pivotRoot(newRoot: "/r"), .hostnameSet("h"),
            .interfaceUp(name: "lo", namespace: "container's"), .fileWritten(path: "/f", purpose: "p"),
            .executed(argv: ["sh"], env: ["A=1"], cwd: "/", uid: 0, gid: 0),
            .exited(status: 137, signal: 9, oomKilled: true), .signalled(pid: 1, signal: 15),
            .removed(path: "/x", what: "container"), .note("hello\u{1}"),
            .buildStep(number: 1, total: 2, instruction: "RUN true"),
            .layerCommitted(digest: "sha256:ab", size: 10, changes: ["A /x", "D /y"]),
            .configChanged(field: "Env", value: "A=1"),
            .capabilities(bounding: ["CHOWN", "KILL"], effective: [], noNewPrivileges: true),
            .seccompFilter(instructions: 60, refused: ["mount"], rules: ["clone with a CLONE_NEW* flag refused"]),
        ]
        for kind in kinds {
            let event = Event(kind)
            let object = try JSONSerialization.jsonObject(with: Data(JSONLinesRenderer.line(for: event).utf8)) as? [String: Any]
            #expect(object?["event"] as? String == event.name)
            #expect(!TextRenderer.line(for: event).isEmpty)
        }
    }

    @Test("text shows container and host inodes side by side, and says when a namespace is shared")
    func namespaceLine() {
        #expect(TextRenderer.line(for: Event(.namespace(kind: "pid", containerInode: 4026532180, hostInode: 4026531836)))
                == "namespace  pid    container pid:[4026532180]  host pid:[4026531836]")
        #expect(TextRenderer.line(for: Event(.namespace(kind: "net", containerInode: 7, hostInode: 7))).hasSuffix("(shared with the host)"))
    }

    @Test("text marks simulated events")
    func simulatedMark() {
        #expect(TextRenderer.line(for: Event(.hostnameSet("abc"), simulated: true)) == "hostname   abc   (simulated)")
    }

    @Test("paths shorten ids to 12 digits and show the container's future root as <rootfs>")
    func displayPaths() {
        let id = String(repeating: "ab", count: 32)
        #expect(TextRenderer.display("/var/lib/dockyard/containers/\(id)/rootfs/proc") == "<rootfs>/proc")
        #expect(TextRenderer.display("/var/lib/dockyard/containers/\(id)/rootfs") == "/var/lib/dockyard/containers/abababababab/rootfs")
        #expect(TextRenderer.display("/sys/fs/cgroup/memory/dockyard/\(id)") == "/sys/fs/cgroup/memory/dockyard/abababababab")
    }

    @Test("the recorder keeps events in order and the fan-out sink delivers to each")
    func recorderAndFanOut() {
        let first = EventRecorder(), second = EventRecorder()
        let sink = FanOutSink([first, second])
        sink.emit(Event(.hostnameSet("a")))
        sink.emit(Event(.hostnameSet("b")))
        #expect(first.events == second.events)
        #expect(first.events.map(\.kind) == [.hostnameSet("a"), .hostnameSet("b")])
    }
}

import Explain
import Testing
@testable import Lessons

/// Which kernel objects a page shows under a step's output, and which it highlights.
@Suite("Focus: the events the text talks about, not the wall")
struct EventFocusTests {
    static let events = [
        "cgroup     mkdir /sys/fs/cgroup/memory/dockyard/abc  (cgroup v1, memory controller)",
        "cgroup     write 67108864 > /sys/fs/cgroup/memory/dockyard/abc/memory.limit_in_bytes",
        "clone      pid 4242 (host) with CLONE_NEWNS|CLONE_NEWPID",
        "namespace  pid    container pid:[4026532301]  host pid:[4026531836]",
        "mount      proc on <rootfs>/proc",
        "pivot_root <rootfs> (/var/lib/dockyard/x) is now /, and the host's root is detached",
        "exec       hostname  (cwd /, uid 0, gid 0, env PATH=/bin)",
        "exit       status 0",
    ]

    static func step(_ attributes: String) throws -> Step {
        let info = "dockyard {step=s \(attributes)}"
        let parsed = try Attributes.parseInfo(info)
        return Step(language: "dockyard", id: "s", code: "dockyard run --rm busybox hostname\n",
                    attributes: try #require(parsed.attributes), hints: [], line: 1)
    }

    @Test("focus= shows just the lines the prose points at, highlighted; show= tags are then the site's alone")
    func focusNarrows() throws {
        let focus = EventFocus(step: try Self.step("show=cgroup,namespace focus=\"write 67108864|pivot_root\""))
        let shown = focus.select(Self.events)
        #expect(shown.map(\.text) == [Self.events[1], Self.events[5]])
        #expect(shown.allSatisfy { $0.highlighted })
    }

    @Test("show= picks lines by their tags")
    func showTags() throws {
        let shown = EventFocus(step: try Self.step("show=cgroup,mount")).select(Self.events)
        #expect(shown.map(\.text) == [Self.events[0], Self.events[1], Self.events[4]])
    }

    @Test("without show=, the container's story: clone, namespaces, pivot_root, exec, exit")
    func defaultFocus() throws {
        let shown = EventFocus(step: try Self.step("")).select(Self.events)
        #expect(shown.map { EventFocus.tag(of: $0.text) } == ["clone", "namespace", "pivot_root", "exec", "exit"])
        #expect(shown.allSatisfy { !$0.highlighted })
    }

    @Test("the line an explains= check reads is shown and highlighted even outside the tags")
    func explainsIsFocus() throws {
        let shown = EventFocus(step: try Self.step("explains=\"memory.limit_in_bytes\" show=exit")).select(Self.events)
        #expect(shown.map(\.text) == [Self.events[1], Self.events[7]])
        #expect(shown.first?.highlighted == true)
    }

    @Test("output comes first, then the focused events, then how many more in the learner's words (never an attribute's name)")
    func outcomeOrder() throws {
        let step = try Self.step("show=exit")
        let events = [Event(.hostnameSet("d1")), Event(.exited(status: 0, signal: nil, oomKilled: false))]
        let run = StepOutcome.Run(
            command: PlannedCommand(display: "dockyard run --rm busybox hostname", argv: [], mode: .real),
            output: CommandOutput(status: 0, stdout: "d1\n", stderr: ""), events: events, messages: "")
        for language in ["en", "ko"] {
            let text = UIText(language: language)
            let renderer = OutcomeRenderer(style: TerminalStyle(enabled: false), text: text, width: 80)
            let lines = renderer.outcomeLines(StepOutcome(runs: [run], checks: []), step: step)
            #expect(lines == ["$ dockyard run --rm busybox hostname", "  d1", "  ── \(text.kernelObjects) ──",
                              "  exit       status 0", "  " + text.moreEvents(1)])
            #expect(!lines.joined().contains("show="))
            let all = renderer.allEventLines(StepOutcome(runs: [run], checks: []), step: step)
            #expect(all.contains("  hostname   d1") && all.contains("  exit       status 0"))
        }
    }
}

import Explain
import Testing
@testable import CourseSite

/// The pod picture from lesson 16's recorded pod: the infra holding the shared namespaces, each
/// container joining the same inodes and keeping its own mnt and pid.
struct PodPictureTests {
    let events = (1...2).flatMap { RecordedSteps.events("16-from-containers-to-pods", "pod", run: $0) }

    @Test("the infra's namespaces are the ones both containers joined; mnt and pid are each its own")
    func members() throws {
        let members = PodPicture(events: events, text: SiteText(language: "en")).members()
        try #require(members.count == 3, "the infra and two containers")
        let infra = members[0]
        #expect(infra.command.hasSuffix("pause") && infra.joined.isEmpty)
        for container in members.dropFirst() {
            for kind in ["net", "ipc", "uts"] { #expect(container.joined[kind] == infra.own[kind], "\(kind) joined, the infra's inode") }
            for kind in ["mnt", "pid"] { #expect(container.own[kind] != nil && container.own[kind] != infra.own[kind]) }
        }
        #expect(members[1].own["mnt"] != members[2].own["mnt"])
    }

    @Test("a step about a pod gets the pod picture, with a band per shared namespace; a plain run does not")
    func chosen() {
        #expect(PodPicture.applies(to: events))
        let html = PodPicture(events: events, text: SiteText(language: "ko")).render()
        #expect(html.contains("인프라 (pause)") && html.contains("함께 씀 · setns(2) ×2"))
        #expect(!PodPicture.applies(to: RecordedSteps.events("02-namespaces", "hostname")))
        #expect(!PodPicture.applies(to: RecordedSteps.events("09-processes-and-users", "exec")))
    }
}

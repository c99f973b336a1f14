import Explain
import FoundationEssentials
import Testing
@testable import CourseSite
#if canImport(Glibc)
import Glibc
#endif

/// Each picture kind drawn from one recorded step, pinned as a file in `Golden/`: a change to a
/// drawing shows up as a diff of its SVG in review. After a change on purpose, run the tests with
/// `DOCKYARD_UPDATE_GOLDEN=1` and read the diff before committing it.
@Suite("Golden pictures")
struct GoldenPictureTests {
    static let directory = SiteFixture.root + "/Tests/CourseSiteTests/Golden"
    static let update = getenv("DOCKYARD_UPDATE_GOLDEN") != nil

    /// Compares `html` with `Golden/<name>.html`, or writes it there when updating.
    func pin(_ name: String, _ html: String) throws {
        let path = Self.directory + "/" + name + ".html"
        // One element per line, so a diff points at the element that changed.
        let text = html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
        if Self.update {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        let pinned = SiteFixture.read(path)
        #expect(!pinned.isEmpty, "no golden file \(path): run with DOCKYARD_UPDATE_GOLDEN=1")
        #expect(text == pinned, "\(name) changed: run with DOCKYARD_UPDATE_GOLDEN=1 and read git diff \(path)")
    }

    let en = SiteText(language: "en")

    @Test("the pictures of one recorded step each, as pinned", arguments: [
        "namespaces", "exec", "cgroups", "overlay", "network", "registry", "image", "build", "userns", "chain", "pod",
    ])
    func golden(_ kind: String) throws {
        let html: String = switch kind {
        case "namespaces": NamespacePicture(events: RecordedSteps.events("02-namespaces", "hostname"), text: en).render()
        case "exec": NamespacePicture(events: RecordedSteps.events("09-processes-and-users", "exec"), text: en).render()
        case "cgroups": CgroupPicture(events: RecordedSteps.events("04-cgroups", "oom"), text: en).render()
        case "overlay": OverlayPicture.all(in: RecordedSteps.events("05-layers-and-overlayfs", "whiteout"), text: en).map { $0.render() }.joined()
        case "network": NetworkPicture(events: RecordedSteps.events("13-sharing-images", "start-registry"), text: en).render()
        case "registry": RegistrySequencePicture(events: RecordedSteps.events("13-sharing-images", "pull"), text: en).render()
        case "image": ImageGraphPicture(events: RecordedSteps.events("13-sharing-images", "pull"), text: en).render()
        case "build": BuildPicture(events: RecordedSteps.events("07-dockerfile-to-image", "build"), text: en).render()
        case "userns": UserNamespacePicture(events: RecordedSteps.events("14-rootless", "container-map"), text: en).render()
        // The pod's step: its infra started by the first `run --pod`, then a second container joining.
        case "pod": PodPicture(events: (1...2).flatMap { RecordedSteps.events("16-from-containers-to-pods", "pod", run: $0) }, text: en).render()
        default: ChainPicture(text: en) { "\($0).html" }.render()
        }
        #expect(!html.isEmpty)
        try pin(kind, html)
    }
}

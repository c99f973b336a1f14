import Foundation
import Testing
@testable import DockyardCLI

/// `ps --filter` as Docker's engine reads it, on containers described by hand.
struct ContainerFilterTests {
    let web = ContainerFacts(id: "3a87373f9ca0" + String(repeating: "0", count: 52), name: "web", state: "running",
                             exitCode: nil, image: "app:v1", layers: ["aa", "bb"], labels: ["tier": "front", "team": "a"],
                             networks: ["backend"], volumes: ["data", "/var/lib/data"], created: Date(timeIntervalSince1970: 100))
    let job = ContainerFacts(id: "9f00aa" + String(repeating: "1", count: 58), name: "nightly-job", state: "exited",
                             exitCode: 3, image: "busybox", layers: ["aa"], networks: ["bridge"], volumes: [],
                             created: Date(timeIntervalSince1970: 200))

    func names(_ words: [String], _ references: FilterReferences = FilterReferences()) throws -> [String] {
        let filter = try ContainerFilter(words)
        return [web, job].filter { filter.matches($0, resolved: references) }.map(\.name)
    }

    @Test("values of one key are OR'ed, different keys AND'ed")
    func orAndAnd() throws {
        #expect(try names(["status=running", "status=exited"]) == ["web", "nightly-job"])
        #expect(try names(["status=running", "name=job"]) == [])
        #expect(try names(["status=exited", "name=job"]) == ["nightly-job"])
        #expect(try names([]) == ["web", "nightly-job"])
    }

    @Test("name and id are regular expressions found anywhere, as Docker's Args.Match; a name may be written with its /")
    func nameAndID() throws {
        #expect(try names(["name=web"]) == ["web"])
        #expect(try names(["name=^web$"]) == ["web"])
        #expect(try names(["name=^/web$"]) == ["web"])
        #expect(try names(["name=^job"]) == [])
        #expect(try names(["name=night.*job"]) == ["nightly-job"])
        #expect(try names(["id=3a87"]) == ["web"])
        #expect(try names(["id=^9f00"]) == ["nightly-job"])
    }

    @Test("label: a key, or key=value, and every label asked for must be there")
    func labels() throws {
        #expect(try names(["label=tier"]) == ["web"])
        #expect(try names(["label=tier=front"]) == ["web"])
        #expect(try names(["label=tier=back"]) == [])
        #expect(try names(["label=tier", "label=team=b"]) == [])
    }

    @Test("exited matches the code of exited containers only; network and volume by name or mount point")
    func exitedNetworkVolume() throws {
        #expect(try names(["exited=3"]) == ["nightly-job"])
        #expect(try names(["exited=0"]) == [])
        #expect(try names(["network=backend"]) == ["web"])
        #expect(try names(["volume=data"]) == ["web"])
        #expect(try names(["volume=/var/lib/data"]) == ["web"])
    }

    @Test("ancestor: the image as named, or any image whose layers it is built on")
    func ancestor() throws {
        let busybox = FilterReferences(images: ["busybox": AncestorImage(layers: ["aa"]), "app:v1": AncestorImage(layers: ["aa", "bb"])])
        #expect(try names(["ancestor=busybox"], busybox) == ["web", "nightly-job"])
        #expect(try names(["ancestor=app:v1"], busybox) == ["web"])
        #expect(try names(["ancestor=nosuch"], busybox) == [])
    }

    @Test("before and since compare creation times with the container named")
    func beforeSince() throws {
        let references = FilterReferences(created: ["web": Date(timeIntervalSince1970: 100), "nightly-job": Date(timeIntervalSince1970: 200)])
        #expect(try names(["since=web"], references) == ["nightly-job"])
        #expect(try names(["before=nightly-job"], references) == ["web"])
    }

    @Test("health: the healthcheck's state, or none for a container without one; another word is refused in Docker's words")
    func health() throws {
        var checked = web
        checked.health = "healthy"
        let filter = try ContainerFilter(["health=healthy", "health=starting"])
        #expect(filter.matches(checked, resolved: FilterReferences()))
        #expect(!filter.matches(job, resolved: FilterReferences()))
        #expect(try names(["health=none"]) == ["web", "nightly-job"])
        #expect(throws: FilterError.badHealth("sick")) { try ContainerFilter(["health=sick"]) }
        #expect(FilterError.badHealth("sick").description == "Unrecognised filter value for health: sick")
    }

    @Test("an unknown key, a status Docker does not know, a non-numeric exit code and a word without = are refused in Docker's words")
    func refusals() {
        #expect(throws: FilterError.invalidFilter("x")) { try ContainerFilter(["x=1"]) }
        #expect(FilterError.invalidFilter("x").description == "invalid filter 'x'")
        #expect(throws: FilterError.invalidFilter("status=sleeping")) { try ContainerFilter(["status=sleeping"]) }
        #expect(throws: FilterError.badExitCode("one")) { try ContainerFilter(["exited=one"]) }
        #expect(throws: FilterError.badFormat("status")) { try ContainerFilter(["status"]) }
        #expect(FilterError.badFormat("status").description.hasSuffix("bad format of filter (expected name=value)"))
    }
}

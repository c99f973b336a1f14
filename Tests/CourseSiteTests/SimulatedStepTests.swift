import CourseSite
import FoundationEssentials
import Lessons
import TestSupport
import Testing

/// A lesson nobody has recorded: the site shows each step's run in the simulation, made by the
/// real `dockyard` binary during the build and labelled, and runs nothing that is not simulated.
@Suite("Steps without a recording")
struct SimulatedStepTests {
    static func lesson(marker: String) -> String {
        """
    ---
    title: Unrecorded
    summary: A lesson with no recording.
    ---
    # Unrecorded

    ```dockyard {step=run}
    dockyard run --rm --memory 64m busybox true
    ```

    ```sh {step=shell}
    touch \(marker)
    ```
    """
    }

    @Test("show the simulated run with its kernel objects, labelled; shell steps are not run")
    func simulated() throws {
        let directory = SiteFixture.temporaryDirectory("unrecorded")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/lessons/en", withIntermediateDirectories: true)
        try Data(Self.lesson(marker: directory + "/shell-step-ran").utf8).write(to: URL(fileURLWithPath: directory + "/lessons/en/01-unrecorded.md"))
        let catalog = LessonCatalog(directory: directory + "/lessons")
        let simulation = StepSimulation(dockyard: DockyardProcess.executable,
                                        environment: ["DOCKYARD_ROOT": directory + "/root", "PATH": "/usr/bin:/bin"])
        let builder = CourseSiteBuilder(catalog: catalog, recordings: RecordingStore(lessonsDirectory: catalog.directory),
                                        siteDirectory: SiteFixture.root + "/site", simulation: simulation)
        let summary = try builder.build(to: directory + "/public")
        #expect(summary.steps == 2 && summary.recordedSteps == 0 && summary.simulatedSteps == 2)

        let page = SiteFixture.read(directory + "/public/en/01-unrecorded.html")
        #expect(page.contains("class=\"badge simulated\">Simulated run — no recording yet, so this is the simulation"))
        // The simulation's kernel objects: the memory limit it would write.
        #expect(page.contains("67108864"))
        #expect(page.contains("class=\"badge skipped\">Skipped — no recording yet, and this command has no simulation"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/shell-step-ran"))
        #expect(!page.contains("class=\"recorded\""))
    }
}

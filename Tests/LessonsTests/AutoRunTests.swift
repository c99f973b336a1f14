import Foundation
import Testing
import TestSupport

/// Every lesson run end to end with `dockyard learn LESSON --auto`, as the issue asks: for real
/// as root, and in the simulation as `nobody`, in both languages (a translation runs the same
/// commands, and its checks must pass as the English ones do). Every step's checks must pass.
@Suite("Every lesson runs end to end with --auto")
struct AutoRunTests {
    @Test("as root, every step runs for real and its checks pass, in English and then in Korean",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"),
          arguments: LessonFixtures.slugs)
    func real(slug: String) throws {
        // One language after the other: a lesson may publish a fixed host port (13's registry).
        for language in ["en", "ko"] {
            let user = try LessonUser(asNobody: false)
            let result = try user.run(["learn", slug, "--auto", "--lang", language])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(!result.stdout.contains("✗"), "\(result.stdout)")
            #expect(!result.stdout.contains(language == "en" ? "simulated: not root" : "시뮬레이션: root가 아니므로"),
                    "as root, only simulate=always steps are simulated")
            #expect(result.stdout.contains(language == "en" ? ", 0 failed" : "실패 0개"), "\(result.stdout)")
            // Nothing the lesson named is left behind.
            let left = try user.run(["ps", "-a"])
            #expect(!left.stdout.contains("lesson-"), "\(left.stdout)")
            let images = try user.run(["images"])
            #expect(!images.stdout.contains("lesson-"), "\(images.stdout)")
        }
    }

    @Test("as nobody, steps that need root run in the simulation, labelled, and the checks still pass, in both languages",
          .enabled(if: LessonFixtures.canDropToNobody, "needs root to drop to nobody with setpriv"),
          arguments: LessonFixtures.slugs, ["en", "ko"])
    func simulated(slug: String, language: String) throws {
        let user = try LessonUser(asNobody: true)
        let result = try user.run(["learn", slug, "--auto", "--lang", language])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(language == "en" ? ", 0 failed" : "실패 0개"), "\(result.stdout)")
        #expect(result.stdout.contains(language == "en" ? "simulated" : "시뮬레이션"), "the simulation is labelled")
    }

    @Test("--simulate as root also simulates, and the transcript is plain text with NO_COLOR")
    func forcedSimulation() throws {
        let user = try LessonUser(asNobody: false)
        let result = try user.run(["learn", "1", "--auto", "--simulate", "--lang", "en"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("(simulated)"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("an unknown lesson is refused with a pointer to the list")
    func unknownLesson() throws {
        let user = try LessonUser(asNobody: false)
        let result = try user.run(["learn", "no-such-lesson", "--auto"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no lesson \"no-such-lesson\""))
    }
}

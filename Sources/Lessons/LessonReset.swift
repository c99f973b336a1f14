/// `r` in the player and `dockyard learn --reset`: the lesson's progress forgotten and what it
/// created removed.
public struct LessonReset {
    public var setup: PlayerSetup

    public init(setup: PlayerSetup) { self.setup = setup }

    public func reset(_ lesson: Lesson) {
        LessonCleanup(lesson: lesson).run(context: setup.context(for: lesson))
        var progress = setup.progress.load()
        progress.lessons[lesson.slug] = nil
        if progress.current == lesson.slug { progress.current = nil }
        setup.progress.save(progress)
    }
}

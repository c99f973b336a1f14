/// A multiple-choice question written as a Markdown list:
///
///     **Quiz:** What does a container share with its host?
///
///     - [ ] Its own kernel
///     - [x] The host's kernel
///
///     > Containers are processes: there is only one kernel.
///
/// The paragraph before the list is the question, `[x]` marks right answers, and the blockquote
/// after it is the explanation shown once the learner has answered.
public struct Quiz: Sendable, Equatable {
    public var question: [ProseBlock]
    public var choices: [Choice]
    public var explanation: [ProseBlock]
    public var line: Int

    /// One answer the learner can pick.
    public struct Choice: Sendable, Equatable {
        public var text: [Span]
        public var correct: Bool
    }

    /// 1-based numbers of the right answers.
    public var answers: [Int] { choices.indices.filter { choices[$0].correct }.map { $0 + 1 } }
}

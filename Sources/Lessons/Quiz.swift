/// A multiple-choice question written as a Markdown list:
///
///     **Quiz:** What does a container share with its host?
///
///     - [ ] Its own kernel
///       > No: a container boots nothing; its processes make system calls to the host's kernel.
///     - [x] The host's kernel
///
///     > Containers are processes: there is only one kernel.
///
/// The paragraph before the list is the question, `[x]` marks right answers, and the blockquote
/// after it is the explanation shown once the learner has answered. A blockquote inside a wrong
/// choice's item says why that choice is wrong; the player shows it when the learner picks it,
/// and lets them try again.
public struct Quiz: Sendable, Equatable {
    public var question: [ProseBlock]
    public var choices: [Choice]
    public var explanation: [ProseBlock]
    public var line: Int
    /// The quiz's place among the lesson's quizzes, from 1: the same in every translation.
    public var number: Int = 0

    /// The key progress keeps the quiz's result under.
    public var id: String { "quiz-\(number)" }

    /// One answer the learner can pick.
    public struct Choice: Sendable, Equatable {
        public var text: [Span]
        public var correct: Bool
        /// Why this choice is wrong (the blockquote inside its item); empty for a right one.
        public var why: [ProseBlock] = []
    }

    /// 1-based numbers of the right answers.
    public var answers: [Int] { choices.indices.filter { choices[$0].correct }.map { $0 + 1 } }
}

/// Placeholder: the lesson engine lands with its own issue.
enum LessonsPlaceholder {}

/// Placeholder: the Dockerfile parser lands with its own issue.
public enum DockerfileSyntaxPlaceholder {}

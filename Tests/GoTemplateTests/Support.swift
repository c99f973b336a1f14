import GoTemplate

/// Runs `source` over `value` and returns the text, or the error's message.
func render(_ source: String, _ value: TemplateValue = .null, missingKey: MissingKey = .noValue) -> String {
    do {
        return try Template(source).execute(value, missingKey: missingKey)
    } catch {
        return "ERROR: " + error.message
    }
}

/// A container as `inspect` prints it, cut down.
let container: TemplateValue = [
    "Id": "3a87373f9ca0b1",
    "Name": "/web",
    "State": ["Running": true, "Pid": 4242, "ExitCode": 0, "Status": "running"],
    "Config": [
        "Env": ["PATH=/bin", "HOME=/root"],
        "Labels": ["b": "2", "a": "1", "com.example.team": "infra"],
        "Cmd": ["sh", "-c", "sleep 1"],
        "Image": "busybox",
    ],
    "NetworkSettings": ["Networks": ["bridge": ["IPAddress": "172.17.0.2"]]],
    "HostConfig": ["Memory": 0, "NanoCpus": 1.5],
    "Mounts": [],
    "Nothing": nil,
]

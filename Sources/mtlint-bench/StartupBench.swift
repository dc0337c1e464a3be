import Foundation

/// `mtlint-bench --startup [--runs N]`: the wall time of one `mtlint lint` process on a
/// one-paragraph document with all default rules, per language, as a pre-commit hook,
/// an editor or a per-document CMS hook pays it. Runs the `mtlint` built beside this binary.
enum StartupBench {
    static let paragraphs: [(language: String, text: String)] = [
        ("en", "The leader of North Korea met officials in Pyongyang on Tuesday. He said the talks went well, and that more would follow in March."),
        ("de", "Der Staatschef Nordkoreas traf am Dienstag Beamte in Pjöngjang. Er sagte, die Gespräche seien gut verlaufen und im März folgten weitere."),
        ("fr", "Le dirigeant de la Corée du Nord a rencontré des responsables à Pyongyang mardi. Il a dit que les discussions s’étaient bien passées."),
        ("ru", "Лидер Северной Кореи во вторник встретился с чиновниками в Пхеньяне. Он сказал, что переговоры прошли хорошо."),
        ("zh", "朝鲜领导人周二在平壤会见了官员。他说会谈进展顺利，三月还将继续。"),
    ]

    /// The `mtlint` built beside this binary.
    static var binary: URL {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mtlint")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            FileHandle.standardError.write(Data("mtlint-bench: build the mtlint product first (\(binary.path))\n".utf8))
            exit(2)
        }
        return binary
    }

    static func run(runs: Int) {
        print("one-paragraph `mtlint lint --lang L -` with the default rules, \(runs) processes each: wall time")
        for (language, text) in paragraphs {
            let times = (0..<runs).map { _ in milliseconds(binary, ["lint", "--no-config", "--lang", language, "-"], stdin: text) }.sorted()
            print("  \(language)  median \(format(times[times.count / 2])) ms  p90 \(format(times[times.count * 9 / 10])) ms")
        }
        let floor = (0..<runs).map { _ in milliseconds(binary, ["--version"], stdin: "") }.sorted()
        print("  `mtlint --version` (process start-up alone): median \(format(floor[floor.count / 2])) ms")
    }

    /// posix_spawn, not Foundation's Process, whose own launch costs some 40 ms here; the
    /// process's standard output goes to `stdout`.
    static func milliseconds(_ binary: URL, _ arguments: [String], stdin text: String, stdout: String = "/dev/null") -> Double {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return .infinity }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&child, binary.path, &actions, nil, argv, environ)
        close(pipe[0])
        if spawned == 0 {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(pipe[1], $0.baseAddress, $0.count) }
        }
        close(pipe[1])
        guard spawned == 0 else { return .infinity }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
